import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseStats, statsCommand } from '../../../src/core/client/statsCommand';
import { isContainerCliError } from '../../../src/core/client/types';
import { STATS_JSON } from './fixtures';

describe('container stats', () => {
  it('samples once, as JSON, for all or the given containers', () => {
    assert.deepEqual(statsCommand().args, ['stats', '--no-stream', '--format', 'json']);
    assert.deepEqual(statsCommand(['a', 'b']).args, [
      'stats',
      '--no-stream',
      '--format',
      'json',
      'a',
      'b',
    ]);
    assert.ok((statsCommand().timeoutMs ?? 0) > 2_000, 'Apple sleeps 2 s to measure CPU');
  });

  it('reads full and sparse entries', () => {
    assert.deepEqual(parseStats(STATS_JSON), [
      {
        id: 'devc-myproj',
        cpuUsageUsec: 123456,
        memoryUsageBytes: 47448064,
        memoryLimitBytes: 1073741824,
        numProcesses: 3,
      },
      { id: 'sparse' },
    ]);
    assert.deepEqual(parseStats('[]'), []);
  });

  it('throws unexpectedOutput for garbage', () => {
    for (const stdout of ['', '{}', '[{"cpuUsageUsec":1}]', 'Container ID  Cpu %']) {
      assert.throws(
        () => parseStats(stdout),
        (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
      );
    }
  });
});
