import * as vscode from 'vscode';
import * as path from 'node:path';
import { DEPENDENCY_FOLDERS, detectVolumeFolders } from '../core/plan/volumeFolders';
import { volumeFolderOffer } from '../core/view/volumeFolderOffer';
import { readBenchHistory } from '../node/benchProcess';
import { NodeFileSystem } from '../node/fileSystem';
import { slipwayStateDir } from '../node/stateDir';
import type { SlipwayContext } from './context';
import { volumeFoldersSetting } from './settings';

/**
 * Offers, once per workspace, to keep its dependency folders on named
 * volumes, quoting a figure measured on this Mac (see volumeFolderOffer in
 * src/core/view). Asked after activation and again whenever a start is
 * recorded, since a slow postCreateCommand is one of the figures.
 */
const ANSWERED_KEY = 'slipway.volumeFolderOfferAnswered';
const NEVER_KEY = 'slipway.volumeFolderOfferNever';

const KEEP = 'Keep on Volumes';
const NOT_NOW = 'Not Now';
const NEVER = 'Never';

let asking = false;

export function registerVolumeFolderOffer(
  ctx: Pick<SlipwayContext, 'extension' | 'history' | 'log'>,
): void {
  ctx.extension.subscriptions.push(ctx.history.onDidChange(() => void offerVolumeFolders(ctx)));
}

/** The known dependency folders this workspace folder has (on the Mac: on the bind mount). */
async function presentFolders(root: vscode.Uri): Promise<string[]> {
  const fs = new NodeFileSystem();
  const folders = new Set<string>();
  for (const folder of DEPENDENCY_FOLDERS) {
    const info = await fs.stat(path.join(root.fsPath, folder)).catch(() => undefined);
    if (info?.kind === 'directory') {
      folders.add(folder);
    }
  }
  return detectVolumeFolders((folder) => folders.has(folder));
}

export async function offerVolumeFolders(
  ctx: Pick<SlipwayContext, 'extension' | 'history' | 'log'>,
): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const state = ctx.extension.workspaceState;
  const answered =
    ctx.extension.globalState.get<boolean>(NEVER_KEY) === true ||
    state.get<boolean>(ANSWERED_KEY) === true;
  if (folder === undefined || answered || asking || !vscode.workspace.isTrusted) {
    return;
  }
  asking = true;
  try {
    const offer = volumeFolderOffer({
      trusted: vscode.workspace.isTrusted,
      answered,
      present: await presentFolders(folder.uri),
      configured: volumeFoldersSetting(folder.uri),
      bench: await readBenchHistory(slipwayStateDir()).catch(() => []),
      starts: ctx.history.all(),
    });
    if (offer === undefined) {
      return;
    }
    // Remembered before asking: a dismissed notification counts as "Not Now".
    await state.update(ANSWERED_KEY, true);
    const choice = await vscode.window.showInformationMessage(offer.message, KEEP, NOT_NOW, NEVER);
    if (choice === KEEP) {
      await keepOnVolumes(folder, offer.folders);
    } else if (choice === NEVER) {
      await ctx.extension.globalState.update(NEVER_KEY, true);
    }
  } catch (error) {
    ctx.log.warn(`The volume folders offer failed: ${String(error)}`);
  } finally {
    asking = false;
  }
}

/** Writes the folders into this workspace folder's setting; they move at the next rebuild. */
async function keepOnVolumes(folder: vscode.WorkspaceFolder, folders: string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('slipway', folder.uri);
  const current = config.inspect<string[]>('volumeFolders')?.workspaceFolderValue ?? [];
  await config.update(
    'volumeFolders',
    [...new Set([...current, ...folders])],
    vscode.ConfigurationTarget.WorkspaceFolder,
  );
  const rebuild = 'Rebuild Container';
  const next = await vscode.window.showInformationMessage(
    `Saved in slipway.volumeFolders: ${folders.join(', ')} move to volumes when the container is next rebuilt.`,
    rebuild,
  );
  if (next === rebuild) {
    await vscode.commands.executeCommand('slipway.rebuild');
  }
}
