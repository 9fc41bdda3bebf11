import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ensureUserInclude,
  userIncludeNeeded,
  userSshConfigPath,
} from '../../node/ssh/configFiles';
import { slipwaySshDir } from '../../node/ssh/keys';
import { prepareSshHost } from '../../node/ssh/prepareHost';
import type { Services } from '../services';
import { sshConfigFileSetting } from '../settings';
import { findSshExtension, SSH_EXTENSION_IDS } from '../sshExtension';
import { editorSetupInvocation } from '../../core/ssh/editorSetup';
import type { ConnectOutcome, ConnectTarget, WindowConnector } from './connector';
import { containerWindowFor, rememberContainerWindow } from './containerWindows';
import { connectThroughMac } from './macConnector';
import { onOtherMac } from '../remoteMac';

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
  /** Where Slipway runs: on a Remote-SSH window's host (Workspace) or on the user's machine. */
  extensionKind?: vscode.ExtensionKind;
}

export function sshWindowConnector(deps: SshConnectorDeps): WindowConnector {
  return {
    async connect(target, options): Promise<ConnectOutcome> {
      if (onOtherMac(deps.extensionKind)) {
        // Remote-SSH is what opened this window: it is there, on the user's side.
        return connectThroughMac(deps, target, options);
      }
      const extension = findSshExtension();
      if (extension === undefined) {
        return offerSshExtension();
      }
      const containerPath = await deps.services.runner().executable();
      const settings = vscode.workspace.getConfiguration('slipway');
      const sshDir = slipwaySshDir();
      const prepared = await prepareSshHost(deps.services.engine().client, {
        containerId: target.containerId,
        containerName: target.containerName,
        remoteUser: target.remoteUser,
        containerEnv: target.containerEnv,
        sessionEnv: target.sessionEnv,
        containerPath,
        forwardAgent: settings.get<boolean>('forwardSshAgent') ?? true,
        localForwards: target.portForwards,
        sshDir,
        signal: options.signal,
      });
      for (const warning of prepared.warnings) {
        deps.log.warn(`${target.containerName}: ${warning}`);
      }
      const gitconfig =
        (settings.get<boolean>('copyGitConfig') ?? true)
          ? await readFile(path.join(homedir(), '.gitconfig'), 'utf8').catch(() => undefined)
          : undefined;
      await setUpEditor(deps, target, gitconfig, options.signal);
      const alias = prepared.entry.alias;
      const userConfig = userSshConfigPath(sshConfigFileSetting());
      const included = await includeWithConsent(deps, userConfig, prepared.configFile);
      if (!included) {
        return {
          kind: 'notConnected',
          reason: `Remote-SSH reads ${userConfig}, which does not include Slipway's SSH config, so the window cannot reach ${alias}. Reopen again to add the Include, or add \`Include "${prepared.configFile}"\` at its top yourself.`,
        };
      }
      await pinRemotePlatform(alias);
      await rememberContainerWindow(
        deps.globalState,
        alias,
        containerWindowFor(target, settings.get<string[]>('defaultExtensions') ?? []),
      );
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

/** Machine settings for the editor server and the user's .gitconfig, before the server starts. */
export async function setUpEditor(
  deps: Pick<SshConnectorDeps, 'services' | 'log'>,
  target: ConnectTarget,
  gitconfig: string | undefined,
  signal: AbortSignal,
): Promise<void> {
  const invocation = editorSetupInvocation({
    containerId: target.containerId,
    remoteUser: target.remoteUser,
    uriScheme: vscode.env.uriScheme,
    settings: target.vscode.settings,
    ...(gitconfig !== undefined ? { gitconfig } : {}),
  });
  if (invocation === undefined) {
    return;
  }
  const run = await deps.services.engine().client.execCapture(invocation.args, {
    input: invocation.input,
    timeoutMs: 60_000,
    signal,
  });
  if (run.exitCode !== 0) {
    // The window still works without them: say so and go on.
    deps.log.warn(
      `${target.containerName}: could not write the editor's machine settings or .gitconfig: ${run.stderr.trim()}`,
    );
  } else if (run.stdout.trim() !== '') {
    deps.log.info(`${target.containerName}: ${run.stdout.trim().replace(/\n/g, '; ')}`);
  }
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

/** How the user's config gets the Include: on this machine's disk, or on the user's through the editor. */
export interface IncludeEditor {
  needed(): Promise<boolean>;
  add(): Promise<{ changed: boolean }>;
}

function includeOnDisk(userConfig: string, slipwayConfig: string): IncludeEditor {
  return {
    needed: () => userIncludeNeeded(userConfig, slipwayConfig, homedir()),
    add: () => ensureUserInclude(userConfig, slipwayConfig, homedir()),
  };
}

/** Once per user: a modal saying exactly what changes in their SSH config. */
export async function includeWithConsent(
  deps: Pick<SshConnectorDeps, 'globalState' | 'log'>,
  userConfig: string,
  slipwayConfig: string,
  editor: IncludeEditor = includeOnDisk(userConfig, slipwayConfig),
): Promise<boolean> {
  if (!(await editor.needed())) {
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
  const outcome = await editor.add();
  if (outcome.changed) {
    deps.log.info(`Added an Include of ${slipwayConfig} to ${userConfig}`);
  }
  return true;
}

/** So Remote-SSH does not ask which OS the container runs. */
export async function pinRemotePlatform(alias: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('remote.SSH');
  const platforms = { ...(config.get<Record<string, string>>('remotePlatform') ?? {}) };
  if (platforms[alias] !== 'linux') {
    platforms[alias] = 'linux';
    await config.update('remotePlatform', platforms, vscode.ConfigurationTarget.Global);
  }
}
