import * as vscode from 'vscode';
import {
  cliVersionError,
  MINIMUM_CONTAINER_VERSION,
  versionCommand,
} from '../../core/client/cliVersion';
import { systemStartCommand, systemStatusCommand } from '../../core/client/systemCommands';
import { isContainerCliError, type SystemStatus } from '../../core/client/types';
import { setupChecks, setupReport, type SetupProbe } from '../../core/view/checkSetup';
import { readHostInfo } from '../../node/hostInfo';
import type { CheckSetupPanel } from '../checkSetupPanel';
import type { Services } from '../services';
import { reportFailure } from '../userErrors';
import { findSshExtension } from '../sshExtension';

/** Start Container System and Check Setup. */

export function startSystemCommand({
  services,
  log,
  refresh,
}: {
  services: Services;
  log: vscode.LogOutputChannel;
  refresh(): void;
}) {
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

async function probeCli(services: Services): Promise<Pick<SetupProbe, 'cli' | 'service'>> {
  let path: string;
  try {
    path = await services.runner().executable();
  } catch (error) {
    return { cli: { found: false, message: (error as Error).message } };
  }
  let version: string | undefined;
  let versionProblem: string | undefined;
  try {
    version = await services.runner().run(versionCommand());
    versionProblem = cliVersionError(version)?.message;
  } catch (error) {
    versionProblem = (error as Error).message;
  }
  let service: SetupProbe['service'];
  try {
    const status: SystemStatus = await services
      .runner()
      .run(systemStatusCommand(version === undefined ? {} : { cliVersion: version }));
    service = { running: status.running, status: status.status, detail: status.detail };
  } catch (error) {
    service =
      isContainerCliError(error) && error.kind === 'serviceNotRunning'
        ? { running: false, detail: error.message }
        : { error: (error as Error).message };
  }
  return {
    cli: {
      found: true,
      path,
      ...(version !== undefined ? { version } : {}),
      ...(versionProblem !== undefined && version === undefined ? { error: versionProblem } : {}),
    },
    service,
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
    const [host, cli] = await Promise.all([readHostInfo(), probeCli(services)]);
    const probe: SetupProbe = {
      platform: host.platform,
      arch: host.arch,
      ...(host.osVersion !== undefined ? { osVersion: host.osVersion } : {}),
      ...(host.chip !== undefined ? { chip: host.chip } : {}),
      ...cli,
      sshExtension: findSshExtension()?.id,
      minimumVersion: MINIMUM_CONTAINER_VERSION,
    };
    const checks = setupChecks(probe);
    log.info(`Check Setup:\n${setupReport(checks)}`);
    panel.finish(ticket, checks);
  };
}
