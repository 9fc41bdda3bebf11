// Tests for -p/--publish, -m/--memory with Apple's sizes, and -c/--cpus.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAppleSize } from '../../../support/appleGrammar';
import { check, runWith, usage, runtime } from './helpers';

describe('appleGrammar', () => {
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
});
