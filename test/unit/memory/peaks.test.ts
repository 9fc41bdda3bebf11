import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { readPeaks, withSamples } from '../../../src/core/memory/peaks';
import { GIB } from '../../../src/core/plan/sizes';

const T1 = '2026-12-04T10:00:00.000Z';
const T2 = '2026-12-04T10:00:05.000Z';

describe('memory peaks', () => {
  it('keeps the highest use seen per container, and says when nothing rose', () => {
    const first = withSamples(
      {},
      new Map([['app', { memoryUsedBytes: 1 * GIB, memoryLimitBytes: 4 * GIB }]]),
      T1,
    );
    assert.deepEqual(first, { app: { peakBytes: 1 * GIB, limitBytes: 4 * GIB, at: T1 } });
    const lower = new Map([['app', { memoryUsedBytes: 0.5 * GIB, memoryLimitBytes: 4 * GIB }]]);
    assert.equal(withSamples(first ?? {}, lower, T2), undefined);
    const higher = new Map([['app', { memoryUsedBytes: 3 * GIB, memoryLimitBytes: 4 * GIB }]]);
    assert.deepEqual(withSamples(first ?? {}, higher, T2), {
      app: { peakBytes: 3 * GIB, limitBytes: 4 * GIB, at: T2 },
    });
  });

  it('starts again when the container comes back with another size (a rebuild keeps its name)', () => {
    const peaks = { app: { peakBytes: 3.9 * GIB, limitBytes: 4 * GIB, at: T1 } };
    const rebuilt = new Map([['app', { memoryUsedBytes: 1 * GIB, memoryLimitBytes: 8 * GIB }]]);
    assert.deepEqual(withSamples(peaks, rebuilt, T2), {
      app: { peakBytes: 1 * GIB, limitBytes: 8 * GIB, at: T2 },
    });
  });

  it('ignores samples without a usage, and keeps only the most recently raised peaks', () => {
    assert.equal(withSamples({}, new Map([['a', {}]]), T1), undefined);
    const peaks = {
      old: { peakBytes: GIB, at: '2026-01-01T00:00:00.000Z' },
      mid: { peakBytes: GIB, at: '2026-06-01T00:00:00.000Z' },
    };
    const next = withSamples(peaks, new Map([['new', { memoryUsedBytes: GIB }]]), T1, 2);
    assert.deepEqual(Object.keys(next ?? {}), ['new', 'mid']);
  });

  it('reads back only well-formed entries', () => {
    assert.deepEqual(readPeaks(undefined), {});
    assert.deepEqual(readPeaks('nonsense'), {});
    assert.deepEqual(
      readPeaks({
        good: { peakBytes: GIB, limitBytes: 2 * GIB, at: T1 },
        noDate: { peakBytes: GIB },
        negative: { peakBytes: -1, at: T1 },
        nothing: null,
      }),
      { good: { peakBytes: GIB, limitBytes: 2 * GIB, at: T1 } },
    );
  });
});
