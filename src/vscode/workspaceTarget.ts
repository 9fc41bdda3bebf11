import * as vscode from 'vscode';
import { discoverConfigs } from '../core/config/discovery';
import { NodeFileSystem } from '../node/fileSystem';

/**
 * Which workspace folder and which dev container config an action is for.
 * With several configs the user picks once; the choice is remembered per
 * folder (in workspace state) and offered first next time.
 */
export interface WorkspaceTarget {
  folder: vscode.WorkspaceFolder;
  configFile: string;
}

const rememberedKey = (folder: vscode.WorkspaceFolder) => `slipway.config:${folder.uri.fsPath}`;

export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder’s dev container?' });
}

/** `undefined` when the user dismissed a pick; `null` when there is nothing to pick from (said to the user). */
export async function pickTarget(
  memento: vscode.Memento,
  options: { ask?: boolean } = {},
): Promise<WorkspaceTarget | undefined | null> {
  const folder = await pickFolder();
  if (folder === undefined) {
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
      void vscode.window.showInformationMessage(
        'Open a folder with a dev container configuration first.',
      );
      return null;
    }
    return undefined;
  }
  const { candidates } = await discoverConfigs(new NodeFileSystem(), folder.uri.fsPath);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      `${folder.name} has no .devcontainer/devcontainer.json or .devcontainer.json. Add one to open it in an Apple container.`,
    );
    return null;
  }
  const remembered = memento.get<string>(rememberedKey(folder));
  if (candidates.length === 1) {
    return { folder, configFile: candidates[0]!.file };
  }
  if (!options.ask && candidates.some((candidate) => candidate.file === remembered)) {
    return { folder, configFile: remembered! };
  }
  const items = candidates
    .map((candidate) => ({
      label: candidate.label,
      description: candidate.file === remembered ? 'last used' : undefined,
      detail: vscode.workspace.asRelativePath(candidate.file),
      file: candidate.file,
    }))
    .sort((a, b) => Number(b.file === remembered) - Number(a.file === remembered));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Which dev container configuration?',
  });
  if (picked === undefined) {
    return undefined;
  }
  await memento.update(rememberedKey(folder), picked.file);
  return { folder, configFile: picked.file };
}

/** Whether any folder of this workspace has a dev container config (for welcome views and the prompt). */
export async function workspaceHasConfig(): Promise<boolean> {
  const fs = new NodeFileSystem();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') {
      continue;
    }
    const { candidates } = await discoverConfigs(fs, folder.uri.fsPath);
    if (candidates.length > 0) {
      return true;
    }
  }
  return false;
}
