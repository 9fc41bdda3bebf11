import * as vscode from 'vscode';
import {
  builderStartCommand,
  builderStopCommand,
  BIGGER_BUILDER,
  systemStopCommand,
} from '../../core/client/doctorCommands';
import { systemStartCommand } from '../../core/client/systemCommands';
import type { ContainerCommand } from '../../core/client/types';
import { setupChecks, setupReport } from '../../core/view/checkSetup';
import { probeSetup } from '../../node/doctorProbe';
import type { CheckSetupPanel } from '../checkSetupPanel';
import type { Services } from '../services';
import { reportFailure } from '../userErrors';
import { findSshExtension } from '../sshExtension';

/** What the system commands need from the extension's context. */
interface SystemCommandDeps {
  services: Services;
  log: vscode.LogOutputChannel;
  refresh(): void;
  /** Checked again after a fix when it is open, so its rows show what the fix did. */
  setupPanel?: CheckSetupPanel;
}

/** Check Setup's run: the probe, the checks, the log, the tab. */
async function checkSetup(
  services: Services,
  panel: CheckSetupPanel,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const ticket = panel.begin();
  const sshExtension = findSshExtension()?.id;
  const probe = await probeSetup(
    services.runner(),
    sshExtension === undefined ? {} : { sshExtension },
  );
  const checks = setupChecks(probe);
  log.info(`Check Setup:\n${setupReport(checks)}`);
  panel.finish(ticket, checks);
}

/** After a fix: the open Check Setup tab runs again rather than show what was fixed. */
async function checkAgainIfOpen(deps: SystemCommandDeps): Promise<void> {
  if (deps.setupPanel?.isOpen() === true) {
    await checkSetup(deps.services, deps.setupPanel, deps.log);
  }
}

/** Start Container System and Check Setup. */

export function startSystemCommand(deps: SystemCommandDeps) {
  const { services, log, refresh } = deps;
  return async (): Promise<void> => {
    const controller = new AbortController();
    try {
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Starting the container system service (the first start installs a kernel)',
          cancellable: true,
        },
        async (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          await services.runner().run(systemStartCommand(), { signal: controller.signal });
        },
      );
      log.info('container system start: done');
      void vscode.window.showInformationMessage('The container system service is running.');
      await checkAgainIfOpen(deps);
    } catch (error) {
      await reportFailure(error, 'Start Container System', log);
    } finally {
      refresh();
    }
  };
}

export function checkSetupCommand({
  services,
  setupPanel: panel,
  log,
}: {
  services: Services;
  setupPanel: CheckSetupPanel;
  log: vscode.LogOutputChannel;
}) {
  return (): Promise<void> => checkSetup(services, panel, log);
}

/**
 * Runs `steps` in order under one cancellable notification, after the user
 * agreed to `question` (both fixes stop something that may be in use).
 */
async function runWithConsent(
  deps: SystemCommandDeps,
  text: { question: string; detail: string; confirm: string; progress: string; done: string },
  steps: readonly ContainerCommand<void>[],
): Promise<void> {
  const { services, log } = deps;
  const answer = await vscode.window.showWarningMessage(
    text.question,
    { modal: true, detail: text.detail },
    text.confirm,
  );
  if (answer !== text.confirm) {
    return;
  }
  const controller = new AbortController();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: text.progress, cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        for (const step of steps) {
          await services.runner().run(step, { signal: controller.signal });
        }
      },
    );
    log.info(`${text.confirm}: done`);
    void vscode.window.showInformationMessage(text.done);
    deps.refresh();
    await checkAgainIfOpen(deps);
  } catch (error) {
    deps.refresh();
    await reportFailure(error, text.confirm, log);
  }
}

/** Check Setup's fix for client/server skew: `system stop`, then `system start`. */
export function restartSystemCommand(deps: SystemCommandDeps) {
  return () =>
    runWithConsent(
      deps,
      {
        question: 'Restart the container system service?',
        detail:
          'The service still runs the release from before the upgrade. Restarting it stops every running container; start them again afterwards.',
        confirm: 'Restart Container System',
        progress: 'Restarting the container system service',
        done: 'The container system service was restarted.',
      },
      [systemStopCommand(), systemStartCommand()],
    );
}

/** Check Setup's fix for a builder at Apple's default size. */
export function restartBuilderCommand(deps: SystemCommandDeps) {
  return () =>
    runWithConsent(
      deps,
      {
        question: `Restart the builder VM with ${BIGGER_BUILDER.cpus} CPUs and ${BIGGER_BUILDER.memory}B?`,
        detail: 'A build running now fails; its cache is kept.',
        confirm: 'Restart Builder',
        progress: 'Restarting the builder VM',
        done: `The builder VM runs with ${BIGGER_BUILDER.cpus} CPUs and ${BIGGER_BUILDER.memory}B.`,
      },
      [builderStopCommand(), builderStartCommand()],
    );
}
