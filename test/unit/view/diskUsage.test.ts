import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { systemDfCommand } from '../../../src/core/client/doctorCommands';
import { readDiskUsage } from '../../../src/core/view/diskUsage';
import { checkAppleArgv } from '../../support/appleGrammar';

/**
 * `system df --format json` as each era prints it: Apple's DiskUsageStats,
 * pretty-printed with sorted keys (Foundation's ` : `), the same fields from
 * 0.7.0 (its own JSONEncoder) through 1.0–1.3 and 1.4.1+ (Output.render with
 * `.pretty`). Written from SystemDF.swift / DiskUsage.swift, figures made up.
 */
const V0_7 = `{
  "containers" : {
    "active" : 0,
    "reclaimable" : 0,
    "sizeInBytes" : 0,
    "total" : 0
  },
  "images" : {
    "active" : 0,
    "reclaimable" : 72351744,
    "sizeInBytes" : 72351744,
    "total" : 1
  },
  "volumes" : {
    "active" : 0,
    "reclaimable" : 0,
    "sizeInBytes" : 0,
    "total" : 0
  }
}`;

const V1_2 = `{
  "containers" : {
    "active" : 1,
    "reclaimable" : 1048576000,
    "sizeInBytes" : 3221225472,
    "total" : 3
  },
  "images" : {
    "active" : 2,
    "reclaimable" : 536870912,
    "sizeInBytes" : 2684354560,
    "total" : 4
  },
  "volumes" : {
    "active" : 1,
    "reclaimable" : 4096,
    "sizeInBytes" : 8192,
    "total" : 2
  }
}`;

// 1.4.1+: same fields; the unescaped `/` change touches none of them.
const V1_5 = V1_2.replace('"total" : 3', '"total" : 5');

describe('system df (doctor)', () => {
  it('asks for JSON with only options Apple has, and only from 0.7', () => {
    const { args } = systemDfCommand();
    assert.deepEqual(args, ['system', 'df', '--format', 'json']);
    const argv = ['container', ...args];
    assert.deepEqual(checkAppleArgv(argv, { version: '0.7.0' }), []);
    assert.deepEqual(checkAppleArgv(argv, { version: '1.5.0' }), []);
    assert.notDeepEqual(checkAppleArgv(argv, { version: '0.6.0' }), []);
  });

  it('reads every era', () => {
    assert.deepEqual(readDiskUsage(V0_7), {
      usage: {
        containers: { active: 0, reclaimable: 0, sizeInBytes: 0, total: 0 },
        images: { active: 0, reclaimable: 72351744, sizeInBytes: 72351744, total: 1 },
        volumes: { active: 0, reclaimable: 0, sizeInBytes: 0, total: 0 },
      },
    });
    const v12 = readDiskUsage(V1_2);
    assert.ok('usage' in v12);
    assert.deepEqual(v12.usage.containers, {
      total: 3,
      active: 1,
      sizeInBytes: 3221225472,
      reclaimable: 1048576000,
    });
    assert.deepEqual(v12.usage.volumes, {
      total: 2,
      active: 1,
      sizeInBytes: 8192,
      reclaimable: 4096,
    });
    const v15 = readDiskUsage(`${V1_5}\n`);
    assert.ok('usage' in v15);
    assert.equal(v15.usage.containers.total, 5);
  });

  it('names what is wrong instead of throwing', () => {
    const table = readDiskUsage(
      'TYPE  TOTAL  ACTIVE  SIZE  RECLAIMABLE\nImages  1  0  72.4 MB  72.4 MB (100%)',
    );
    assert.ok('error' in table);
    assert.match(table.error, /printed no JSON/);
    const missing = readDiskUsage(
      JSON.stringify({ images: { total: 1, active: 0, sizeInBytes: 1, reclaimable: 1 } }),
    );
    assert.deepEqual(missing, {
      error:
        '`system df --format json` has no usable "containers" (total, active, sizeInBytes, reclaimable)',
    });
    const negative = JSON.parse(V1_2) as { volumes: { sizeInBytes: number } };
    negative.volumes.sizeInBytes = -1;
    assert.match((readDiskUsage(JSON.stringify(negative)) as { error: string }).error, /"volumes"/);
  });
});
