import * as path from 'node:path';
import * as vscode from 'vscode';
import { macAliasCandidates, type JumpHost } from '../../core/ssh/jumpHost';
import {
  ensureLocalInclude,
  ensureLocalKey,
  localIncludeNeeded,
  localSshPaths,
  registerRemoteHost,
} from '../../core/ssh/localSide';
import { userSshConfigPath } from '../../node/ssh/configFiles';
import { makeKeyPairForElsewhere } from '../../node/ssh/keys';
import { bootstrapContainer } from '../../node/ssh/prepareHost';
import { findLocalHome, localMachineFiles } from '../localMachine';
import { macAlias, macFacts } from '../remoteMac';
import { sshConfigFileSetting } from '../settings';
import type { ConnectOutcome, ConnectTarget } from './connector';
import { containerWindowFor, rememberContainerWindow } from './containerWindows';
import {
  includeWithConsent,
  pinRemotePlatform,
  setUpEditor,
  type SshConnectorDeps,
} from './sshConnector';

/**
 * Reopen when the window is on another Mac (Remote-SSH) and Slipway runs
 * there: the container is bootstrapped with this Mac's `container`, and
 * everything the next window's SSH client reads is written on the user's
 * machine, through the editor: the key (made here if the user's machine has
 * none: nothing can run ssh-keygen there from this side), the host entry
 * whose ProxyCommand goes through this Mac's alias, the pinned host key, and
 * the Include. The folder then opens on the container as on the local path.
 */
export async function connectThroughMac(
  deps: SshConnectorDeps,
  target: ConnectTarget,
  options: { newWindow: boolean; signal: AbortSignal },
): Promise<ConnectOutcome> {
  const files = localMachineFiles;
  const settings = vscode.workspace.getConfiguration('slipway');
  const facts = macFacts();
  const home = await findLocalHome(
    deps.globalState,
    facts.hostname,
    (config) => macAliasCandidates(config, facts).matching.length > 0,
  );
  const paths = localSshPaths(home);
  const userConfig = userSshConfigPath(sshConfigFileSetting(), home);
  const userConfigText = new TextDecoder().decode(
    (await files.read(userConfig)) ?? new Uint8Array(),
  );
  const mac = await macAlias(deps.globalState, userConfigText, facts);
  // ssh does not expand `~` in -F: the jump reads the same file the window's ssh read.
  const jump: JumpHost =
    sshConfigFileSetting() === undefined ? mac : { ...mac, configFile: userConfig };
  const publicKey = await ensureLocalKey(files, paths, () =>
    makeKeyPairForElsewhere({ signal: options.signal }),
  );
  const container = await bootstrapContainer(
    deps.services.engine().client,
    { ...target, signal: options.signal },
    publicKey,
  );
  for (const warning of container.warnings) {
    deps.log.warn(`${target.containerName}: ${warning}`);
  }
  const gitconfig =
    (settings.get<boolean>('copyGitConfig') ?? true)
      ? await files.read(path.posix.join(home, '.gitconfig')).then(
          (bytes) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes)),
          () => undefined,
        )
      : undefined;
  await setUpEditor(deps, target, gitconfig, options.signal);
  const entry = await registerRemoteHost(files, paths, {
    containerId: target.containerId,
    name: target.containerName,
    user: container.report.user,
    sshdPath: container.report.sshdPath,
    containerPath: await deps.services.runner().executable(),
    forwardAgent: settings.get<boolean>('forwardSshAgent') ?? true,
    localForwards: target.portForwards,
    hostKey: container.report.hostKey,
    jump,
  });
  const included = await includeWithConsent(deps, userConfig, paths.config, {
    needed: () => localIncludeNeeded(files, userConfig, paths.config, home),
    add: () => ensureLocalInclude(files, userConfig, paths.config, home),
  });
  if (!included) {
    return {
      kind: 'notConnected',
      reason: `Remote-SSH reads ${userConfig} on this computer, which does not include Slipway's SSH config, so the window cannot reach ${entry.alias} on ${mac.host}. Reopen again to add the Include, or add \`Include "${paths.config}"\` at its top yourself.`,
    };
  }
  await pinRemotePlatform(entry.alias);
  await rememberContainerWindow(deps.globalState, entry.alias, {
    ...containerWindowFor(target, settings.get<string[]>('defaultExtensions') ?? []),
    host: mac.host,
    route: {
      host: jump.host,
      ...(jump.user !== undefined ? { user: jump.user } : {}),
      ...(jump.port !== undefined ? { port: jump.port } : {}),
      ...(jump.configFile !== undefined ? { configFile: jump.configFile } : {}),
    },
  });
  const uri = vscode.Uri.parse(
    `vscode-remote://ssh-remote+${entry.alias}${encodeURI(target.remoteWorkspaceFolder)}`,
  );
  deps.log.info(`Opening ${uri.toString()} through ${mac.host}`);
  await vscode.commands.executeCommand('vscode.openFolder', uri, {
    forceNewWindow: options.newWindow,
  });
  return { kind: 'opened' };
}
