import * as vscode from 'vscode';
import type { ContainerNode } from '../containers/containersTree';
import { startContainer, type StartRequest, type StartupDeps } from '../startup/startContainer';
import { currentContainerWindow, folderBeforeContainer } from '../startup/containerWindows';
import { pickTarget } from '../workspaceTarget';

/**
 * Reopen, Rebuild (with and without cache, and reopen) and Open Folder in
 * Apple Container. Opening another folder goes through a new window: the
 * folder to reopen is remembered, and the new window's activation finishes
 * the job.
 */

const PENDING_KEY = 'slipway.pendingReopen';

type Variant = Pick<StartRequest, 'operation' | 'removeExisting' | 'noCache' | 'connect'>;

export const VARIANTS = {
  reopen: { operation: 'reopen', removeExisting: false, noCache: false, connect: true },
  rebuild: { operation: 'rebuild', removeExisting: true, noCache: false, connect: false },
  rebuildNoCache: { operation: 'rebuild', removeExisting: true, noCache: true, connect: false },
  rebuildAndReopen: { operation: 'rebuild', removeExisting: true, noCache: false, connect: true },
} as const satisfies Record<string, Variant>;

/** A start's needs, and the workspace's memory of its chosen config. */
export type StartCommandDeps = StartupDeps & { memento: vscode.Memento };

export function startCommand(deps: StartCommandDeps, variant: Variant) {
  return async (): Promise<void> => {
    const target = await pickTarget(deps.memento);
    if (!target) {
      return;
    }
    await startContainer(deps, { ...variant, ...target });
  };
}

export function openFolderCommand(deps: StartCommandDeps & { globalState: vscode.Memento }) {
  return async (): Promise<void> => {
    const [folder] =
      (await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: 'Open in Apple Container',
      })) ?? [];
    if (folder === undefined) {
      return;
    }
    const open = vscode.workspace.getWorkspaceFolder(folder);
    if (open !== undefined && open.uri.fsPath === folder.fsPath) {
      await startCommand(deps, VARIANTS.reopen)();
      return;
    }
    await deps.globalState.update(PENDING_KEY, folder.fsPath);
    await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
  };
}

/** Tree: Open in New Window, for a dev container (its workspace folder, its config). */
export function openInWindowCommand(deps: StartupDeps) {
  return async (node?: ContainerNode): Promise<void> => {
    if (node?.kind !== 'container' || node.item.workspaceFolder === undefined) {
      return;
    }
    const folderPath = node.item.workspaceFolder;
    const configFile = node.item.configFile;
    if (configFile === undefined) {
      void vscode.window.showInformationMessage(
        `${node.item.label} has no devcontainer.json label, so Slipway cannot tell how to open it.`,
      );
      return;
    }
    // The folder need not be open here: the new window opens on the container directly.
    const open = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.fsPath === folderPath);
    const folder: vscode.WorkspaceFolder = open ?? {
      uri: vscode.Uri.file(folderPath),
      name: folderPath.split('/').pop() ?? folderPath,
      index: 0,
    };
    await startContainer(deps, { ...VARIANTS.reopen, folder, configFile, newWindow: true });
  };
}

/** In the window opened by Open Folder in Apple Container: finish the reopen. */
export async function resumePendingReopen(deps: { globalState: vscode.Memento }): Promise<boolean> {
  const pending = deps.globalState.get<string>(PENDING_KEY);
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.fsPath === pending);
  if (pending === undefined || folder === undefined) {
    return false;
  }
  await deps.globalState.update(PENDING_KEY, undefined);
  // Through the command, so that the new window's folder must be trusted too.
  await vscode.commands.executeCommand('slipway.reopenInContainer');
  return true;
}

/** Reopen Folder Locally: in a container window, the same folder where it was opened from. */
export function reopenLocallyCommand(deps: { globalState: vscode.Memento }) {
  return async (): Promise<void> => {
    const window = currentContainerWindow(deps.globalState);
    if (window === undefined) {
      void vscode.window.showInformationMessage(
        'This window is not connected to a Slipway dev container.',
      );
      return;
    }
    await vscode.commands.executeCommand('vscode.openFolder', folderBeforeContainer(window), {
      forceNewWindow: false,
    });
  };
}
