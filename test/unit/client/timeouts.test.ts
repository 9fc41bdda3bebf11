import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { hookIdleMs, TIMEOUTS } from '../../../src/core/client/timeouts';

describe('hook idle bound', () => {
  it('defaults to a generous 10 minutes of silence', () => {
    assert.equal(TIMEOUTS.hookIdle, 600_000);
    assert.equal(hookIdleMs(undefined), 600_000);
  });

  it('takes SLIPWAY_HOOK_IDLE_SECONDS when it is a positive number, the default otherwise', () => {
    assert.equal(hookIdleMs('1800'), 1_800_000);
    assert.equal(hookIdleMs('2.5'), 2_500);
    for (const bad of ['', '0', '-5', 'ten']) {
      assert.equal(hookIdleMs(bad), 600_000, bad);
    }
  });
});
