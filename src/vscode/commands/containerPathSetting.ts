import * as vscode from 'vscode';
import { CONTAINER_PATH_SETTING } from '../../core/client/cliErrors';

/**
 * Opens the Settings editor at `slipway.containerPath`, on the tab where it
 * can be set. The setting is machine-overridable, so in a remote window
 * (code-server, SSH, WSL) it belongs to the Remote tab; the User tab there
 * shows "No Settings Found" for it, which is where the welcome view's link
 * used to land.
 */
export async function openContainerPathSetting(): Promise<void> {
  const command =
    vscode.env.remoteName === undefined
      ? 'workbench.action.openSettings'
      : 'workbench.action.openRemoteSettings';
  // An object, not a string: openRemoteSettings ignores a bare query string.
  await vscode.commands.executeCommand(command, { query: CONTAINER_PATH_SETTING });
}
