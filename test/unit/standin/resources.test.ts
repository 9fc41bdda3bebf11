// Unit tests for the stand-in's pure network and volume pieces: subnet
// arithmetic, Apple's key=value parsing, the macOS gate and the one-writer rule.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { keyValuePairs, swiftArray } from '../../standin/commands/keyValues';
import type { AppleError } from '../../standin/errors';
import { checkVolumeSharing } from '../../standin/containers/volumeSharing';
import { networkAttachments } from '../../standin/model/settings';
import type { ContainerRecord, Snapshot } from '../../standin/model/types';
import { cidrText, freeSubnet, gatewayOf, overlaps, parseCidr } from '../../standin/state/networks';

function withVolume(id: string, options: string[]): ContainerRecord {
  return {
    schema: 1,
    autoRemove: false,
    state: 'running',
    configuration: {
      id,
      mounts: [
        {
          type: {
            volume: { name: 'data', format: 'ext4', cache: { on: {} }, sync: { fsync: {} } },
          },
          source: '/state/volumes/data/volume.img',
          destination: '/data',
          options,
        },
      ],
    },
  } as unknown as ContainerRecord;
}

const running = (record: ContainerRecord): Snapshot => ({ record, state: 'running' });

describe('stand-in networks and volumes', () => {
  it('normalises subnets, finds overlaps and picks the next free /24', () => {
    assert.equal(cidrText(parseCidr('192.168.70.9/24')), '192.168.70.0/24');
    assert.equal(gatewayOf(parseCidr('10.1.0.0/16')), '10.1.0.1');
    assert.ok(overlaps(parseCidr('192.168.70.0/24'), parseCidr('192.168.70.128/25')));
    assert.ok(!overlaps(parseCidr('192.168.70.0/24'), parseCidr('192.168.71.0/24')));
    const taken = ['192.168.64.0/24', '192.168.65.0/24', '192.168.66.0/23'].map(parseCidr);
    assert.equal(cidrText(freeSubnet(taken) ?? parseCidr('0.0.0.0/0')), '192.168.68.0/24');
  });

  it("splits key=value pairs as Apple's parseKeyValuePairs does", () => {
    assert.deepEqual(keyValuePairs(['a=b', 'c', 'd==e', 'f=']), {
      a: 'b',
      c: '',
      d: '=e',
      'f=': '',
    });
    assert.equal(swiftArray(['x', 'y']), '["x", "y"]');
  });

  it('allows only the default network before macOS 26, then checks each exists', () => {
    const lookup = (userNetworks: boolean) => ({
      builtin: 'default',
      exists: (name: string) => ['default', 'web'].includes(name),
      userNetworks,
    });
    assert.throws(
      () => networkAttachments('c1', ['web'], lookup(false)),
      /non-default network configuration requires macOS 26 or newer/,
    );
    const [only] = networkAttachments('c1', ['default,mac=02:00:00:00:00:01'], lookup(false));
    assert.equal(only?.options.macAddress, '02:00:00:00:00:01');
    assert.throws(
      () => networkAttachments('c1', ['web', 'db'], lookup(true)),
      /network db not found/,
    );
    const both = networkAttachments('app.example', ['web', 'default,mtu=1500'], lookup(true));
    assert.deepEqual(
      both.map((a) => [a.network, a.options.hostname, a.options.mtu]),
      [
        ['web', 'app.example.', 1280],
        ['default', 'app.example', 1500],
      ],
    );
    assert.deepEqual(networkAttachments('c1', ['none'], lookup(false)), []);
  });

  it('refuses a named volume that a running container holds, unless both read it only', () => {
    assert.throws(
      () => checkVolumeSharing(withVolume('b', []), [running(withVolume('a', []))]),
      (error: AppleError) =>
        error.localized().includes('The storage device attachment is invalid.'),
    );
    assert.throws(
      () => checkVolumeSharing(withVolume('b', ['ro']), [running(withVolume('a', []))]),
      (error: AppleError) => error.localized().includes('failed to bootstrap container b '),
    );
    checkVolumeSharing(withVolume('b', ['ro']), [running(withVolume('a', ['ro']))]);
    checkVolumeSharing(withVolume('b', []), [{ record: withVolume('a', []), state: 'stopped' }]);
    // Its own earlier record never counts against it.
    checkVolumeSharing(withVolume('a', []), [running(withVolume('a', []))]);
  });
});
