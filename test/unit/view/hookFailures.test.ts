import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { applyHookStep, waitingHooks } from '../../../src/core/view/backgroundHooks';
import {
  parseHistory,
  phasesFromTimings,
  replaceStart,
  withBackgroundHook,
  type StartRecord,
} from '../../../src/core/view/startupHistory';
import { presentStatus } from '../../../src/core/view/statusModel';
import { timelineHtml } from '../../../src/core/view/timelineHtml';

/** Failed hooks in the views: the background hooks' states, the history and the timeline. */

const START: StartRecord = {
  at: '2026-08-07T10:00:00.000Z',
  containerName: 'proj-abcd1234',
  action: 'created',
  outcome: 'ready',
  totalMs: 2400,
  phases: [
    { phase: 'create', ms: 1500 },
    { phase: 'boot', ms: 900 },
  ],
};

describe('hooks after waitFor, in the views', () => {
  it('follows each hook, and marks those after a failure as not run', () => {
    let hooks = waitingHooks(['postCreateCommand', 'postStartCommand', 'postAttachCommand']);
    hooks = applyHookStep(hooks, { hook: 'postCreateCommand', state: 'running' });
    assert.deepEqual(
      hooks.map((h) => h.state),
      ['running', 'waiting', 'waiting'],
    );
    hooks = applyHookStep(hooks, { hook: 'postCreateCommand', state: 'done', ms: 800 });
    hooks = applyHookStep(hooks, {
      hook: 'postStartCommand',
      state: 'failed',
      ms: 120,
      message: 'boom',
    });
    assert.deepEqual(hooks, [
      { hook: 'postCreateCommand', state: 'done', ms: 800 },
      { hook: 'postStartCommand', state: 'failed', ms: 120, message: 'boom' },
      { hook: 'postAttachCommand', state: 'skipped' },
    ]);
    const tooltip = presentStatus({
      kind: 'ready',
      record: START,
      history: [],
      background: hooks,
    }).tooltip;
    assert.match(tooltip, /\| postAttachCommand \| not run \(a hook before it failed\) \|/);
  });

  it('adds an ended hook to its start once, outside the time to ready', () => {
    const once = withBackgroundHook(START, { phase: 'postCreateCommand', ms: 3000, failed: true });
    const twice = withBackgroundHook(once, { phase: 'postCreateCommand', ms: 3100, failed: true });
    assert.deepEqual(twice.phases.at(-1), {
      phase: 'postCreateCommand',
      ms: 3100,
      background: true,
      failed: true,
    });
    assert.equal(twice.phases.length, 3);
    assert.equal(twice.totalMs, START.totalMs);
    // The status bar's phase table and total leave it out; its own table has it.
    const tooltip = presentStatus({
      kind: 'ready',
      record: twice,
      history: [],
      background: [{ hook: 'postCreateCommand', state: 'failed', ms: 3100 }],
    }).tooltip;
    const phaseTable = tooltip.slice(tooltip.indexOf('| Phase'), tooltip.indexOf('**Total**'));
    assert.doesNotMatch(phaseTable, /postCreateCommand/);
  });

  it('replaces the start it belongs to, and keeps the flags across a reload', () => {
    const other = { ...START, at: '2026-08-06T10:00:00.000Z' };
    const updated = withBackgroundHook(START, { phase: 'postCreateCommand', ms: 5, failed: false });
    const history = replaceStart([other, START], updated);
    assert.deepEqual(history, [other, updated]);
    assert.deepEqual(parseHistory(JSON.parse(JSON.stringify(history))), history);
  });

  it('names the phase a failed start failed in', () => {
    assert.deepEqual(phasesFromTimings({ create: 10, onCreateCommand: 20 }, 'onCreateCommand'), [
      { phase: 'create', ms: 10 },
      { phase: 'onCreateCommand', ms: 20, failed: true },
    ]);
  });

  it('draws a failed hook red and says so, and a later hook as after ready', () => {
    const record = withBackgroundHook(
      { ...START, phases: [...START.phases, { phase: 'onCreateCommand', ms: 300 }] },
      { phase: 'postCreateCommand', ms: 3000, failed: true },
    );
    const html = timelineHtml({ history: [record], nonce: 'n', cspSource: 'c' });
    assert.match(html, />postCreateCommand failed<\/text>/);
    assert.match(
      html,
      /class="bar failed"[^>]*><title>postCreateCommand \(after ready, failed\): 3\.0 s/,
    );
    assert.match(html, /class="bar hook"[^>]*><title>onCreateCommand: 300 ms/);
  });
});
