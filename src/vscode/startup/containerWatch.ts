import * as vscode from 'vscode';
import { inspectCommand, startCommand } from '../../core/client/containerCommands';
import { isContainerCliError } from '../../core/client/types';
import { explainStopOnce } from '../outOfMemoryNotice';
import type { Services } from '../services';
import type { ContainerWindow } from './containerWindows';

/**
 * In a container window, watch the container itself: when it stops (or the
 * Mac slept and it went away) Remote-SSH would only spin, so Slipway says
 * what happened and offers to start it and reconnect (or, when the guest
 * kernel's OOM killer stopped it, that it ran out of memory, with a larger
 * size to configure). A `container` that no longer answers
 * (apple/container#1916, stuck after a reconnect) is caught by the call's
 * time-out and reported with what to do.
 */
const WATCH_MS = 10_000;

export function watchContainerWindow(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
  globalState: vscode.Memento,
): vscode.Disposable {
  let warned = false;
  let busy = false;
  const check = async () => {
    if (busy || warned) {
      return;
    }
    busy = true;
    try {
      const [info] = await services.runner().run(inspectCommand([window.containerId]));
      if (info === undefined || info.state !== 'running') {
        warned = true;
        // Stopped on its own, out of memory: say so, with a larger size to pick.
        if (
          info !== undefined &&
          (await explainStopOnce({ globalState, services, log }, info, {
            'Start and Reconnect': () => startAndReconnect(services, window),
          }))
        ) {
          return;
        }
        await offerRestart(
          services,
          window,
          info === undefined ? 'was removed' : `is ${info.state}`,
          log,
        );
      }
    } catch (error) {
      if (isContainerCliError(error) && error.kind === 'containerNotFound') {
        warned = true;
        await offerRestart(services, window, 'was removed', log);
      } else if (isContainerCliError(error) && error.kind === 'timeout') {
        warned = true;
        void vscode.window.showErrorMessage(
          `container is not answering (${error.message}). This is a known Apple container problem after reconnects (apple/container#1916): quit the editor windows of this container, run \`container system stop\` and \`container system start\`, then reopen.`,
        );
      } else {
        log.debug(`Watching ${window.containerId}: ${String(error)}`);
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), WATCH_MS);
  return { dispose: () => clearInterval(timer) };
}

async function offerRestart(
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
    await startAndReconnect(services, window);
  } else if (choice === 'Reopen Locally') {
    await vscode.commands.executeCommand('slipway.reopenLocally');
  }
}

async function startAndReconnect(services: Services, window: ContainerWindow): Promise<void> {
  await services.runner().run(startCommand(window.containerId));
  await vscode.commands.executeCommand('workbench.action.reloadWindow');
}
