import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkAppleArgv } from '../../../support/appleGrammar';

/** The network and volume commands a Compose plan emits, as Apple's CLI takes them. */

const check = (argv: string[]) => checkAppleArgv(['container', ...argv]).map((p) => p.message);

describe('appleGrammar: network and volume commands', () => {
  it('accepts network create with labels, --internal and a subnet', () => {
    assert.deepEqual(
      check([
        'network',
        'create',
        '--label',
        'com.docker.compose.project=p',
        '--internal',
        '--subnet',
        '10.1.0.0/24',
        'p_default',
      ]),
      [],
    );
    assert.deepEqual(check(['n', 'ls', '--format', 'json']), []);
    assert.deepEqual(check(['network', 'inspect', 'p_default']), []);
  });

  it('refuses a network name Apple refuses, and a label key it would drop', () => {
    assert.deepEqual(check(['network', 'create', 'My_Net']), ['invalid network name My_Net']);
    assert.deepEqual(
      check(['network', 'create', '--label', 'com.docker.compose.config_files=x', 'net']),
      [
        'label key com.docker.compose.config_files is not valid for a network or volume (lower-case letters, digits, "." and "-"); Apple would drop it',
      ],
    );
    assert.notDeepEqual(check(['network', 'create', '--alias', 'db', 'net']), []);
  });

  it('accepts volume create with a size and checks the volume name', () => {
    assert.deepEqual(
      check([
        'volume',
        'create',
        '-s',
        '10G',
        '--label',
        'com.docker.compose.volume=data',
        'p_data',
      ]),
      [],
    );
    assert.deepEqual(check(['volume', 'create', '_bad']), ['invalid volume name _bad']);
    assert.deepEqual(check(['volume', 'create', '-s', 'lots', 'ok']).length, 1);
    assert.deepEqual(check(['v', 'inspect', 'p_data']), []);
  });
});
