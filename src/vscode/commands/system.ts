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
}

/** Start Container System and Check Setup. */

export function startSystemCommand({ services, log, refresh }: SystemCommandDeps) {
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
  return async (): Promise<void> => {
    const ticket = panel.begin();
    const sshExtension = findSshExtension()?.id;
    const probe = await probeSetup(
      services.runner(),
      sshExtension === undefined ? {} : { sshExtension },
    );
    const checks = setupChecks(probe);
    log.info(`Check Setup:\n${setupReport(checks)}`);
    panel.finish(ticket, checks);
  };
}

/**
 * Runs `steps` in order under one cancellable notification, after the user
 * agreed to `question` (both fixes stop something that may be in use).
 */
async function runWithConsent(
  services: Services,
  log: vscode.LogOutputChannel,
  text: { question: string; detail: string; confirm: string; progress: string; done: string },
  steps: readonly ContainerCommand<void>[],
  after: () => void,
): Promise<void> {
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
  } catch (error) {
    await reportFailure(error, text.confirm, log);
  } finally {
    after();
  }
}

/** Check Setup's fix for client/server skew: `system stop`, then `system start`. */
export function restartSystemCommand({ services, log, refresh }: SystemCommandDeps) {
  return () =>
    runWithConsent(
      services,
      log,
      {
        question: 'Restart the container system service?',
        detail:
          'The service still runs the release from before the upgrade. Restarting it stops every running container; start them again afterwards.',
        confirm: 'Restart Container System',
        progress: 'Restarting the container system service',
        done: 'The container system service was restarted.',
      },
      [systemStopCommand(), systemStartCommand()],
      refresh,
    );
}

/** Check Setup's fix for a builder at Apple's default size. */
export function restartBuilderCommand({ services, log, refresh }: SystemCommandDeps) {
  return () =>
    runWithConsent(
      services,
      log,
      {
        question: `Restart the builder VM with ${BIGGER_BUILDER.cpus} CPUs and ${BIGGER_BUILDER.memory}B?`,
        detail: 'A build running now fails; its cache is kept.',
        confirm: 'Restart Builder',
        progress: 'Restarting the builder VM',
        done: `The builder VM runs with ${BIGGER_BUILDER.cpus} CPUs and ${BIGGER_BUILDER.memory}B.`,
      },
      [builderStopCommand(), builderStartCommand()],
      refresh,
    );
}
