import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import type { StartupStatus } from '../../../src/core/view/statusModel';
import type { StartRecord } from '../../../src/core/view/startupHistory';
import type { StartHistoryStore } from '../../../src/vscode/startup/historyStore';
import type { StartRequest } from '../../../src/vscode/startup/startRequest';
import { StartRun } from '../../../src/vscode/startup/startRun';
import type { StartupStatusBar } from '../../../src/vscode/startup/statusBar';

/**
 * One start's state, as Reopen and Rebuild show it: the status bar follows
 * each phase as it begins and stops ticking when the start ends, and the
 * timeline entry names the phase a failed start failed in.
 */

function setUp(operation: StartRequest['operation'] = 'reopen') {
  const shown: StartupStatus[] = [];
  const recorded: StartRecord[] = [];
  const statusBar = { show: (status: StartupStatus) => void shown.push(status) };
  const history = { add: async (entry: StartRecord) => void recorded.push(entry) };
  const request: StartRequest = {
    operation,
    folder: { name: 'demo', index: 0, uri: { fsPath: '/w/demo' } } as vscode.WorkspaceFolder,
    configFile: '/w/demo/.devcontainer/devcontainer.json',
    removeExisting: false,
    noCache: false,
    connect: true,
  };
  const run = new StartRun(
    {
      statusBar: statusBar as unknown as StartupStatusBar,
      history: history as unknown as StartHistoryStore,
    },
    request,
  );
  return { run, shown, recorded };
}

const busyPhase = (status: StartupStatus | undefined) =>
  status?.kind === 'busy' ? status.phase : undefined;

describe('a start in progress (StartRun)', () => {
  it('shows itself busy planning at once, and titles itself by its operation', () => {
    const { run, shown } = setUp('rebuild');
    run.stop();
    assert.equal(busyPhase(shown[0]), 'plan');
    assert.equal(run.title, 'Rebuilding dev container');
    const attach = setUp('attach').run;
    attach.stop();
    assert.equal(attach.title, 'Starting dev container');
  });

  it('tells the progress and the status bar of each phase its clock begins', async () => {
    const { run, shown } = setUp();
    const reported: string[] = [];
    const clock = run.clock((phase) => reported.push(phase));
    await clock.measure('build', async () => undefined);
    run.stop();
    assert.deepEqual(reported, ['build']);
    assert.equal(run.phase, 'build');
    assert.equal(busyPhase(shown.at(-1)), 'build');
    assert.ok(Number.isFinite(clock.phases.build));
  });

  it('records a failed start under the folder’s name, marking the phase it failed in', async () => {
    const { run, recorded } = setUp();
    run.stop();
    run.timings = { plan: 5, build: 40 };
    run.enter('build', () => undefined);
    const entry = await run.record('failed', 'created');
    assert.deepEqual(recorded, [entry]);
    assert.equal(entry.containerName, 'demo');
    assert.equal(entry.outcome, 'failed');
    assert.deepEqual(entry.phases, [
      { phase: 'plan', ms: 5 },
      { phase: 'build', ms: 40, failed: true },
    ]);
  });

  it('records a ready start under the container’s name, with no phase marked failed', async () => {
    const { run } = setUp();
    run.stop();
    run.containerName = 'devc-demo';
    run.timings = { plan: 5 };
    const entry = await run.record('ready', 'reused');
    assert.equal(entry.containerName, 'devc-demo');
    assert.deepEqual(entry.phases, [{ phase: 'plan', ms: 5 }]);
  });

  it('repaints the elapsed time while running, and stops once the start ends', async () => {
    const { run, shown } = setUp();
    await sleep(250);
    const whileRunning = shown.length;
    run.stop();
    await sleep(250);
    assert.ok(whileRunning >= 2, `repainted ${whileRunning} times in 250 ms`);
    assert.equal(shown.length, whileRunning);
  });
});
