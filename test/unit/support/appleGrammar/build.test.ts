// Tests for `container build` and its options.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAppleArgv } from '../../../support/appleGrammar';
import { check, usage, runtime } from './helpers';

describe('appleGrammar', () => {
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
});
