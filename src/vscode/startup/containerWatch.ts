import * as vscode from 'vscode';
import { inspectCommand } from '../../core/client/containerCommands';
import { isContainerCliError } from '../../core/client/types';
import { startDevContainer } from '../../core/engine/startDevContainer';
import type { Services } from '../services';
import { planSettingsFor } from '../settings';
import { reportFailure } from '../userErrors';
import type { ContainerWindow } from './containerWindows';

/**
 * In a container window, watch the container itself: when it stops (or the
 * Mac slept and it went away) Remote-SSH would only spin, so Slipway says
 * what happened and offers to start it and reconnect. A `container` that no
 * longer answers (apple/container#1916, stuck after a reconnect) is caught by
 * the call's time-out and reported with what to do.
 */
const WATCH_MS = 10_000;

export function watchContainerWindow(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
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
    if (await startAgain(services, window, log)) {
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }
  } else if (choice === 'Reopen Locally') {
    await vscode.commands.executeCommand('slipway.reopenLocally');
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
          request: (workspaceFolder, configFile) => ({
            workspaceFolder,
            configFile,
            settings: planSettingsFor(vscode.Uri.file(workspaceFolder)),
            env: process.env,
          }),
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
