import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  classifySshFailure,
  isSshOwnFailure,
  remoteContainerMissingError,
  remoteWorkspaceMissingError,
} from '../../../src/core/remote/remoteErrors';
import { describeError } from '../../../src/core/userFacing';
import { errorText } from '../../../src/cli/errorReport';

/** What OpenSSH 9 prints on stderr (exit 255), as captured from the loopback test sshd and a Mac. */
const FIXTURES = {
  refused: 'ssh: connect to host 127.0.0.1 port 41517: Connection refused\r\n',
  timedOut: 'ssh: connect to host 10.0.0.9 port 22: Operation timed out\r\n',
  noRoute: 'ssh: connect to host mac-studio.local port 22: No route to host\r\n',
  unresolved:
    'ssh: Could not resolve hostname mac-stuido: nodename nor servname provided, or not known\r\n',
  denied: 'me@127.0.0.1: Permission denied (publickey).\r\n',
  changed: [
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Host key for [127.0.0.1]:41517 has changed and you have requested strict checking.',
    'Host key verification failed.',
    '',
  ].join('\r\n'),
  unknown: [
    'No ED25519 host key is known for [127.0.0.1]:41517 and you have requested strict checking.',
    'Host key verification failed.',
    '',
  ].join('\r\n'),
  closed: 'Connection closed by 127.0.0.1 port 41517\r\n',
  other: 'ssh: something nobody has seen before\n',
};

describe('which side of --host failed', () => {
  it('names the SSH failure from ssh’s own words, each with its fix', () => {
    const cases: [keyof typeof FIXTURES, string, RegExp, RegExp][] = [
      ['refused', 'unreachable', /connection refused/, /Remote Login/],
      ['timedOut', 'unreachable', /did not answer/, /awake and on the network/],
      ['noRoute', 'unreachable', /did not answer/, /VPN/],
      ['unresolved', 'hostUnknown', /does not resolve/, /~\/\.ssh\/config/],
      ['denied', 'authentication', /refused every key/, /ssh-copy-id mac.*ssh-add/s],
      ['changed', 'hostKeyChanged', /not the one your known_hosts pins/, /ssh-keygen -R/],
      ['unknown', 'hostKeyUnknown', /not in your known_hosts/, /answer yes/],
      ['closed', 'connectionLost', /was closed/, /again/],
      ['other', 'sshFailed', /SSH to mac failed: ssh: something nobody/, /plain ssh mac/],
    ];
    for (const [fixture, reason, message, remedy] of cases) {
      const error = classifySshFailure('mac', FIXTURES[fixture]);
      assert.equal(error.reason, reason, fixture);
      assert.equal(error.side, 'ssh');
      assert.match(error.message, message, fixture);
      assert.match(error.remedy, remedy, fixture);
      // The banner of @ signs never becomes the detail.
      assert.doesNotMatch(error.detail ?? '', /@@@/);
    }
  });

  it('tells ssh’s 255 from a remote command’s own 255', () => {
    assert.ok(isSshOwnFailure(FIXTURES.refused));
    assert.ok(isSshOwnFailure(FIXTURES.changed));
    assert.ok(isSshOwnFailure('mux_client_request_session: read from master failed: Broken pipe'));
    assert.ok(!isSshOwnFailure('Error: the container exited with status 255\n'));
    assert.ok(!isSshOwnFailure(''));
  });

  it('reaches the user as kind ssh or remoteHost, with message, ssh’s words and remedy', () => {
    const ssh = describeError(classifySshFailure('mac', FIXTURES.refused));
    assert.equal(ssh.kind, 'ssh');
    assert.equal(ssh.detail, 'ssh: connect to host 127.0.0.1 port 41517: Connection refused');
    assert.equal(
      errorText(ssh),
      [
        'slipway: SSH to mac failed: nothing accepts SSH connections at that address and port (connection refused).',
        '  ssh: connect to host 127.0.0.1 port 41517: Connection refused',
        'Turn on Remote Login on the Mac (System Settings › General › Sharing › Remote Login), and check the port in the URL or your ssh config.',
        '',
      ].join('\n'),
    );
    const missing = describeError(remoteContainerMissingError('mac'));
    assert.equal(missing.kind, 'remoteHost');
    assert.match(missing.message, /not installed on mac/);
    assert.match(missing.remedy ?? '', /container system start/);
    const configured = remoteContainerMissingError('mac', '/opt/container');
    assert.match(configured.message, /not at \/opt\/container on mac \(SLIPWAY_CONTAINER\)/);
    const folder = describeError(remoteWorkspaceMissingError('mac', '/Users/me/app'));
    assert.equal(folder.kind, 'remoteHost');
    assert.match(folder.message, /\/Users\/me\/app does not exist on mac/);
  });
});
