import * as vscode from 'vscode';
import { vscodeCustomizations } from '../../core/plan/vscodeCustomizations';
import type { MacRoute } from '../../core/remote/macRoute';
import type { ConnectTarget } from './connector';

/**
 * Which SSH aliases are Slipway's dev containers, and for which local folder:
 * remembered when Reopen connects, read when a window opens on such an alias
 * (to show the container, run postAttachCommand, and reopen the folder locally).
 */
export interface ContainerWindow {
  containerId: string;
  containerName: string;
  workspaceFolder: string;
  configFile: string;
  /** `customizations.vscode.extensions` (with `slipway.defaultExtensions`), installed on attach. */
  extensions: string[];
  /** `stopContainer` (the default for image and Dockerfile configs): stop it when the last window closes. */
  shutdownAction: 'none' | 'stopContainer' | 'stopCompose';
  /** A Compose config's project, whose containers `stopCompose` stops. */
  composeProject?: string;
  /** The other Mac the container runs on (the window was on it); none: this machine. */
  host?: string;
  /** How this machine's ssh reaches that Mac (the jump's alias and ssh_config), recorded at Reopen. */
  route?: MacRoute;
}

/** The route to the window's Mac: the recorded one, or (older records) the alias alone. */
export function windowRoute(window: ContainerWindow): MacRoute | undefined {
  return window.route ?? (window.host === undefined ? undefined : { host: window.host });
}

/**
 * What a connected window records of its start, the same whichever Mac runs
 * the container (one place, so a Compose project is never forgotten on one path).
 */
export function containerWindowFor(
  target: ConnectTarget,
  defaultExtensions: readonly string[],
): ContainerWindow {
  return {
    containerId: target.containerId,
    containerName: target.containerName,
    workspaceFolder: target.workspaceFolder,
    configFile: target.configFile,
    extensions: vscodeCustomizations(
      [{ extensions: target.vscode.extensions }],
      [...defaultExtensions],
    ).extensions,
    shutdownAction: target.shutdownAction ?? 'stopContainer',
    ...(target.composeProject !== undefined ? { composeProject: target.composeProject } : {}),
  };
}

const KEY = 'slipway.containerWindows';

export async function rememberContainerWindow(
  state: vscode.Memento,
  alias: string,
  window: ContainerWindow,
): Promise<void> {
  const all = { ...(state.get<Record<string, ContainerWindow>>(KEY) ?? {}), [alias]: window };
  await state.update(KEY, all);
}

/** The alias of this window's SSH remote, when it is one of Slipway's containers. */
export function currentContainerWindow(
  state: vscode.Memento,
): (ContainerWindow & { alias: string }) | undefined {
  if (vscode.env.remoteName !== 'ssh-remote') {
    return undefined;
  }
  const authority = vscode.workspace.workspaceFolders?.[0]?.uri.authority ?? '';
  const alias = authority.startsWith('ssh-remote+') ? authority.slice('ssh-remote+'.length) : '';
  const known = state.get<Record<string, ContainerWindow>>(KEY)?.[alias];
  return known === undefined ? undefined : { ...known, alias };
}

/**
 * The container window's folder where the user left it: on this machine, or
 * on the other Mac (through the Mac's own Remote-SSH alias) when it was
 * opened from a window there.
 */
export function folderBeforeContainer(window: ContainerWindow): vscode.Uri {
  return window.host === undefined
    ? vscode.Uri.file(window.workspaceFolder)
    : vscode.Uri.parse(
        `vscode-remote://ssh-remote+${window.host}${encodeURI(window.workspaceFolder)}`,
      );
}
