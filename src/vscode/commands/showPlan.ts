import * as vscode from 'vscode';
import { discoverConfigs } from '../../core/config/discovery';
import { planForDisplay } from '../../core/engine/planCommand';
import { formatConfigError, isConfigError, type ConfigError } from '../../core/errors';
import { renderPlan } from '../../core/plan/render';
import { NodeFileSystem } from '../../node/fileSystem';
import type { ReadonlyDocuments } from '../readonlyDocuments';
import type { Services } from '../services';
import { planSettingsFor } from '../settings';

/**
 * Slipway: Show Container Plan. Shows the exact `container` commands that
 * would bring the workspace's dev container up; runs nothing, so it is safe
 * in an untrusted workspace too.
 */

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder’s dev container?' });
}

async function pickConfig(fs: NodeFileSystem, folder: string): Promise<string | undefined | null> {
  const { candidates } = await discoverConfigs(fs, folder);
  if (candidates.length === 0) {
    return null;
  }
  if (candidates.length === 1) {
    return candidates[0]?.file;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({ label: candidate.label, file: candidate.file })),
    { placeHolder: 'Which dev container configuration?' },
  );
  return picked?.file;
}

async function revealError(error: ConfigError): Promise<void> {
  const open = error.file === undefined ? [] : ['Open Config'];
  const choice = await vscode.window.showErrorMessage(formatConfigError(error), ...open);
  if (choice === 'Open Config' && error.file !== undefined) {
    const line = Math.max((error.line ?? 1) - 1, 0);
    const column = Math.max((error.column ?? 1) - 1, 0);
    const position = new vscode.Position(line, column);
    await vscode.window.showTextDocument(vscode.Uri.file(error.file), {
      selection: new vscode.Range(position, position),
    });
  }
}

export function showPlanCommand(
  services: Services,
  documents: ReadonlyDocuments,
  log: vscode.LogOutputChannel,
) {
  return async (): Promise<void> => {
    const folder = await pickFolder();
    if (folder === undefined) {
      void vscode.window.showInformationMessage(
        'Open a folder with a dev container configuration first.',
      );
      return;
    }
    const fs = new NodeFileSystem();
    try {
      const configFile = await pickConfig(fs, folder.uri.fsPath);
      if (configFile === null) {
        void vscode.window.showInformationMessage(
          `${folder.name} has no .devcontainer/devcontainer.json or .devcontainer.json.`,
        );
        return;
      }
      if (configFile === undefined) {
        return;
      }
      // As `slipway plan`: Features resolved (from the cache when offline), nothing written.
      const plan = await planForDisplay(services.engine(), {
        workspaceFolder: folder.uri.fsPath,
        configFile,
        settings: planSettingsFor(folder.uri),
        env: process.env,
      });
      log.info(`Planned ${plan.containerName} from ${plan.configFile}`);
      await documents.show(`Plan for ${folder.name}.txt`, renderPlan(plan));
    } catch (error) {
      if (isConfigError(error)) {
        log.warn(formatConfigError(error));
        await revealError(error);
        return;
      }
      throw error;
    }
  };
}
