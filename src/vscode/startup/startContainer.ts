import * as vscode from 'vscode';
import { Timings } from '../../core/engine/timings';
import { up, type UpResult } from '../../core/engine/up';
import { phasesFromTimings, type StartRecord } from '../../core/view/startupHistory';
import { busyText } from '../../core/view/phases';
import { formatDuration } from '../../core/view/duration';
import type { Services } from '../services';
import { planSettingsFor } from '../settings';
import { describeError } from '../../core/userFacing';
import { reportFailure } from '../userErrors';
import { BackgroundHooksWatch } from './backgroundHooks';
import type { WindowConnector } from './connector';
import type { StartHistoryStore } from './historyStore';
import type { StartupStatusBar } from './statusBar';

/**
 * Reopen and Rebuild: bring the dev container up with live progress in the
 * status bar and a cancellable notification, hand the window over to the
 * connector, and record how long each phase took.
 */

export interface StartupDeps {
  services: Services;
  statusBar: StartupStatusBar;
  history: StartHistoryStore;
  connector: WindowConnector;
  log: vscode.LogOutputChannel;
  /** Refreshes the containers view after the action. */
  refresh(): void;
}

export interface StartRequest {
  operation: 'reopen' | 'rebuild' | 'attach';
  folder: vscode.WorkspaceFolder;
  configFile: string;
  removeExisting: boolean;
  noCache: boolean;
  /** Hand the window over once ready (Reopen, Rebuild and Reopen). */
  connect: boolean;
  newWindow?: boolean;
}

const TICK_MS = 100;

export async function startContainer(
  deps: StartupDeps,
  request: StartRequest,
): Promise<UpResult | undefined> {
  const startedAt = new Date();
  const t0 = performance.now();
  let phase = 'plan';
  let containerName: string | undefined;
  const showBusy = () =>
    deps.statusBar.show({
      kind: 'busy',
      operation: request.operation,
      containerName,
      phase,
      elapsedMs: performance.now() - t0,
    });
  showBusy();
  const ticker = setInterval(showBusy, TICK_MS);
  const controller = new AbortController();
  const title =
    request.operation === 'rebuild' ? 'Rebuilding dev container' : 'Starting dev container';
  deps.log.info(`${title} for ${request.folder.uri.fsPath} (${request.configFile})`);
  let timings: Record<string, number> = {};
  // The engine's clock, made here so that a failed start still has its phases for the timeline.
  let engineTimings: Timings | undefined;
  const watch = new BackgroundHooksWatch(deps);
  const record = async (
    outcome: StartRecord['outcome'],
    action: StartRecord['action'],
  ): Promise<StartRecord> => {
    const entry: StartRecord = {
      at: startedAt.toISOString(),
      containerName: containerName ?? request.folder.name,
      action,
      outcome,
      totalMs: performance.now() - t0,
      phases: phasesFromTimings(timings, outcome === 'failed' ? phase : undefined),
    };
    await deps.history.add(entry);
    return entry;
  };
  try {
    const { result, connected } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort(new Error('cancelled by the user')));
        const setPhase = (next: string) => {
          phase = next;
          progress.report({ message: busyText(next) });
          showBusy();
        };
        engineTimings = new Timings(() => performance.now(), setPhase);
        const outcome = await up(deps.services.engine(), {
          workspaceFolder: request.folder.uri.fsPath,
          configFile: request.configFile,
          settings: planSettingsFor(request.folder.uri),
          env: process.env,
          trusted: vscode.workspace.isTrusted,
          removeExisting: request.removeExisting,
          // A connected window runs postAttachCommand itself when it attaches.
          skipPostAttach: request.connect,
          noCache: request.noCache,
          signal: controller.signal,
          timings: engineTimings,
          onBackgroundStep: watch.onStep,
        });
        containerName = outcome.result.containerName;
        timings = { ...outcome.result.timings };
        // Each hook's news comes through the watch; this only keeps the rejection handled.
        outcome.background.catch(() => undefined);
        deps.refresh();
        if (!request.connect) {
          return { result: outcome.result, connected: undefined };
        }
        // The engine's own timer for the hand-over, telling the status bar as it begins.
        const connectTimings = new Timings(() => performance.now(), setPhase);
        const handover = await connectTimings.measure('connect', () =>
          deps.connector.connect(
            {
              containerId: outcome.result.containerId,
              containerName: outcome.result.containerName,
              remoteUser: outcome.result.remoteUser,
              remoteWorkspaceFolder: outcome.result.remoteWorkspaceFolder,
              workspaceFolder: request.folder.uri.fsPath,
              configFile: outcome.result.configFile,
              containerEnv: outcome.result.containerEnv,
              sessionEnv: outcome.result.sessionEnv,
              forwardPorts: outcome.result.forwardPorts,
              vscode: outcome.result.vscode,
              ...(outcome.result.shutdownAction !== undefined
                ? { shutdownAction: outcome.result.shutdownAction }
                : {}),
            },
            { newWindow: request.newWindow ?? false, signal: controller.signal },
          ),
        );
        // A hand-over that opened nothing took no part in the start-up.
        if (handover.kind === 'opened') {
          Object.assign(timings, connectTimings.phases);
        }
        return { result: outcome.result, connected: handover };
      },
    );
    clearInterval(ticker);
    const entry = await record('ready', result.action);
    deps.statusBar.show({
      kind: 'ready',
      record: entry,
      history: deps.history.all(),
      background: watch.current,
    });
    await watch.ready(entry, result.backgroundSteps);
    deps.log.info(
      `${result.containerName} ready in ${formatDuration(entry.totalMs)} (${result.action}): ${JSON.stringify(timings)}`,
    );
    for (const warning of result.warnings) {
      deps.log.warn(`${warning.property}: ${warning.message}`);
    }
    // A window that opened on the container, or an attach, says it in the status bar already.
    if (connected?.kind !== 'opened' && request.operation !== 'attach') {
      void announceReady(entry, connected?.kind === 'notConnected' ? connected.reason : undefined);
    }
    return result;
  } catch (error) {
    clearInterval(ticker);
    const facing = describeError(error);
    timings = { ...(engineTimings?.phases ?? timings) };
    if (facing.kind === 'cancelled' || controller.signal.aborted) {
      await record('cancelled', 'created');
      deps.statusBar.show({ kind: 'idle' });
      deps.log.info(`${title}: ${facing.message}`);
      deps.refresh();
      return undefined;
    }
    await record('failed', 'created');
    deps.statusBar.show({
      kind: 'failed',
      message: facing.message,
      ...(facing.detail !== undefined ? { detail: facing.detail } : {}),
      ...(facing.remedy !== undefined ? { remedy: facing.remedy } : {}),
      phase,
      elapsedMs: performance.now() - t0,
    });
    deps.refresh();
    // Rebuild is the way out of any failed start, whatever the error offers.
    await reportFailure(error, title, deps.log, {
      Rebuild: () => vscode.commands.executeCommand('slipway.rebuild'),
    });
    return undefined;
  }
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
