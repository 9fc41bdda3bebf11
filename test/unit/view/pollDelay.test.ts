import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MAX_BACKOFF_MS, pollDelayMs } from '../../../src/core/view/pollDelay';

describe('the containers view’s poll delay', () => {
  it('is the interval while container answers', () => {
    assert.equal(pollDelayMs(5_000, 0), 5_000);
  });

  it('doubles per poll that found container missing or stopped, up to a minute', () => {
    const waits = [1, 2, 3, 4, 5, 1_000].map((n) => pollDelayMs(5_000, n));
    assert.deepEqual(waits, [
      10_000,
      20_000,
      40_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
  });

  it('never waits less than the interval the user chose', () => {
    assert.equal(pollDelayMs(300_000, 3), 300_000);
  });
});
