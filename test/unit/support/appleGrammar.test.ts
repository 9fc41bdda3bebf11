import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  APPLE_COMMAND_SINCE,
  APPLE_FEATURE_SINCE,
  APPLE_FLAG_SINCE,
  APPLE_FLAG_UNTIL,
  APPLE_NEWEST_VERSION,
  checkAppleArgv,
  parseAppleArgv,
  parseAppleSize,
  type GrammarProblem,
} from '../../support/appleGrammar';

/** Problems for `container <args...>`. */
function check(args: readonly string[], version?: string): GrammarProblem[] {
  return checkAppleArgv(['container', ...args], version === undefined ? {} : { version });
}

/** Problems for `container run <args...> alpine`. */
function runWith(args: readonly string[], version?: string): GrammarProblem[] {
  return check(['run', ...args, 'alpine'], version);
}

const usage = (message: string): GrammarProblem => ({ message, exitCode: 64 });
const runtime = (message: string): GrammarProblem => ({ message, exitCode: 1 });

function assertAccepted(args: readonly string[], version?: string): void {
  assert.deepEqual(check(args, version), [], `expected Apple to accept: ${args.join(' ')}`);
}

describe('appleGrammar', () => {
  describe('run and create: structure', () => {
    it('splits options, the image and the process arguments', () => {
      const parsed = parseAppleArgv([
        'container',
        'run',
        '-d',
        '--rm',
        '--name',
        'devc-proj',
        '-e',
        'A=1',
        'mcr.microsoft.com/devcontainers/base:ubuntu',
        'sleep',
        'infinity',
      ]);
      assert.deepEqual(parsed, {
        command: ['run'],
        options: [
          { name: '--detach', spelled: '-d' },
          { name: '--rm', spelled: '--rm' },
          { name: '--name', spelled: '--name', value: 'devc-proj' },
          { name: '--env', spelled: '-e', value: 'A=1' },
        ],
        positionals: ['mcr.microsoft.com/devcontainers/base:ubuntu', 'sleep', 'infinity'],
        problems: [],
      });
    });

    it('passes everything after the image to the process, even option look-alikes', () => {
      const parsed = parseAppleArgv([
        'container',
        'run',
        'alpine',
        'sh',
        '-c',
        'echo hi',
        '--privileged',
        '--rm',
        '--',
        '-it',
      ]);
      assert.deepEqual(parsed.options, []);
      assert.deepEqual(parsed.positionals, [
        'alpine',
        'sh',
        '-c',
        'echo hi',
        '--privileged',
        '--rm',
        '--',
        '-it',
      ]);
      assert.deepEqual(parsed.problems, []);
    });

    it('reads an option after the image as a process argument, not as an option', () => {
      const parsed = parseAppleArgv(['container', 'run', 'alpine', '-d']);
      assert.deepEqual(parsed.options, []);
      assert.deepEqual(parsed.positionals, ['alpine', '-d']);
    });

    it('accepts -- before the image and drops it', () => {
      const parsed = parseAppleArgv(['container', 'run', '-d', '--', 'alpine', 'ls']);
      assert.deepEqual(parsed.positionals, ['alpine', 'ls']);
      assert.deepEqual(parsed.problems, []);
    });

    it('reads --opt=value, --opt value, -o value and -o=value alike', () => {
      for (const spelling of [['--cpus=4'], ['--cpus', '4'], ['-c', '4'], ['-c=4']]) {
        const parsed = parseAppleArgv(['container', 'run', ...spelling, 'alpine']);
        assert.equal(parsed.options[0]?.name, '--cpus');
        assert.equal(parsed.options[0]?.value, '4');
        assert.deepEqual(parsed.problems, []);
      }
    });

    it('treats --opt= like --opt, taking the next token as the value', () => {
      const parsed = parseAppleArgv(['container', 'run', '--name=', 'x1', 'alpine']);
      assert.deepEqual(parsed.options, [{ name: '--name', spelled: '--name', value: 'x1' }]);
      assert.deepEqual(parsed.positionals, ['alpine']);
    });

    it('unpacks packed short flags like -it and -di', () => {
      const parsed = parseAppleArgv(['container', 'run', '-it', '-di', 'alpine']);
      assert.deepEqual(
        parsed.options.map((o) => [o.name, o.spelled]),
        [
          ['--interactive', '-i'],
          ['--tty', '-t'],
          ['--detach', '-d'],
          ['--interactive', '-i'],
        ],
      );
      assert.deepEqual(parsed.problems, []);
    });

    it('gives a packed option that needs a value the next token, wherever it sits in the pack', () => {
      for (const pack of ['-de', '-ed']) {
        const parsed = parseAppleArgv(['container', 'run', pack, 'FOO=1', 'alpine']);
        assert.deepEqual(
          parsed.options.find((o) => o.name === '--env'),
          { name: '--env', spelled: '-e', value: 'FOO=1' },
        );
        assert.deepEqual(parsed.positionals, ['alpine']);
        assert.deepEqual(parsed.problems, []);
      }
    });

    it('knows the long aliases --remove, --cwd and --workdir', () => {
      const parsed = parseAppleArgv([
        'container',
        'create',
        '--remove',
        '--cwd',
        '/w',
        '--workdir',
        '/x',
        '-w',
        '/y',
        'alpine',
      ]);
      assert.deepEqual(
        parsed.options.map((o) => o.name),
        ['--rm', '--workdir', '--workdir', '--workdir'],
      );
      assert.deepEqual(parsed.problems, []);
    });

    it('reads -a as --arch in run and create', () => {
      for (const verb of ['run', 'create']) {
        const parsed = parseAppleArgv(['container', verb, '-a', 'amd64', 'alpine']);
        assert.deepEqual(parsed.options, [{ name: '--arch', spelled: '-a', value: 'amd64' }]);
        assert.deepEqual(parsed.problems, []);
      }
      // Docker's `-a stdout` (attach) becomes an architecture.
      assert.deepEqual(runWith(['-a', 'stdout']), [
        runtime("unsupported architecture 'stdout': use one of arm64, aarch64, amd64, x86_64"),
      ]);
    });

    it('accepts every run option of reference §3 at 1.2.2', () => {
      assertAccepted([
        'run',
        ...[
          '-e',
          'A=1',
          '--env-file',
          '/tmp/env',
          '-u',
          'vscode',
          '--uid',
          '1000',
          '--gid',
          '1000',
        ],
        ...['-w', '/workspaces/p', '-i', '-t', '--ulimit', 'nofile=1024:2048'],
        ...['-c', '4', '-m', '8G'],
        ...['--name', 'devc-p', '-d', '--rm', '-a', 'arm64', '--os', 'linux'],
        ...['--platform', 'linux/arm64', '--rosetta', '-v', '/Users/me/p:/workspaces/p'],
        ...['--mount', 'type=volume,source=cache,target=/cache', '--tmpfs', '/tmp'],
        ...['-p', '127.0.0.1:3000:3000', '--publish-socket', '/tmp/a.sock:/run/a.sock'],
        ...['-l', 'devcontainer.local_folder=/Users/me/p', '--network', 'default,mtu=1500'],
        ...['--dns', '1.1.1.1', '--dns-search', 'example.com', '--dns-option', 'ndots:2'],
        ...['--dns-domain', 'test', '--entrypoint', '/bin/sh', '--cidfile', '/tmp/cid'],
        ...['--init', '--init-image', 'ghcr.io/apple/containerization/vminit:0.40.1'],
        ...['-k', '/tmp/vmlinux', '--kernel-arg', 'quiet', '--read-only'],
        ...['--cap-add', 'SYS_PTRACE', '--cap-drop', 'ALL', '--shm-size', '1g', '--ssh'],
        ...['--virtualization', '--runtime', 'container-runtime-linux'],
        ...['--masked-path', '/proc/kcore', '--read-only-path', 'NONE'],
        ...['--scheme', 'https', '--progress', 'plain', '--max-concurrent-downloads', '6'],
        ...['--debug', 'mcr.microsoft.com/devcontainers/base:ubuntu', 'sleep', 'infinity'],
      ]);
    });

    it('has --progress on run only', () => {
      assert.deepEqual(runWith(['--progress', 'none']), []);
      assert.deepEqual(check(['create', '--progress', 'none', 'alpine']), [
        usage("Unknown option '--progress'"),
      ]);
    });

    it('requires an image', () => {
      assert.deepEqual(check(['run', '-d']), [usage("Missing expected argument '<image>'")]);
      assert.deepEqual(check(['create']), [usage("Missing expected argument '<image>'")]);
    });
  });

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
      assert.deepEqual(check(['volume', 'ls']), [
        usage("'container volume' is not modelled by appleGrammar"),
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

  describe('--mount', () => {
    it('accepts the documented keys and types', () => {
      for (const spec of [
        'type=bind,source=/Users/me/p,target=/workspaces/p',
        'type=virtiofs,src=/a,dst=/b,readonly',
        'source=/a,destination=/b,ro',
        'type=volume,source=cache,target=/cache',
        'type=volume,target=/anon',
        'type=tmpfs,target=/scratch,size=64m,mode=1777',
        'type=bind,source=./rel,target=/b',
      ]) {
        assert.deepEqual(runWith(['--mount', spec]), [], spec);
      }
    });

    it('rejects any other key, e.g. consistency=cached from devcontainer.json', () => {
      const spec = 'type=bind,source=/a,target=/b,consistency=cached';
      assert.deepEqual(runWith(['--mount', spec]), [
        runtime(`unknown directive consistency when parsing mount ${spec}`),
      ]);
      const propagation = 'type=bind,source=/a,target=/b,bind-propagation=rshared';
      assert.deepEqual(runWith(['--mount', propagation]), [
        runtime(`unknown directive bind-propagation when parsing mount ${propagation}`),
      ]);
    });

    it('flags readonly=<value>, which is read-only whatever the value', () => {
      const spec = 'type=bind,source=/a,target=/b,readonly=false';
      assert.deepEqual(runWith(['--mount', spec]), [
        runtime(
          `'readonly=false' in mount ${spec}: readonly takes no value, and any value (even false) ` +
            "still makes the mount read-only (checker's rule)",
        ),
      ]);
      assert.equal(runWith(['--mount', 'source=/a,target=/b,ro=true']).length, 1);
    });

    it('rejects an unknown type, and size/mode outside tmpfs', () => {
      assert.deepEqual(runWith(['--mount', 'type=nfs,source=/a,target=/b']), [
        runtime('unsupported mount type nfs'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a,target=/b,size=1g']), [
        runtime('unsupported option size for bind mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'source=/a,target=/b,mode=755']), [
        runtime('unsupported option mode for virtiofs mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=tmpfs,target=/t,size=lots']), [
        runtime('invalid size'),
      ]);
    });

    it('rejects a key without a value, a tmpfs source and a bad volume name', () => {
      assert.deepEqual(runWith(['--mount', 'type,target=/x']), [
        runtime('invalid directive format missing value type in type,target=/x'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=tmpfs,source=/a,target=/t']), [
        runtime('cannot specify source for tmpfs mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,source=-bad,target=/t']), [
        runtime("invalid volume name '-bad': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
      ]);
    });

    it('rejects a mount without a target or without a bind source', () => {
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a']), [
        runtime('mount destination cannot be empty'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,source=v']), [
        runtime('volume destination cannot be empty'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,target=/b']), [
        runtime(' is not an absolute path on the host (mount type=bind,target=/b has no source)'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a,target=b']), [
        runtime(
          "container path 'b' in 'type=bind,source=/a,target=b' is not absolute (checker's rule)",
        ),
      ]);
    });

    it('gates an anonymous type=volume mount on 0.6', () => {
      assert.deepEqual(runWith(['--mount', 'type=volume,target=/anon'], '0.5.0'), [
        runtime(
          '--mount type=volume without a source (an anonymous volume) ' +
            '(added in container 0.6.0; checking against 0.5.0)',
        ),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,target=/anon'], '0.6.0'), []);
    });
  });

  describe('-v/--volume', () => {
    it('accepts bind, named and anonymous volumes', () => {
      for (const spec of [
        '/Users/me/p:/workspaces/p',
        '/Users/me/p:/workspaces/p:ro',
        'cache:/cache',
        'my_vol.1:/data:ro',
        '/data',
        '.:/src',
        '../other:/other',
      ]) {
        assert.deepEqual(runWith(['-v', spec]), [], spec);
        assert.deepEqual(runWith(['--volume', spec]), [], spec);
      }
    });

    it('rejects a bad volume name and too many parts', () => {
      assert.deepEqual(runWith(['-v', '-cache:/c']), [
        usage("Missing value for '-v <volume>'"),
        usage("Unknown option '-cache:/c'"),
      ]);
      assert.deepEqual(runWith(['-v=_cache:/c']), [
        runtime("invalid volume name '_cache': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
      ]);
      assert.deepEqual(runWith(['-v', '/a:/b:ro:x']), [
        runtime('invalid volume format /a:/b:ro:x'),
      ]);
    });

    it('requires an absolute container path (checker rule)', () => {
      assert.deepEqual(runWith(['-v', '/a:b']), [
        runtime("container path 'b' in '/a:b' is not absolute (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['-v', 'data']), [
        runtime("container path 'data' in 'data' is not absolute (checker's rule)"),
      ]);
    });

    it('gates anonymous volumes on 0.6 and relative host paths on 0.11', () => {
      assert.deepEqual(runWith(['-v', '/data'], '0.5.0'), [
        runtime(
          'anonymous volumes are not supported (added in container 0.6.0; checking against 0.5.0)',
        ),
      ]);
      assert.deepEqual(runWith(['-v', './src:/src'], '0.10.0'), [
        runtime(
          "invalid volume name './src': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$ " +
            '(added in container 0.11.0; checking against 0.10.0)',
        ),
      ]);
      assert.deepEqual(runWith(['-v', './src:/src'], '0.11.0'), []);
      assert.deepEqual(runWith(['-v', '/abs:/src'], '0.5.0'), []);
    });
  });

  describe('-p/--publish', () => {
    it('accepts the documented forms', () => {
      for (const spec of [
        '8080:80',
        '127.0.0.1:8080:80',
        '[::1]:8080:80',
        '[fe80::1:2]:8080:80/udp',
        '8000-8010:8000-8010',
        '53:53/udp',
        '443:443/TCP',
        '65535:65535',
      ]) {
        assert.deepEqual(runWith(['-p', spec]), [], spec);
      }
    });

    it('has no container-port-only form', () => {
      assert.deepEqual(runWith(['-p', '80']), [runtime('invalid publish value: 80')]);
      assert.deepEqual(runWith(['-p', ':80']), [runtime('invalid publish value: :80')]);
    });

    it('checks protocol, addresses, ports and ranges with Apple messages', () => {
      const cases: Array<[string, string]> = [
        ['80:80/sctp', 'invalid publish protocol: sctp'],
        ['999.0.0.1:80:80', 'invalid publish IPv4 address: 999.0.0.1:80:80'],
        ['localhost:80:80', 'invalid publish IPv4 address: localhost:80:80'],
        ['[::zz]:80:80', 'invalid publish IPv6 address: [::zz]:80:80'],
        ['70000:80', 'invalid publish host port: 70000'],
        ['http:80', 'invalid publish host port: http'],
        ['80:', 'invalid publish container port: '],
        ['80:65536', 'invalid publish container port: 65536'],
        ['1:80', 'invalid publish host port range: 1'],
        ['80:1', 'invalid publish container port range: 1'],
        ['8010-8000:8000-8010', 'invalid publish host port range: 8010-8000'],
        [
          '8000-8010:8000-8005',
          'publish host and container port counts are not equal: 8000-8010:8000-8005',
        ],
      ];
      for (const [spec, message] of cases) {
        assert.deepEqual(runWith(['-p', spec]), [runtime(message)], spec);
      }
    });

    it('rejects overlapping host ports per protocol and more than 64 specs', () => {
      assert.deepEqual(runWith(['-p', '8000-8005:8000-8005', '-p', '127.0.0.1:8003:80']), [
        runtime('host ports for different publish port specs may not overlap'),
      ]);
      assert.deepEqual(runWith(['-p', '53:53/udp', '-p', '53:53/tcp']), []);
      const many = Array.from({ length: 65 }, (_, i) => ['-p', `${2000 + i}:80`]).flat();
      assert.deepEqual(runWith(many), [
        runtime('cannot exceed more than 64 port publish descriptors'),
      ]);
      assert.deepEqual(runWith(many.slice(2)), []);
    });
  });

  describe('-m/--memory and sizes', () => {
    it('reads sizes as Apple does: binary units, bare number means bytes', () => {
      assert.deepEqual(parseAppleSize('512m'), { bytes: 512 * 2 ** 20 });
      assert.deepEqual(parseAppleSize('4G'), { bytes: 4 * 2 ** 30 });
      assert.deepEqual(parseAppleSize('4gb'), { bytes: 4 * 2 ** 30 });
      assert.deepEqual(parseAppleSize('4GiB'), { bytes: 4 * 2 ** 30 });
      assert.deepEqual(parseAppleSize('1.5g'), { bytes: 1.5 * 2 ** 30 });
      assert.deepEqual(parseAppleSize('2T'), { bytes: 2 * 2 ** 40 });
      assert.deepEqual(parseAppleSize('1048576'), { bytes: 2 ** 20 });
      assert.deepEqual(parseAppleSize(' 8 g '), { bytes: 8 * 2 ** 30 });
      assert.deepEqual(parseAppleSize('4x'), { error: 'invalid symbol: x' });
      assert.deepEqual(parseAppleSize('4gig'), { error: 'invalid symbol: gig' });
      assert.deepEqual(parseAppleSize('lots'), { error: 'invalid size' });
      assert.deepEqual(parseAppleSize('1.2.3g'), { error: 'invalid size' });
    });

    it('accepts valid memory values', () => {
      for (const memory of ['512m', '4G', '4gb', '4GiB', '1.5g', '209715200', '200M', '0.25g']) {
        assert.deepEqual(runWith(['-m', memory]), [], memory);
      }
    });

    it('rejects bad memory syntax', () => {
      assert.deepEqual(runWith(['--memory', '4 GB!']), [runtime('invalid symbol: gb!')]);
      assert.deepEqual(runWith(['-m', 'lots']), [runtime('invalid size')]);
    });

    it('enforces the 200 MiB minimum from 0.10, after truncating to whole MiB', () => {
      assert.deepEqual(runWith(['-m', '100m']), [
        runtime('minimum memory amount allowed is 200 MiB (got 104857600 bytes)'),
      ]);
      assert.deepEqual(runWith(['-m', '209715199']), [
        runtime('minimum memory amount allowed is 200 MiB (got 208666624 bytes)'),
      ]);
      assert.deepEqual(runWith(['-m', '100m'], '0.9.0'), []);
      assert.deepEqual(check(['create', '-m', '0.1g', 'alpine']), [
        runtime('minimum memory amount allowed is 200 MiB (got 106954752 bytes)'),
      ]);
    });

    it('reads --shm-size with the same syntax', () => {
      assert.deepEqual(runWith(['--shm-size', '64m']), []);
      assert.deepEqual(runWith(['--shm-size', '64q']), [runtime('invalid symbol: q')]);
    });
  });

  describe('-c/--cpus', () => {
    it('wants a positive integer', () => {
      assert.deepEqual(runWith(['-c', '8']), []);
      assert.deepEqual(runWith(['--cpus', '0']), [
        runtime("cpus must be a positive integer, got 0 (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['-c', '2.5']), [
        usage("The value '2.5' is invalid for '-c <cpus>'"),
      ]);
      assert.deepEqual(runWith(['--cpus', 'four']), [
        usage("The value 'four' is invalid for '--cpus <cpus>'"),
      ]);
    });
  });

  describe('--name', () => {
    it('accepts names matching the container ID pattern, up to 63 characters', () => {
      for (const name of ['devc-proj', 'ab', 'My_Proj.1', 'a'.repeat(63)]) {
        assert.deepEqual(runWith(['--name', name]), [], name);
      }
    });

    it('rejects other names with Apple wording', () => {
      for (const name of ['a', '_x', 'a/b', 'has space', 'a'.repeat(64), '.hidden']) {
        assert.deepEqual(
          runWith([`--name=${name}`]),
          [runtime(`container ID ${name} is not a valid container ID`)],
          name,
        );
      }
      assert.deepEqual(runWith(['--name', 'a'], '0.5.0'), [runtime('invalid entity name a')]);
    });
  });

  describe('-l/--label', () => {
    it('accepts key=value and a bare key', () => {
      assert.deepEqual(runWith(['-l', 'devcontainer.local_folder=/Users/me/p', '-l', 'flag']), []);
    });

    it('rejects an = inside the value and an empty label', () => {
      assert.deepEqual(runWith(['--label', 'devcontainer.metadata=[{"a":"b=c"}]']), [
        runtime('invalid label format devcontainer.metadata=[{"a":"b=c"}]'),
      ]);
      assert.deepEqual(runWith(['-l', '']), [runtime('label cannot be an empty string')]);
    });
  });

  describe('-e/--env', () => {
    it('accepts KEY=VAL, KEY= and a bare KEY', () => {
      assert.deepEqual(runWith(['-e', 'A=1', '-e', 'B=', '-e', 'HOME', '--env', 'C=x=y']), []);
    });

    it('rejects an empty key', () => {
      assert.deepEqual(runWith(['-e', '=1']), [
        runtime("invalid environment variable '=1': the name is empty (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['-e', '']), [
        runtime("invalid environment variable '': the name is empty (checker's rule)"),
      ]);
    });
  });

  describe('--arch, --os and --platform', () => {
    it('accepts the four architecture spellings', () => {
      for (const arch of ['arm64', 'aarch64', 'amd64', 'x86_64']) {
        assert.deepEqual(runWith(['--arch', arch]), [], arch);
      }
    });

    it('rejects other architectures and operating systems', () => {
      assert.deepEqual(runWith(['--arch', 'ppc64le']), [
        runtime("unsupported architecture 'ppc64le': use one of arm64, aarch64, amd64, x86_64"),
      ]);
      assert.deepEqual(runWith(['--os', 'windows']), [
        runtime("unsupported OS 'windows': Apple's container runs linux images"),
      ]);
    });

    it('checks os/arch[/variant] platforms', () => {
      for (const platform of ['linux/arm64', 'linux/amd64', 'linux/arm64/v8', 'linux/x86_64']) {
        assert.deepEqual(runWith(['--platform', platform]), [], platform);
      }
      assert.deepEqual(runWith(['--platform', 'linux']), [
        runtime('missing architecture in linux'),
      ]);
      assert.deepEqual(runWith(['--platform', 'freebsd/amd64']), [
        runtime('unknown OS in freebsd'),
      ]);
      assert.deepEqual(runWith(['--platform', 'linux/arm64/']), [
        runtime('invalid variant in linux/arm64/'),
      ]);
      assert.deepEqual(runWith(['--platform', 'linux/s390x']), [
        runtime("unsupported architecture 's390x': use one of arm64, aarch64, amd64, x86_64"),
      ]);
    });
  });

  describe('--ulimit', () => {
    it('accepts type=soft[:hard] with unlimited and -1', () => {
      assert.deepEqual(
        runWith([
          '--ulimit',
          'nofile=1024:2048',
          '--ulimit',
          'core=unlimited',
          '--ulimit',
          'NPROC=-1',
        ]),
        [],
      );
    });

    it('rejects bad formats, types, values and soft above hard', () => {
      const cases: Array<[string, string]> = [
        ['nofile', "invalid ulimit format 'nofile': expected <type>=<soft>[:<hard>]"],
        [
          'files=1',
          "unsupported ulimit type 'files': valid types are core, cpu, data, fsize, locks, memlock, " +
            'msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack',
        ],
        [
          'nofile=many',
          "invalid ulimit value 'many' for 'nofile': must be a non-negative integer or 'unlimited'",
        ],
        [
          'nofile=1:x',
          "invalid ulimit value 'x' for 'nofile': must be a non-negative integer or 'unlimited'",
        ],
        ['nofile=2048:1024', "ulimit 'nofile' soft limit (2048) cannot exceed hard limit (1024)"],
      ];
      for (const [spec, message] of cases) {
        assert.deepEqual(runWith(['--ulimit', spec]), [runtime(message)], spec);
      }
    });

    it('rejects the same type twice', () => {
      assert.deepEqual(runWith(['--ulimit', 'nofile=1', '--ulimit', 'NOFILE=2']), [
        runtime('duplicate ulimit type: NOFILE'),
      ]);
    });
  });

  describe('--network', () => {
    it('accepts a name with mac and mtu, and none alone', () => {
      assert.deepEqual(runWith(['--network', 'default,mac=02:42:ac:11:00:02,mtu=1500']), []);
      assert.deepEqual(runWith(['--network', 'none']), []);
      assert.deepEqual(runWith(['--network', 'backend', '--network', 'default']), []);
    });

    it('rejects bad properties with Apple messages', () => {
      const cases: Array<[string, string]> = [
        ['default,mtu=1279', "invalid mtu value '1279': must be between 1280 and 65535"],
        ['default,mtu=65536', "invalid mtu value '65536': must be between 1280 and 65535"],
        ['default,mac=zz', 'invalid MAC address format zz, expected format: XX:XX:XX:XX:XX:XX'],
        ['default,mac=', 'mac address value cannot be empty'],
        ['default,alias=web', "unknown network property 'alias'. Available properties: mac, mtu"],
        ['default,mtu', "invalid property format 'mtu' in network specification 'default,mtu'"],
        [',mtu=1500', 'network name cannot be empty'],
      ];
      for (const [spec, message] of cases) {
        assert.deepEqual(runWith(['--network', spec]), [runtime(message)], spec);
      }
    });

    it('does not combine none with other networks', () => {
      assert.deepEqual(runWith(['--network', 'none', '--network', 'default']), [
        runtime('no other networks may be created along with network none'),
      ]);
    });
  });

  describe('--cap-add and --cap-drop', () => {
    it('accepts capability names with or without CAP_, in any case, and ALL', () => {
      assert.deepEqual(
        runWith(['--cap-add', 'SYS_PTRACE', '--cap-add', 'cap_net_admin', '--cap-drop', 'all']),
        [],
      );
    });

    it('rejects unknown capabilities', () => {
      assert.deepEqual(runWith(['--cap-add', 'net_foo']), [
        runtime("invalid CapabilityName 'NET_FOO'"),
      ]);
    });
  });

  describe('--tmpfs', () => {
    it('takes an absolute path only', () => {
      assert.deepEqual(runWith(['--tmpfs', '/tmp']), []);
      assert.deepEqual(runWith(['--tmpfs', '/run:size=64m']), [
        runtime("--tmpfs takes a path only, not options: '/run:size=64m' (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['--tmpfs', 'tmp']), [
        runtime("container path 'tmp' in 'tmp' is not absolute (checker's rule)"),
      ]);
    });
  });

  describe('other run values', () => {
    it('checks --masked-path and --read-only-path', () => {
      assert.deepEqual(runWith(['--masked-path', 'none', '--read-only-path', '/sys']), []);
      assert.deepEqual(runWith(['--read-only-path', 'sys']), [
        runtime(
          "invalid path 'sys' for --read-only-path: path must be absolute, or the NONE sentinel",
        ),
      ]);
    });

    it('checks --publish-socket and --scheme', () => {
      assert.deepEqual(runWith(['--publish-socket', '/tmp/a.sock']), [
        runtime('invalid publish-socket format /tmp/a.sock. Expected: host_path:container_path'),
      ]);
      assert.deepEqual(runWith(['--scheme', 'ftp']), [runtime('unsupported scheme ftp')]);
    });

    it('checks integer options', () => {
      assert.deepEqual(runWith(['--uid', '-1']), [
        usage("Missing value for '--uid <uid>'"),
        usage("Unknown option '-1'"),
      ]);
      assert.deepEqual(runWith(['--uid=-1']), [
        usage("The value '-1' is invalid for '--uid <uid>'"),
      ]);
      assert.deepEqual(runWith(['--max-concurrent-downloads', 'x']), [
        usage(
          "The value 'x' is invalid for '--max-concurrent-downloads <max-concurrent-downloads>'",
        ),
      ]);
    });
  });

  describe('--no-dns', () => {
    it('is a usage error together with any --dns* flag', () => {
      assert.deepEqual(runWith(['--no-dns']), []);
      for (const dns of [
        ['--dns', '1.1.1.1'],
        ['--dns-search', 'x'],
        ['--dns-option', 'ndots:1'],
        ['--dns-domain', 't'],
      ]) {
        assert.deepEqual(
          runWith(['--no-dns', ...dns]),
          [
            usage(
              '`--no-dns` cannot be used with DNS configuration flags (`--dns`, `--dns-domain`, `--dns-option`, `--dns-search`)',
            ),
          ],
          dns.join(' '),
        );
      }
    });
  });

  describe('--progress', () => {
    it('takes auto|none|ansi|plain|color at 1.2.2', () => {
      for (const progress of ['auto', 'none', 'ansi', 'plain', 'color']) {
        assert.deepEqual(runWith(['--progress', progress]), [], progress);
      }
      assert.deepEqual(runWith(['--progress', 'tty']), [
        usage("The value 'tty' is invalid for '--progress <type>'"),
      ]);
    });

    it('took only none|ansi before 0.12 and did not exist before 0.7', () => {
      assert.deepEqual(runWith(['--progress', 'none'], '0.7.0'), []);
      assert.deepEqual(runWith(['--progress', 'plain'], '0.11.0'), [
        usage(
          "The value 'plain' is invalid for '--progress <type>' (added in container 0.12.0; checking against 0.11.0)",
        ),
      ]);
      assert.deepEqual(runWith(['--progress', 'none'], '0.6.0'), [
        usage("Unknown option '--progress' (added in container 0.7.0; checking against 0.6.0)"),
      ]);
    });

    it('knows --disable-progress-updates only before 0.7', () => {
      assert.deepEqual(runWith(['--disable-progress-updates'], '0.6.0'), []);
      assert.deepEqual(runWith(['--disable-progress-updates']), [
        usage(
          "Unknown option '--disable-progress-updates' (removed in container 0.7.0; checking against 1.2.2)",
        ),
      ]);
    });
  });

  describe('build', () => {
    it('accepts the documented flags and one context directory', () => {
      const parsed = parseAppleArgv([
        'container',
        'build',
        ...['-f', '.devcontainer/Dockerfile', '-t', 'vsc-p:latest', '--tag', 'vsc-p:dev'],
        ...['--build-arg', 'VARIANT=bookworm', '--target', 'dev', '--no-cache', '--pull'],
        ...['-a', 'arm64', '--os', 'linux', '--platform', 'linux/arm64,linux/amd64'],
        ...['-l', 'a=b', '-o', 'type=oci', '-q', '--progress', 'plain'],
        ...['--secret', 'id=npm,env=NPM_TOKEN', '--secret', 'id=key,src=/tmp/key'],
        ...['--ssh', 'default', '-c', '4', '-m', '4g', '--dns', '1.1.1.1', '--vsock-port', '8088'],
        '.devcontainer',
      ]);
      assert.deepEqual(parsed.command, ['build']);
      assert.deepEqual(parsed.positionals, ['.devcontainer']);
      assert.deepEqual(
        parsed.options.filter((o) => o.name === '--tag').map((o) => o.value),
        ['vsc-p:latest', 'vsc-p:dev'],
      );
      assert.deepEqual(parsed.problems, []);
    });

    it('reads -t as --tag and -a as --arch in build', () => {
      const parsed = parseAppleArgv(['container', 'build', '-t', 'x', '-a', 'amd64,arm64']);
      assert.deepEqual(parsed.options, [
        { name: '--tag', spelled: '-t', value: 'x' },
        { name: '--arch', spelled: '-a', value: 'amd64,arm64' },
      ]);
      assert.deepEqual(parsed.positionals, []);
      assert.deepEqual(parsed.problems, []);
    });

    it('takes at most one context directory', () => {
      assert.deepEqual(check(['build', 'a', 'b']), [usage("Unexpected argument 'b'")]);
      assert.deepEqual(check(['build', 'a', 'b', 'c']), [
        usage("2 unexpected arguments: 'b', 'c'"),
      ]);
    });

    it('checks build values', () => {
      assert.deepEqual(check(['build', '--build-arg', 'VARIANT', '.']), [
        runtime("--build-arg must be key=value, got 'VARIANT' (checker's rule)"),
      ]);
      assert.deepEqual(check(['build', '--progress', 'ansi', '.']), [
        usage("The value 'ansi' is invalid for '--progress <type>'"),
      ]);
      assert.deepEqual(check(['build', '-a', 'arm64,ppc', '.']), [
        runtime("unsupported architecture 'ppc': use one of arm64, aarch64, amd64, x86_64"),
      ]);
      assert.deepEqual(check(['build', '-o', 'type=tar', '.']), [
        runtime('export entry type=tar is invalid: dest field is required'),
      ]);
      assert.deepEqual(check(['build', '-o', 'type=docker', '.']), [
        runtime('export entry type=docker is invalid: unsupported output type'),
      ]);
      assert.deepEqual(check(['build', '-o', 'type=local,dest=out', '.']), []);
      assert.deepEqual(check(['build', '--secret', 'npm', '.']), [
        usage('secret must start with id=<key> npm'),
      ]);
      assert.deepEqual(check(['build', '--secret', 'id=a,file=/x', '.']), [
        usage('secret bad value file=/x'),
      ]);
      assert.deepEqual(check(['build', '--ssh', 'mykey', '.']), [
        usage('only --ssh default is currently supported'),
      ]);
      assert.deepEqual(check(['build', '-m', '2x', '.']), [runtime('invalid symbol: x')]);
    });

    it('gates --dns*, --pull, --secret and --ssh', () => {
      const cases: Array<[string[], string, string]> = [
        [
          ['--dns', '1.1.1.1'],
          '0.8.0',
          "Unknown option '--dns' (added in container 0.9.0; checking against 0.8.0)",
        ],
        [
          ['--pull'],
          '0.9.0',
          "Unknown option '--pull' (added in container 0.10.0; checking against 0.9.0)",
        ],
        [
          ['--secret', 'id=a'],
          '0.10.0',
          "Unknown option '--secret' (added in container 0.11.0; checking against 0.10.0)",
        ],
        [
          ['--ssh', 'default'],
          '1.2.0',
          "Unknown option '--ssh' (added in container 1.2.1; checking against 1.2.0)",
        ],
      ];
      for (const [flags, version, message] of cases) {
        assert.deepEqual(check(['build', ...flags, '.'], version), [usage(message)], flags[0]);
      }
    });

    it('has no --network, --add-host or --build-context', () => {
      for (const name of ['--network', '--add-host', '--build-context']) {
        assert.deepEqual(check(['build', `${name}=x`, '.']), [usage(`Unknown option '${name}'`)]);
      }
    });
  });

  describe('the simpler verbs', () => {
    it('start: -a/--attach and -i/--interactive, one ID', () => {
      const parsed = parseAppleArgv(['container', 'start', '-ai', 'c1']);
      assert.deepEqual(parsed.options, [
        { name: '--attach', spelled: '-a' },
        { name: '--interactive', spelled: '-i' },
      ]);
      assert.deepEqual(parsed.positionals, ['c1']);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(check(['start']), [usage("Missing expected argument '<container-id>'")]);
      assert.deepEqual(check(['start', 'c1', 'c2']), [usage("Unexpected argument 'c2'")]);
    });

    it('stop: -a, -s, -t with an Int32, and IDs or --all', () => {
      assertAccepted(['stop', '-s', 'SIGTERM', '-t', '3', 'c1', 'c2']);
      assertAccepted(['stop', '--all']);
      assertAccepted(['stop', 'c1', '--time', '10']);
      assert.deepEqual(check(['stop', '-t', 'soon', 'c1']), [
        usage("The value 'soon' is invalid for '-t <time>'"),
      ]);
      assert.deepEqual(check(['stop']), [
        runtime('no containers specified and --all not supplied'),
      ]);
      assert.deepEqual(check(['stop', '-a', 'c1']), [
        runtime('explicitly supplied container IDs conflict with the --all flag'),
      ]);
    });

    it('kill and delete/rm', () => {
      assertAccepted(['kill', '-s', 'HUP', 'c1']);
      assertAccepted(['kill', '--all']);
      assertAccepted(['delete', '-f', 'c1']);
      assertAccepted(['rm', '--force', '--all']);
      assert.deepEqual(check(['rm']), [runtime('no containers specified and --all not supplied')]);
      assert.deepEqual(check(['kill', '-t', '3', 'c1']), [usage("Unknown option '-t'")]);
    });

    it('list/ls and inspect', () => {
      assertAccepted(['list', '--all', '--format', 'json']);
      assertAccepted(['ls', '-aq']);
      assert.deepEqual(check(['ls', 'c1']), [usage("Unexpected argument 'c1'")]);
      assertAccepted(['inspect', 'c1', 'c2']);
      assert.deepEqual(check(['inspect']), [
        usage("Missing expected argument '<container-ids> ...'"),
      ]);
    });

    it('exec: process flags, -d, the ID, then the command untouched', () => {
      const parsed = parseAppleArgv([
        'container',
        'exec',
        '-it',
        '-u',
        'vscode',
        '-w',
        '/workspaces/p',
        '-e',
        'A=1',
        'c1',
        'bash',
        '-lc',
        'echo --rm -d',
      ]);
      assert.deepEqual(parsed.command, ['exec']);
      assert.deepEqual(parsed.positionals, ['c1', 'bash', '-lc', 'echo --rm -d']);
      assert.deepEqual(parsed.problems, []);
      assertAccepted([
        'exec',
        '-d',
        '--uid',
        '1000',
        '--gid',
        '1000',
        '--env-file',
        '/e',
        'c1',
        'x',
      ]);
      assert.deepEqual(check(['exec', 'c1']), [
        usage("Missing expected argument '<arguments> ...'"),
      ]);
      assert.deepEqual(check(['exec', '-d', 'c1', 'x'], '0.6.0'), [
        usage("Unknown option '-d' (added in container 0.7.0; checking against 0.6.0)"),
      ]);
    });

    it('logs: --boot, -f, -n', () => {
      assertAccepted(['logs', '-f', '-n', '50', 'c1']);
      assertAccepted(['logs', '--boot', 'c1']);
      assert.deepEqual(check(['logs', '-n', 'all', 'c1']), [
        usage("The value 'all' is invalid for '-n <n>'"),
      ]);
      assert.deepEqual(check(['logs', '--tail', '5', 'c1']), [
        usage("Unknown option '--tail'"),
        usage("Unexpected argument 'c1'"),
      ]);
    });

    it('stats: since 0.7, with --format and --no-stream', () => {
      assertAccepted(['stats', '--no-stream', '--format', 'json', 'c1']);
      assert.deepEqual(check(['stats'], '0.6.0'), [
        usage(
          "Plugin 'container-stats' not found. (added in container 0.7.0; checking against 0.6.0)",
        ),
      ]);
    });

    it('--format: json|table, yaml from 0.12, toml from 1.0', () => {
      assert.deepEqual(check(['list', '--format', 'xml']), [
        usage(
          "The value 'xml' is invalid for '--format <format>'. Please provide one of 'json', 'table', 'yaml' or 'toml'.",
        ),
      ]);
      assert.deepEqual(check(['list', '--format', 'yaml'], '0.11.0'), [
        usage(
          "The value 'yaml' is invalid for '--format <format>'. Please provide one of 'json' and 'table'. " +
            '(added in container 0.12.0; checking against 0.11.0)',
        ),
      ]);
      assertAccepted(['list', '--format', 'toml'], '1.0.0');
    });

    it('image list|ls|inspect|pull|delete|rm', () => {
      assertAccepted(['image', 'list', '--format', 'json']);
      assertAccepted(['image', 'ls', '-q']);
      assert.deepEqual(check(['image', 'ls', '-qv']), [
        runtime('cannot use flag --quiet and --verbose together'),
      ]);
      assertAccepted(['image', 'inspect', 'alpine', 'ubuntu:24.04']);
      assert.deepEqual(check(['image', 'inspect']), [
        usage("Missing expected argument '<images> ...'"),
      ]);
      assertAccepted([
        'image',
        'pull',
        '--platform',
        'linux/amd64',
        '--progress',
        'none',
        'alpine',
      ]);
      assertAccepted(['image', 'pull', '-a', 'arm64', '--os', 'linux', 'alpine']);
      assert.deepEqual(check(['image', 'pull']), [
        usage("Missing expected argument '<reference>'"),
      ]);
      assertAccepted(['image', 'delete', '-f', 'alpine']);
      assertAccepted(['image', 'rm', '--all']);
      assert.deepEqual(check(['image', 'rm']), [
        runtime('no images specified and --all not supplied'),
      ]);
      assert.deepEqual(check(['image', 'rm', '-a', 'alpine']), [
        runtime('explicitly supplied images conflict with the --all flag'),
      ]);
      assert.deepEqual(check(['image', 'rm', '-f', 'alpine'], '0.8.0'), [
        usage("Unknown option '-f' (added in container 0.9.0; checking against 0.8.0)"),
      ]);
    });

    it('system start|stop|status|version', () => {
      assertAccepted(['system', 'start', '--enable-kernel-install', '--timeout', '30']);
      assertAccepted(['system', 'start', '--disable-kernel-install', '-a', '/tmp/app']);
      assert.deepEqual(check(['system', 'start', '--timeout', 'soon']), [
        usage("The value 'soon' is invalid for '--timeout <timeout>'"),
      ]);
      assertAccepted(['system', 'stop', '-p', 'com.apple.container.']);
      assertAccepted(['system', 'status', '--format', 'json']);
      assert.deepEqual(check(['system', 'status', '--format', 'json'], '0.9.0'), [
        usage("Unknown option '--format' (added in container 0.10.0; checking against 0.9.0)"),
      ]);
      assertAccepted(['system', 'version', '--format', 'json']);
      assert.deepEqual(check(['system', 'version'], '0.7.0'), [
        usage("Unexpected argument 'version' (added in container 0.8.0; checking against 0.7.0)"),
      ]);
    });

    it('builder start|status|stop|delete', () => {
      assertAccepted(['builder', 'start', '-c', '2', '-m', '2048MB', '--dns', '1.1.1.1']);
      assertAccepted(['builder', 'status', '--format', 'json', '-q']);
      assertAccepted(['builder', 'stop']);
      assertAccepted(['builder', 'delete', '-f']);
      assertAccepted(['builder', 'rm']);
      assert.deepEqual(check(['builder', 'start', '-m', '2q']), [runtime('invalid symbol: q')]);
      assert.deepEqual(check(['builder', 'stop', '-f']), [usage("Unknown option '-f'")]);
    });
  });

  describe('version tables', () => {
    it('records the reference §1/§3 introductions', () => {
      const expected: Record<string, string> = {
        'run --rosetta': '0.7.0',
        'run --progress': '0.7.0',
        'run --read-only': '0.8.0',
        'run --ulimit': '0.9.0',
        'run --init': '0.10.0',
        'run --init-image': '0.10.0',
        'run --runtime': '0.10.0',
        'run --cap-add': '0.12.0',
        'run --cap-drop': '0.12.0',
        'run --shm-size': '1.0.0',
        'run --kernel-arg': '1.2.0',
        'run --masked-path': '1.2.1',
        'run --read-only-path': '1.2.1',
        'create --init': '0.10.0',
        'exec --detach': '0.7.0',
        'build --pull': '0.10.0',
        'build --secret': '0.11.0',
        'build --dns': '0.9.0',
      };
      for (const [key, since] of Object.entries(expected)) {
        assert.equal(APPLE_FLAG_SINCE[key], since, key);
      }
      // The reference says 1.2.2, but Apple's 1.2.1 tag already parses `build --ssh`.
      assert.equal(APPLE_FLAG_SINCE['build --ssh'], '1.2.1');
      assert.deepEqual(check(['build', '--ssh', 'default', '.'], '1.2.1'), []);
      assert.equal(APPLE_FLAG_SINCE['create --progress'], undefined);
      assert.equal(APPLE_FLAG_UNTIL['run --disable-progress-updates'], '0.7.0');
      assert.deepEqual(APPLE_COMMAND_SINCE, { stats: '0.7.0', 'system version': '0.8.0' });
      assert.equal(APPLE_FEATURE_SINCE.anonymousVolume, '0.6.0');
      assert.equal(APPLE_FEATURE_SINCE.relativeVolumePath, '0.11.0');
      assert.equal(APPLE_NEWEST_VERSION, '1.2.2');
    });

    /** The release tags of reference §1 (0.7.1 and 0.12.1–3 changed no flags). */
    const RELEASES = [
      '0.5.0',
      '0.6.0',
      '0.7.0',
      '0.8.0',
      '0.9.0',
      '0.10.0',
      '0.11.0',
      '0.12.0',
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '1.2.1',
      '1.2.2',
    ];

    /** A valid value for each gated run/create option, to try it on both sides of its version. */
    const SAMPLE_VALUES: Readonly<Record<string, string>> = {
      '--ulimit': 'nofile=1024',
      '--cap-add': 'NET_ADMIN',
      '--cap-drop': 'NET_RAW',
      '--init-image': 'ghcr.io/apple/containerization/vminit:0.40.1',
      '--kernel-arg': 'quiet',
      '--masked-path': '/proc/kcore',
      '--read-only-path': '/sys',
      '--runtime': 'container-runtime-linux',
      '--shm-size': '64m',
      '--max-concurrent-downloads': '3',
      '--progress': 'none',
    };

    it('rejects every gated run/create flag on the release before it, with exit 64', () => {
      for (const [key, since] of Object.entries(APPLE_FLAG_SINCE)) {
        const [verb, name] = key.split(' ');
        if ((verb !== 'run' && verb !== 'create') || name === undefined) {
          continue;
        }
        const value = SAMPLE_VALUES[name];
        const flags = value === undefined ? [name] : [name, value];
        const before = RELEASES[RELEASES.indexOf(since) - 1];
        assert.ok(before, `${since} is not a release of reference §1`);
        assert.deepEqual(check([verb, ...flags, 'alpine'], since), [], `${key} on ${since}`);
        assert.deepEqual(
          check([verb, ...flags, 'alpine'], before),
          [
            usage(
              `Unknown option '${name}' (added in container ${since}; checking against ${before})`,
            ),
          ],
          `${key} on ${before}`,
        );
      }
    });

    it('accepts short version strings like 0.9 and v1.2.2', () => {
      assert.deepEqual(runWith(['--ulimit', 'nofile=1'], '0.9'), []);
      assert.deepEqual(runWith(['--kernel-arg', 'quiet'], 'v1.2.2'), []);
      assert.throws(() => check(['list'], 'latest'), /not a version/);
    });
  });
});
