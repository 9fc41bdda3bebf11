import * as vscode from 'vscode';
import type { UpResult } from '../../core/engine/up';
import type { StartRecord } from '../../core/view/startupHistory';
import { formatDuration } from '../../core/view/duration';
import { describeError } from '../../core/userFacing';
import { reportFailure } from '../userErrors';
import { BackgroundHooksWatch } from './backgroundHooks';
import { bringUp, type BroughtUp } from './bringUp';
import type { StartRequest, StartupDeps } from './startRequest';
import { StartRun } from './startRun';

export type { StartRequest, StartupDeps } from './startRequest';

/**
 * Reopen and Rebuild: bring the dev container up with live progress in the
 * status bar and a cancellable notification, hand the window over to the
 * connector, and record how long each phase took.
 */
export async function startContainer(
  deps: StartupDeps,
  request: StartRequest,
): Promise<UpResult | undefined> {
  const run = new StartRun(deps, request);
  const controller = new AbortController();
  deps.log.info(`${run.title} for ${request.folder.uri.fsPath} (${request.configFile})`);
  const watch = new BackgroundHooksWatch(deps);
  try {
    const brought = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: run.title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort(new Error('cancelled by the user')));
        return bringUp(deps, request, run, watch, progress, controller.signal);
      },
    );
    run.stop();
    await finishReady(deps, request, run, watch, brought);
    return brought.result;
  } catch (error) {
    run.stop();
    await finishFailed(deps, run, controller.signal, error);
    return undefined;
  }
}

/** Ready: the status bar, the timeline, the log, and a notification unless the window says it. */
async function finishReady(
  deps: StartupDeps,
  request: StartRequest,
  run: StartRun,
  watch: BackgroundHooksWatch,
  { result, connected }: BroughtUp,
): Promise<void> {
  const entry = await run.record('ready', result.action);
  deps.statusBar.show({
    kind: 'ready',
    record: entry,
    history: deps.history.all(),
    background: watch.current,
  });
  await watch.ready(entry, result.backgroundSteps);
  deps.log.info(
    `${result.containerName} ready in ${formatDuration(entry.totalMs)} (${result.action}): ${JSON.stringify(run.timings)}`,
  );
  for (const warning of result.warnings) {
    deps.log.warn(`${warning.property}: ${warning.message}`);
  }
  // A window that opened on the container, or an attach, says it in the status bar already.
  if (connected?.kind !== 'opened' && request.operation !== 'attach') {
    void announceReady(entry, connected?.kind === 'notConnected' ? connected.reason : undefined);
  }
}

/** Cancelled: back to idle, quietly. Failed: the error, its phase, and Rebuild as the way out. */
async function finishFailed(
  deps: StartupDeps,
  run: StartRun,
  signal: AbortSignal,
  error: unknown,
): Promise<void> {
  const facing = describeError(error);
  run.timings = { ...(run.engineTimings?.phases ?? run.timings) };
  if (facing.kind === 'cancelled' || signal.aborted) {
    await run.record('cancelled', 'created');
    deps.statusBar.show({ kind: 'idle' });
    deps.log.info(`${run.title}: ${facing.message}`);
    deps.refresh();
    return;
  }
  await run.record('failed', 'created');
  deps.statusBar.show({
    kind: 'failed',
    message: facing.message,
    ...(facing.detail !== undefined ? { detail: facing.detail } : {}),
    ...(facing.remedy !== undefined ? { remedy: facing.remedy } : {}),
    phase: run.phase,
    elapsedMs: run.elapsedMs(),
  });
  deps.refresh();
  // Rebuild is the way out of any failed start, whatever the error offers.
  await reportFailure(error, run.title, deps.log, {
    Rebuild: () => vscode.commands.executeCommand('slipway.rebuild'),
  });
}

async function announceReady(entry: StartRecord, note: string | undefined): Promise<void> {
  const text = `${entry.containerName} is ready (${formatDuration(entry.totalMs)}).${note === undefined ? '' : ` ${note}`}`;
  const choice = await vscode.window.showInformationMessage(text, 'Open Terminal', 'Show Timeline');
  if (choice === 'Open Terminal') {
    await vscode.commands.executeCommand('slipway.openTerminal');
  } else if (choice === 'Show Timeline') {
    await vscode.commands.executeCommand('slipway.showTimeline');
  }
}
