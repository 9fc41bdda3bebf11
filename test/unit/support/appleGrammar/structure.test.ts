// Tests for run and create: how options, the image and the process arguments are split.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAppleArgv } from '../../../support/appleGrammar';
import { check, runWith, usage, runtime, assertAccepted } from './helpers';

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
});
