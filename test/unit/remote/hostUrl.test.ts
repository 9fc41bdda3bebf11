import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isSshTarget, parseSshHostUrl } from '../../../src/core/remote/hostUrl';
import { parseCliArgs, parseHost, UsageError } from '../../../src/cli/args';
import { main } from '../../../src/cli/main';

describe('--host ssh:// URLs', () => {
  it('reads host, user and port', () => {
    assert.deepEqual(parseSshHostUrl('ssh://me@mac-studio:2222'), {
      host: 'mac-studio',
      user: 'me',
      port: 2222,
      label: 'me@mac-studio:2222',
    });
    assert.deepEqual(parseSshHostUrl('ssh://build-mac.local/'), {
      host: 'build-mac.local',
      label: 'build-mac.local',
    });
    assert.deepEqual(parseSshHostUrl('ssh://[::1]:22'), {
      host: '::1',
      port: 22,
      label: '[::1]:22',
    });
  });

  it('refuses what is not an ssh:// URL, a password, an option-like host and bad ports', () => {
    const refused: [string, RegExp][] = [
      ['mac-studio', /takes ssh:\/\/\[user@\]host\[:port\]/],
      ['tcp://mac:22', /takes ssh:\/\//],
      ['ssh://me:secret@mac', /must not carry a password/],
      ['ssh://-oProxyCommand=evil', /needs a host name/],
      ['ssh://-o@mac', /user name ssh cannot take/],
      ['ssh://mac:0', /port outside 1–65535/],
      ['ssh://mac:70000', /port outside/],
      ['ssh://mac/some/path', /takes ssh:\/\//],
      ['ssh://', /needs a host name/],
      ['ssh://mac studio', /needs a host name/],
    ];
    for (const [text, message] of refused) {
      const parsed = parseSshHostUrl(text);
      assert.ok(!isSshTarget(parsed), text);
      assert.match(parsed.error, message, text);
    }
  });

  it('is a usage error naming where it came from', () => {
    assert.throws(
      () => parseHost('mac', 'SLIPWAY_HOST'),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /^SLIPWAY_HOST takes ssh:\/\//);
        return true;
      },
    );
    assert.equal(parseHost('', 'SLIPWAY_HOST'), undefined);
  });

  it('is a global option: before the verb, and before exec keeps the command whole', () => {
    const args = parseCliArgs([
      '--host',
      'ssh://mac',
      'exec',
      '--workspace-folder',
      '/w',
      'ls',
      '-la',
    ]);
    assert.equal(args.command, 'exec');
    assert.ok('host' in args && args.host?.host === 'mac');
    assert.ok('execCommand' in args);
    assert.deepEqual(args.execCommand, ['ls', '-la']);
    const up = parseCliArgs(['up', '--host=ssh://me@mac:2200']);
    assert.ok('host' in up && up.host?.port === 2200 && up.host.user === 'me');
    assert.throws(() => parseCliArgs(['ls', '--host', 'mac']), /--host takes ssh:\/\//);
  });

  it('doctor and bench are run on the other Mac itself, and a bad SLIPWAY_HOST is a usage error', async () => {
    for (const [argv, env, said] of [
      [
        ['--host', 'ssh://mac', 'doctor'],
        {},
        /doctor examines the Mac it runs on.*ssh mac slipway doctor/,
      ],
      [['bench'], { SLIPWAY_HOST: 'ssh://mac' }, /bench examines the Mac it runs on/],
      [['ls'], { SLIPWAY_HOST: 'mac' }, /^slipway: SLIPWAY_HOST takes ssh:\/\//],
    ] as const) {
      let stderr = '';
      const code = await main(argv, {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        cwd: '/',
        env,
      });
      assert.equal(code, 2);
      assert.match(stderr, said);
    }
  });
});
