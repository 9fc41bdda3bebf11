import { totalmem } from 'node:os';
import * as vscode from 'vscode';
import type { Timings } from '../../core/engine/timings';
import { up, type UpOutcome, type UpResult } from '../../core/engine/up';
import { busyText } from '../../core/view/phases';
import { planSettingsFor } from '../settings';
import type { BackgroundHooksWatch } from './backgroundHooks';
import { warnOvercommit } from './overcommitNotice';
import type { ConnectOutcome, ConnectTarget } from './connector';
import type { StartRequest, StartupDeps } from './startRequest';
import type { StartRun } from './startRun';

/** The part of a start under its progress notification: `up`, then the hand-over. */

export interface BroughtUp {
  result: UpResult;
  /** How the hand-over went; none when the request did not connect. */
  connected: ConnectOutcome | undefined;
}

export async function bringUp(
  deps: StartupDeps,
  request: StartRequest,
  run: StartRun,
  watch: BackgroundHooksWatch,
  progress: vscode.Progress<{ message?: string }>,
  signal: AbortSignal,
): Promise<BroughtUp> {
  const report = (phase: string) => progress.report({ message: busyText(phase) });
  const engineTimings = run.clock(report);
  run.engineTimings = engineTimings;
  const outcome = await runUp(deps, request, engineTimings, watch, signal);
  run.containerName = outcome.result.containerName;
  run.timings = { ...outcome.result.timings };
  // Each hook's news comes through the watch; this only keeps the rejection handled.
  outcome.background.catch(() => undefined);
  deps.refresh();
  if (!request.connect) {
    return { result: outcome.result, connected: undefined };
  }
  // The engine's own timer for the hand-over, telling the status bar as it begins.
  const connectTimings = run.clock(report);
  const handover = await connectTimings.measure('connect', () =>
    deps.connector.connect(connectTarget(request, outcome.result), {
      newWindow: request.newWindow ?? false,
      signal,
    }),
  );
  // A hand-over that opened nothing took no part in the start-up.
  if (handover.kind === 'opened') {
    Object.assign(run.timings, connectTimings.phases);
  }
  return { result: outcome.result, connected: handover };
}

function runUp(
  deps: StartupDeps,
  request: StartRequest,
  timings: Timings,
  watch: BackgroundHooksWatch,
  signal: AbortSignal,
): Promise<UpOutcome> {
  return up(deps.services.engine(), {
    workspaceFolder: request.folder.uri.fsPath,
    configFile: request.configFile,
    settings: planSettingsFor(request.folder.uri),
    env: process.env,
    trusted: vscode.workspace.isTrusted,
    removeExisting: request.removeExisting,
    // A connected window runs postAttachCommand itself when it attaches.
    skipPostAttach: request.connect,
    noCache: request.noCache,
    signal,
    timings,
    onBackgroundStep: watch.onStep,
    // The extension host runs on the Mac, so its memory is the Mac's.
    host: { memoryBytes: totalmem() },
    onWarning: (message) => void warnOvercommit(message),
  });
}

function connectTarget(request: StartRequest, result: UpResult): ConnectTarget {
  return {
    containerId: result.containerId,
    containerName: result.containerName,
    remoteUser: result.remoteUser,
    remoteWorkspaceFolder: result.remoteWorkspaceFolder,
    workspaceFolder: request.folder.uri.fsPath,
    configFile: result.configFile,
    containerEnv: result.containerEnv,
    sessionEnv: result.sessionEnv,
    portForwards: result.portForwards,
    vscode: result.vscode,
    ...(result.shutdownAction !== undefined ? { shutdownAction: result.shutdownAction } : {}),
    ...(result.composeProject !== undefined ? { composeProject: result.composeProject } : {}),
  };
}
