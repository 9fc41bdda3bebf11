import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  knownHostsLine,
  parseHostKey,
  removeKnownHost,
  upsertKnownHost,
} from '../../../src/core/ssh/knownHosts';

const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@vm';
const NEW_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDrl5GQBBNEaNBPG9r1OHOXQAnvCMSNv0/453P4lB7aG';

describe('known_hosts', () => {
  it('pins a host key under the alias, without the comment', () => {
    assert.equal(
      knownHostsLine('slipway-app', KEY),
      'slipway-app ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY',
    );
  });

  it('replaces the key of a rebuilt container and removes a gone one', () => {
    let text = upsertKnownHost('', 'slipway-app', KEY);
    text = upsertKnownHost(text, 'slipway-api', KEY);
    text = upsertKnownHost(text, 'slipway-app', NEW_KEY);
    assert.equal(
      text,
      `${knownHostsLine('slipway-api', KEY)}\n${knownHostsLine('slipway-app', NEW_KEY)}\n`,
    );
    assert.equal(
      removeKnownHost(text, 'slipway-api'),
      `${knownHostsLine('slipway-app', NEW_KEY)}\n`,
    );
    assert.equal(removeKnownHost(removeKnownHost(text, 'slipway-api'), 'slipway-app'), '');
  });

  it('refuses something that is not a public key', () => {
    assert.throws(() => parseHostKey('error: no such file'), /not a public key/);
    assert.throws(() => parseHostKey(''), /not a public key/);
    assert.deepEqual(parseHostKey(`  ${NEW_KEY}\n`).type, 'ssh-ed25519');
  });
});
