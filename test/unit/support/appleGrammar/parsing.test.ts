// Tests for unknown options, missing values, and resolving the command word.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkAppleArgv, parseAppleArgv } from '../../../support/appleGrammar';
import { check, runWith, usage } from './helpers';

describe('appleGrammar', () => {
  describe('unknown options and missing values', () => {
    it('rejects an unknown long option with exit 64', () => {
      assert.deepEqual(runWith(['--privileged']), [usage("Unknown option '--privileged'")]);
    });

    it('rejects an unknown short option, naming a whole pack when none of it was used', () => {
      assert.deepEqual(runWith(['-P']), [usage("Unknown option '-P'")]);
      assert.deepEqual(runWith(['-Zd']), [usage("Unknown option '-Zd'")]);
      assert.deepEqual(runWith(['-dZ']), [usage("Unknown option '-Z'")]);
      assert.deepEqual(runWith(['-it=1']), [usage("Unknown option '-it'")]);
    });

    it('rejects each Docker / devcontainer flag of reference §3 with exit 64', () => {
      const dockerOnly = [
        '--privileged',
        '--security-opt=seccomp=unconfined',
        '--gpus=all',
        '--device=/dev/fuse',
        '--hostname=devc',
        '--add-host=host.docker.internal:host-gateway',
        '--restart=always',
        '--pull=always',
        '-P',
        '--publish-all',
        '--expose=80',
        '--userns=host',
        '--group-add=docker',
        '--pid=host',
        '--ipc=host',
        '--uts=host',
        '--sysctl=net.ipv4.ip_forward=1',
        '--health-cmd=true',
        '--health-interval=5s',
        '--stop-signal=SIGTERM',
        '--stop-timeout=10',
        '--log-driver=none',
        '--log-opt=max-size=1m',
        '--link=db',
        '--network-alias=web',
        '--mac-address=02:42:ac:11:00:02',
        '--memory-swap=1g',
        '--cpuset-cpus=0-3',
        '--cpu-shares=512',
        '--oom-kill-disable',
        '--oom-score-adj=500',
        '--init-path=/usr/bin/tini',
        '--attach=stdout',
        '--sig-proxy=false',
        '--no-healthcheck',
        '--label-file=labels',
        '--volumes-from=other',
      ];
      for (const verb of ['run', 'create']) {
        for (const spelled of dockerOnly) {
          const name = spelled.split('=')[0] ?? spelled;
          assert.deepEqual(
            check([verb, spelled, 'alpine']),
            [usage(`Unknown option '${name}'`)],
            `${verb} ${spelled}`,
          );
        }
      }
      assert.deepEqual(check(['exec', '--platform=linux/amd64', 'c1', 'ls']), [
        usage("Unknown option '--platform'"),
      ]);
      assert.deepEqual(check(['start', '--env=A=1', 'c1']), [usage("Unknown option '--env'")]);
      assert.deepEqual(check(['exec', '--privileged', 'c1', 'ls']), [
        usage("Unknown option '--privileged'"),
      ]);
    });

    it('reports a missing value with the parser value name', () => {
      assert.deepEqual(check(['run', '--name', '--rm', 'alpine']), [
        usage("Missing value for '--name <name>'"),
      ]);
      assert.deepEqual(check(['run', '-w']), [
        usage("Missing value for '-w <dir>'"),
        usage("Missing expected argument '<image>'"),
      ]);
      assert.deepEqual(check(['run', '-de']), [
        usage("Unknown option '-de'\n   or: Missing value for '-e <env>' in '-de'"),
        usage("Missing expected argument '<image>'"),
      ]);
    });

    it('does not take a dash-led token as a value unless it is attached with =', () => {
      assert.deepEqual(check(['stop', '-t', '-1', 'c1']), [
        usage("Missing value for '-t <time>'"),
        usage("Unknown option '-1'"),
      ]);
      assert.deepEqual(check(['stop', '--time=-1', 'c1']), []);
    });

    it('rejects a value given to a flag', () => {
      assert.deepEqual(runWith(['--rm=true']), [
        usage("The option '--rm' does not take any value, but 'true' was specified."),
      ]);
    });

    it('rejects tokens with three dashes anywhere before --, even after the image', () => {
      assert.deepEqual(check(['run', 'alpine', 'echo', '---']), [usage('Invalid option: ---')]);
      assert.deepEqual(check(['run', 'alpine', '--', '---x']), []);
    });

    it('names a version-gated option as unknown, saying when it arrived', () => {
      assert.deepEqual(runWith(['--init'], '0.9.0'), [
        usage("Unknown option '--init' (added in container 0.10.0; checking against 0.9.0)"),
      ]);
    });

    it('swallows the value of a version-gated option so it is not taken for the image', () => {
      const parsed = parseAppleArgv(['container', 'run', '--ulimit', 'nofile=8', 'alpine'], {
        version: '0.8.0',
      });
      assert.deepEqual(parsed.positionals, ['alpine']);
      assert.deepEqual(parsed.problems, [
        usage("Unknown option '--ulimit' (added in container 0.9.0; checking against 0.8.0)"),
      ]);
    });
  });

  describe('commands', () => {
    it('treats an unknown top-level word as a plugin lookup', () => {
      assert.deepEqual(check(['ps']), [usage("Plugin 'container-ps' not found.")]);
      assert.deepEqual(check(['images']), [usage("Plugin 'container-images' not found.")]);
    });

    it('rejects an unknown subcommand of a group', () => {
      assert.deepEqual(check(['image', 'history']), [usage("Unexpected argument 'history'")]);
    });

    it('reports a group without a subcommand and a bare container', () => {
      assert.deepEqual(check(['image']), [
        usage("Missing subcommand: 'container image' only prints help"),
      ]);
      assert.deepEqual(check([]), [usage("Missing command: 'container' alone only prints help")]);
      assert.deepEqual(check(['--help']), []);
    });

    it('refuses to pass commands it does not model', () => {
      assert.deepEqual(check(['machine', 'ls']), [
        usage("'container machine' is not modelled by appleGrammar"),
      ]);
      assert.deepEqual(check(['image', 'push', 'x']), [
        usage("'container image push' is not modelled by appleGrammar"),
      ]);
    });

    it('resolves aliases to canonical command paths', () => {
      const paths: Array<[string[], string[]]> = [
        [['rm', 'c1'], ['delete']],
        [['ls'], ['list']],
        [
          ['image', 'ls'],
          ['image', 'list'],
        ],
        [
          ['i', 'rm', 'alpine'],
          ['image', 'delete'],
        ],
        [
          ['s', 'start'],
          ['system', 'start'],
        ],
        [
          ['builder', 'rm'],
          ['builder', 'delete'],
        ],
      ];
      for (const [args, command] of paths) {
        const parsed = parseAppleArgv(['container', ...args]);
        assert.deepEqual(parsed.command, command, args.join(' '));
        assert.deepEqual(parsed.problems, []);
      }
    });

    it('accepts --version and --debug at the root', () => {
      assert.deepEqual(parseAppleArgv(['container', '--version']), {
        command: [],
        options: [{ name: '--version', spelled: '--version' }],
        positionals: [],
        problems: [],
      });
      assert.deepEqual(parseAppleArgv(['container', '--debug', 'list']).command, ['list']);
      assert.deepEqual(check(['--verbose', 'list']), [usage("unknown option '--verbose'")]);
    });

    it('requires argv[0] to be container', () => {
      assert.deepEqual(checkAppleArgv(['docker', 'run', 'alpine']), [
        usage("argv[0] must be 'container', got 'docker'"),
      ]);
    });
  });
});
