import * as vscode from 'vscode';
import { remoteProcesses } from '../../node/remote/remoteProcesses';
import { recoverTransport } from '../../node/ssh/transportRecovery';
import type { Services } from '../services';
import type { ContainerWindow } from './containerWindows';

/**
 * The transport recovery of src/core/ssh/recovery.ts in a container window,
 * run where the user sees it: one notification whose message follows each
 * step (kill the stuck `container exec` client, restart the container), then
 * what came of it, with the one step left to the user (restart the service,
 * which stops every container, so it asks first). Resolves with whether the
 * container answers again; never waits for the user's answer.
 */
export async function recoverConnection(
  services: Services,
  window: ContainerWindow,
  log: vscode.LogOutputChannel,
  why: string,
): Promise<boolean> {
  log.warn(`${window.containerName}: ${why}. Recovering the connection.`);
  let outcome: { recovered: boolean; message: string };
  try {
    const executable = await services.runner().executable();
    outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `${window.containerName} is not answering`,
      },
      (progress) =>
        recoverTransport({
          client: services.engine().client,
          executable,
          containerId: window.containerId,
          // A container on another Mac: its window's `container exec` runs there.
          ...(services.session !== undefined
            ? { processes: remoteProcesses(services.session) }
            : {}),
          report: (message) => {
            log.info(message);
            progress.report({ message });
          },
        }),
    );
  } catch (error) {
    // Every step is bounded; what is left is a `container` that cannot be run at all.
    outcome = {
      recovered: false,
      message: `Slipway could not recover ${window.containerName}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (outcome.recovered) {
    log.info(outcome.message);
    void vscode.window
      .showInformationMessage(outcome.message, 'Reload Window')
      .then((choice) =>
        choice === 'Reload Window'
          ? vscode.commands.executeCommand('workbench.action.reloadWindow')
          : undefined,
      );
    return true;
  }
  log.error(outcome.message);
  void vscode.window
    .showErrorMessage(outcome.message, 'Restart Container System')
    .then((choice) =>
      choice === 'Restart Container System'
        ? vscode.commands.executeCommand('slipway.restartSystem')
        : undefined,
    );
  return false;
}
