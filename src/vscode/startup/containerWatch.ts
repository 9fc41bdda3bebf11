import * as vscode from 'vscode';
import { inspectCommand } from '../../core/client/containerCommands';
import { isContainerCliError, type ContainerInfo } from '../../core/client/types';
import { startDevContainer } from '../../core/engine/startDevContainer';
import { PROBE_TIMEOUT_MS as KEEPALIVE_TIMEOUT_MS } from '../../node/ssh/transportRecovery';
import { explainStopOnce } from '../outOfMemoryNotice';
import type { Services } from '../services';
import { planRequestFor } from '../settings';
import { reportFailure } from '../userErrors';
import type { ContainerWindow } from './containerWindows';
import { recoverConnection } from './recoverConnection';

/**
 * In a container window, watch the container itself: when it stops (or the
 * Mac slept and it went away) Remote-SSH would only spin, so Slipway says
 * what happened and offers to start it and reconnect (or, when the guest
 * kernel's OOM killer stopped it, that it ran out of memory, with a larger
 * size to configure). A keep-alive
 * `container exec <id> true` with a bound finds the stuck `exec` of
 * apple/container#1916 (after a reconnect), and the recovery runs in steps
 * the user sees (recoverConnection): never a frozen window with no message.
 */
const WATCH_MS = 10_000;

/** One look at the window's container; exported so tests drive it without the timer. */
export function containerWatchCheck(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
  globalState: vscode.Memento,
): () => Promise<void> {
  let done = false;
  let busy = false;
  return async () => {
    if (busy || done) {
      return;
    }
    busy = true;
    try {
      const stuck = await look(services, window);
      if (stuck === undefined) {
        return;
      }
      if (stuck.kind === 'gone') {
        done = true;
        // Stopped on its own, out of memory: say so, with a larger size to pick.
        const explained =
          stuck.info !== undefined &&
          (await explainStopOnce({ globalState, services, log }, stuck.info, {
            'Start and Reconnect': () => startAndReconnect(services, window, log),
          }));
        if (!explained) {
          await offerRestart(services, window, stuck.what, log);
        }
      } else if (stuck.kind === 'stuck') {
        // A recovered container is watched again; one that was not leaves the user the message.
        done = !(await recoverConnection(services, window, log, stuck.why));
      } else {
        log.debug(`Watching ${window.containerId}: ${stuck.error}`);
      }
    } finally {
      busy = false;
    }
  };
}

type Finding =
  | { kind: 'gone'; what: string; info?: ContainerInfo }
  | { kind: 'stuck'; why: string }
  | { kind: 'unknown'; error: string };

/** `inspect`, then the keep-alive: undefined when the container runs and answers. */
async function look(services: Services, window: ContainerWindow): Promise<Finding | undefined> {
  const id = window.containerId;
  try {
    const [info] = await services.runner().run(inspectCommand([id]));
    if (info === undefined || info.state !== 'running') {
      return info === undefined
        ? { kind: 'gone', what: 'was removed' }
        : { kind: 'gone', what: `is ${info.state}`, info };
    }
    await services.engine().client.execCapture(['exec', id, 'true'], {
      timeoutMs: KEEPALIVE_TIMEOUT_MS,
    });
    return undefined;
  } catch (error) {
    if (isContainerCliError(error) && error.kind === 'containerNotFound') {
      return { kind: 'gone', what: 'was removed' };
    }
    if (isContainerCliError(error) && error.kind === 'timeout') {
      return { kind: 'stuck', why: error.message };
    }
    return { kind: 'unknown', error: String(error) };
  }
}

export function watchContainerWindow(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
  globalState: vscode.Memento,
): vscode.Disposable {
  const check = containerWatchCheck(services, window, log, globalState);
  const timer = setInterval(() => void check(), WATCH_MS);
  return { dispose: () => clearInterval(timer) };
}

/** Exported for its test: what the user is offered once the container is gone or stopped. */
export async function offerRestart(
  services: Services,
  window: ContainerWindow,
  what: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  log.warn(`${window.containerName} ${what}; the window's connection is gone.`);
  const reconnect = what === 'was removed' ? 'Reopen Locally' : 'Start and Reconnect';
  const choice = await vscode.window.showWarningMessage(
    `The dev container ${window.containerName} ${what}, so this window lost its connection.`,
    reconnect,
  );
  if (choice === 'Start and Reconnect') {
    await startAndReconnect(services, window, log);
  } else if (choice === 'Reopen Locally') {
    await vscode.commands.executeCommand('slipway.reopenLocally');
  }
}

async function startAndReconnect(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (await startAgain(services, window, log)) {
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }
}

/** The dev container, or a Compose config's whole project, started under a progress notification. */
async function startAgain(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  const what = window.composeProject ?? window.containerName;
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Starting ${window.composeProject !== undefined ? 'Compose project' : 'container'}`,
      },
      async (progress) => {
        progress.report({ message: what });
        return startDevContainer(services.engine(), {
          containerId: window.containerId,
          composeProject: window.composeProject,
          request: planRequestFor,
        });
      },
    );
    if (result.fallback !== undefined) {
      log.warn(result.fallback);
      void vscode.window.showWarningMessage(result.fallback);
    }
    log.info(`Started ${result.started.join(', ') || 'nothing (all running)'} for ${what}.`);
    return true;
  } catch (error) {
    await reportFailure(error, `Starting ${what}`, log);
    return false;
  }
}
