import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { usageFrom, usageText } from '../../../src/core/view/usage';

describe('live usage from container stats', () => {
  const sample = (cpuUsageUsec: number, atMs: number) => ({
    stats: {
      id: 'c',
      cpuUsageUsec,
      memoryUsageBytes: 512 * 2 ** 20,
      memoryLimitBytes: 4 * 2 ** 30,
      numProcesses: 7,
    },
    atMs,
  });

  it('needs two samples for a CPU percentage, of one core', () => {
    assert.equal(usageFrom(sample(1_000_000, 0)).cpuPercent, undefined);
    // 3 s of CPU time over 2 s of wall time: one and a half cores busy.
    assert.equal(usageFrom(sample(4_000_000, 2000), sample(1_000_000, 0)).cpuPercent, 150);
  });

  it('gives no percentage when the counter went back (the container restarted)', () => {
    assert.equal(usageFrom(sample(10, 2000), sample(1_000_000, 0)).cpuPercent, undefined);
  });

  it('says CPU, memory of the limit and processes in one line', () => {
    const usage = usageFrom(sample(2_000_000, 1000), sample(1_880_000, 0));
    assert.equal(usageText(usage), 'CPU 12% · memory 512 MiB of 4 GiB (13%) · 7 processes');
  });

  it('says only what Apple reported', () => {
    assert.equal(usageText(usageFrom({ stats: { id: 'c' }, atMs: 0 })), undefined);
    assert.equal(
      usageText(usageFrom({ stats: { id: 'c', memoryUsageBytes: 3 * 2 ** 30 }, atMs: 0 })),
      'memory 3 GiB',
    );
    assert.equal(usageText(undefined), undefined);
  });
});
