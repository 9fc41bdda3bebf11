// Tests for the simpler verbs: start, stop, kill, delete, list, exec, logs,
// and the image, system and builder subcommands.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAppleArgv } from '../../../support/appleGrammar';
import { check, usage, runtime, assertAccepted } from './helpers';

describe('appleGrammar', () => {
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
});
