import { homedir } from 'node:os';
import * as vscode from 'vscode';
import {
  ensureUserInclude,
  userIncludeNeeded,
  userSshConfigPath,
} from '../../node/ssh/configFiles';
import { slipwaySshDir } from '../../node/ssh/keys';
import { prepareSshHost } from '../../node/ssh/prepareHost';
import type { Services } from '../services';
import { findSshExtension, SSH_EXTENSION_IDS } from '../sshExtension';
import type { ConnectOutcome, WindowConnector } from './connector';
import { rememberContainerWindow } from './containerWindows';

/**
 * Reopen's hand-over over Remote-SSH: the container gets sshd and Slipway's
 * key (bootstrap through `container exec`), Slipway's SSH config gets a host
 * entry whose ProxyCommand is `container exec -i … sshd -i`, the user's SSH
 * config includes Slipway's (once, with consent), and the window opens
 * `vscode-remote://ssh-remote+<alias><folder>`. No port is published and no
 * daemon runs in the container.
 */

const CONSENT_KEY = 'slipway.sshIncludeConsent';

export interface SshConnectorDeps {
  services: Services;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

export function sshWindowConnector(deps: SshConnectorDeps): WindowConnector {
  return {
    async connect(target, options): Promise<ConnectOutcome> {
      const extension = findSshExtension();
      if (extension === undefined) {
        return offerSshExtension();
      }
      const containerPath = await deps.services.runner().executable();
      const sshDir = slipwaySshDir();
      const prepared = await prepareSshHost(deps.services.engine().client, {
        containerId: target.containerId,
        containerName: target.containerName,
        remoteUser: target.remoteUser,
        containerEnv: target.containerEnv,
        sessionEnv: target.sessionEnv,
        containerPath,
        forwardAgent:
          vscode.workspace.getConfiguration('slipway').get<boolean>('forwardSshAgent') ?? true,
        sshDir,
        signal: options.signal,
      });
      for (const warning of prepared.warnings) {
        deps.log.warn(`${target.containerName}: ${warning}`);
      }
      const alias = prepared.entry.alias;
      const userConfig = userSshConfigPath(
        vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile'),
      );
      const included = await includeWithConsent(deps, userConfig, prepared.configFile);
      if (!included) {
        return {
          kind: 'notConnected',
          reason: `Remote-SSH reads ${userConfig}, which does not include Slipway's SSH config, so the window cannot reach ${alias}. Reopen again to add the Include, or add \`Include "${prepared.configFile}"\` at its top yourself.`,
        };
      }
      await pinRemotePlatform(alias);
      await rememberContainerWindow(deps.globalState, alias, {
        containerId: target.containerId,
        containerName: target.containerName,
        workspaceFolder: target.workspaceFolder,
        configFile: target.configFile,
      });
      const uri = vscode.Uri.parse(
        `vscode-remote://ssh-remote+${alias}${encodeURI(target.remoteWorkspaceFolder)}`,
      );
      deps.log.info(`Opening ${uri.toString()} with ${extension.id}`);
      await vscode.commands.executeCommand('vscode.openFolder', uri, {
        forceNewWindow: options.newWindow,
      });
      return { kind: 'opened' };
    },
  };
}

async function offerSshExtension(): Promise<ConnectOutcome> {
  const install = 'Install Remote - SSH';
  void vscode.window
    .showInformationMessage(
      'Slipway connects the window to the container with Remote - SSH, which is not installed.',
      install,
    )
    .then((choice) =>
      choice === install
        ? vscode.commands.executeCommand(
            'workbench.extensions.installExtension',
            SSH_EXTENSION_IDS[0],
          )
        : undefined,
    );
  return {
    kind: 'notConnected',
    reason: 'Install Remote - SSH, then reopen to connect this window to the container.',
  };
}

/** Once per user: a modal saying exactly what changes in their SSH config. */
async function includeWithConsent(
  deps: SshConnectorDeps,
  userConfig: string,
  slipwayConfig: string,
): Promise<boolean> {
  if (!(await userIncludeNeeded(userConfig, slipwayConfig, homedir()))) {
    return true;
  }
  const consented = deps.globalState.get<boolean>(CONSENT_KEY) === true;
  if (!consented) {
    const add = 'Add the Include';
    const choice = await vscode.window.showInformationMessage(
      'Let Slipway add one line to your SSH config?',
      {
        modal: true,
        detail: `Remote-SSH finds hosts in ${userConfig}. Slipway keeps its dev containers in its own file and adds one line at the top of yours:\n\nInclude "${slipwayConfig}"\n\nYour own entries stay as they are, and a backup is kept next to the file.`,
      },
      add,
    );
    if (choice !== add) {
      return false;
    }
    await deps.globalState.update(CONSENT_KEY, true);
  }
  const outcome = await ensureUserInclude(userConfig, slipwayConfig, homedir());
  if (outcome.changed) {
    deps.log.info(`Added an Include of ${slipwayConfig} to ${userConfig}`);
  }
  return true;
}

/** So Remote-SSH does not ask which OS the container runs. */
async function pinRemotePlatform(alias: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('remote.SSH');
  const platforms = { ...(config.get<Record<string, string>>('remotePlatform') ?? {}) };
  if (platforms[alias] !== 'linux') {
    platforms[alias] = 'linux';
    await config.update('remotePlatform', platforms, vscode.ConfigurationTarget.Global);
  }
}
