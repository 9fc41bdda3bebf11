import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { suggestedMemoryBytes } from '../../../src/core/memory/suggest';
import { APPLE_MIN_MEMORY_BYTES, GIB, MIB } from '../../../src/core/plan/sizes';

describe('suggestedMemoryBytes: the size to offer', () => {
  it('is the peak and a half, rounded up to a whole GiB', () => {
    assert.equal(suggestedMemoryBytes({ peakBytes: 3.2 * GIB, limitBytes: 4 * GIB }), 5 * GIB);
    assert.equal(suggestedMemoryBytes({ peakBytes: 2 * GIB }), 3 * GIB);
  });

  it('counts the whole limit when the container ran out of it', () => {
    assert.equal(
      suggestedMemoryBytes({ peakBytes: 1 * GIB, limitBytes: 4 * GIB, outOfMemory: true }),
      6 * GIB,
    );
    assert.equal(suggestedMemoryBytes({ limitBytes: 256 * MIB, outOfMemory: true }), 1 * GIB);
  });

  it('ignores the limit when nothing ran out', () => {
    assert.equal(suggestedMemoryBytes({ peakBytes: 100 * MIB, limitBytes: 8 * GIB }), 1 * GIB);
  });

  it('never offers more than the Mac has, nor less than Apple’s minimum', () => {
    assert.equal(
      suggestedMemoryBytes({ limitBytes: 14 * GIB, outOfMemory: true, hostMemoryBytes: 16 * GIB }),
      16 * GIB,
    );
    assert.equal(
      suggestedMemoryBytes({ peakBytes: 1 * GIB, hostMemoryBytes: 100 * MIB }),
      APPLE_MIN_MEMORY_BYTES,
    );
  });

  it('has nothing to say without a peak or a kill', () => {
    assert.equal(suggestedMemoryBytes({ limitBytes: 4 * GIB }), undefined);
    assert.equal(suggestedMemoryBytes({ peakBytes: 0 }), undefined);
    assert.equal(suggestedMemoryBytes({ peakBytes: Number.NaN }), undefined);
  });
});
