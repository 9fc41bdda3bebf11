// Tests for the network and volume groups: their flags, aliases, version gates
// and the checks Apple makes before talking to its server.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAppleArgv } from '../../../support/appleGrammar';
import { assertAccepted, check, runtime, usage } from './helpers';

describe('appleGrammar', () => {
  describe('network and volume', () => {
    it('network create: every flag of 1.2.2, and the name', () => {
      assertAccepted([
        'network',
        'create',
        '--internal',
        '--label',
        'a=b',
        '--option',
        'mtu=9000',
        '--plugin',
        'container-network-vmnet',
        '--subnet',
        '192.168.70.0/24',
        '--subnet-v6',
        'fd00:1::/64',
        'backend',
      ]);
      assert.deepEqual(check(['network', 'create']), [usage("Missing expected argument '<name>'")]);
      assert.deepEqual(check(['network', 'create', '--subnet', '10.0.0.0/33', 'x']), [
        usage("The value '10.0.0.0/33' is invalid for '--subnet <subnet>'"),
      ]);
    });

    it('gates network flags and prune on the release that added them', () => {
      assert.deepEqual(check(['network', 'create', '--internal', 'x'], '0.8.0'), [
        usage("Unknown option '--internal' (added in container 0.9.0; checking against 0.8.0)"),
      ]);
      assertAccepted(['network', 'create', '--plugin-variant', 'v', 'x'], '0.12.3');
      assert.deepEqual(check(['network', 'create', '--plugin-variant', 'v', 'x']), [
        usage(
          "Unknown option '--plugin-variant' (removed in container 1.0.0; checking against 1.5.0)",
        ),
      ]);
      assert.deepEqual(check(['network', 'prune'], '0.7.0'), [
        usage("Unexpected argument 'prune' (added in container 0.8.0; checking against 0.7.0)"),
      ]);
    });

    it('delete needs names or --all, never both (a plain error, exit 1)', () => {
      assert.deepEqual(check(['n', 'rm']), [
        runtime('no networks specified and --all not supplied'),
      ]);
      assert.deepEqual(check(['volume', 'delete', '--all', 'v1']), [
        runtime('explicitly supplied volume name(s) conflict with the --all flag'),
      ]);
      assertAccepted(['v', 'rm', '-a']);
    });

    it('resolves the aliases and takes list flags', () => {
      assert.deepEqual(parseAppleArgv(['container', 'n', 'ls', '-q']).command, ['network', 'list']);
      assert.deepEqual(parseAppleArgv(['container', 'v', 'ls', '--format', 'json']).command, [
        'volume',
        'list',
      ]);
      assertAccepted([
        'volume',
        'create',
        '--label',
        'k=v',
        '--opt',
        'size=1G',
        '-s',
        '2G',
        'data',
      ]);
      assert.deepEqual(check(['volume', 'create', 'data', '-s']), [
        usage("Missing value for '-s <size>'"),
      ]);
    });
  });
});
