import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  advance,
  driveRecovery,
  INITIAL_RECOVERY,
  nextAction,
  type RecoveryEffects,
  type Remedy,
} from '../../../src/core/ssh/recovery';

/** Effects whose probe answers from a script; records every step taken. */
function scripted(probes: boolean[], failingRemedies: Remedy[] = []) {
  const steps: string[] = [];
  const messages: string[] = [];
  const effects: RecoveryEffects = {
    probe: async () => {
      const ok = probes.shift() ?? false;
      steps.push(`probe:${ok ? 'ok' : 'stuck'}`);
      return ok ? { ok: true } : { ok: false, reason: 'no answer in 10 s' };
    },
    remedy: async (remedy) => {
      steps.push(remedy);
      if (failingRemedies.includes(remedy)) {
        throw new Error(`${remedy} failed`);
      }
    },
    report: (message) => messages.push(message),
  };
  return { effects, steps, messages };
}

describe('SSH transport recovery (state machine)', () => {
  it('probes first, and does nothing more when the container answers', async () => {
    const { effects, steps } = scripted([true]);
    const done = await driveRecovery('devc-a', effects);
    assert.deepEqual(steps, ['probe:ok']);
    assert.equal(done.recovered, true);
    assert.match(done.message, /no recovery was needed/);
  });

  it('kills the stuck client first, and stops when that is enough', async () => {
    const { effects, steps, messages } = scripted([false, true]);
    const done = await driveRecovery('devc-a', effects);
    assert.deepEqual(steps, ['probe:stuck', 'killStuckClients', 'probe:ok']);
    assert.equal(done.recovered, true);
    assert.match(done.message, /stopped the stuck `container exec` client/);
    assert.ok(messages.some((m) => /stopping the stuck `container exec` client/.test(m)));
  });

  it('restarts the container when killing the client is not enough', async () => {
    const { effects, steps } = scripted([false, false, true]);
    const done = await driveRecovery('devc-a', effects);
    assert.deepEqual(steps, [
      'probe:stuck',
      'killStuckClients',
      'probe:stuck',
      'restartContainer',
      'probe:ok',
    ]);
    assert.match(done.message, /Recovered devc-a: Slipway restarted the container/);
  });

  it('ends by telling the user to restart the service, never silently', async () => {
    const { effects, steps, messages } = scripted([false, false, false]);
    const done = await driveRecovery('devc-a', effects);
    assert.equal(steps.length, 5);
    assert.equal(done.recovered, false);
    assert.match(done.message, /container system stop.*container system start/);
    assert.match(done.message, /no answer in 10 s/);
    assert.equal(messages[messages.length - 1], done.message);
  });

  it('moves on to the next step when a remedy itself fails', async () => {
    const { effects, steps } = scripted([false, true], ['killStuckClients']);
    const done = await driveRecovery('devc-a', effects);
    assert.deepEqual(steps, ['probe:stuck', 'killStuckClients', 'restartContainer', 'probe:ok']);
    assert.equal(done.recovered, true);
  });

  it('refuses an event that does not fit the phase (a driver bug, not a user mistake)', () => {
    assert.throws(() => advance(INITIAL_RECOVERY, { kind: 'remedyDone' }), /does not fit/);
    assert.deepEqual(nextAction(INITIAL_RECOVERY, 'x'), { kind: 'probe' });
  });
});
