import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shellQuote } from '../../core/shell';
import { extensionIdOfFolder, installFolder, launcherScript } from '../../core/launcher/launcher';
import { removeLauncher, withAdminRights, writeLauncher } from '../../node/launcherFile';
import { writeFileAtomic } from '../../node/atomicFile';

/** Install / Uninstall 'slipway' Command in PATH, VS Code's `code` convention. */

function home(): string {
  return process.env.HOME ?? homedir();
}

export function installCliCommand({
  extension: context,
  log,
}: {
  extension: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}) {
  return async (): Promise<void> => {
    const folderName = path.basename(context.extensionPath);
    const extensionId = extensionIdOfFolder(folderName);
    if (extensionId === undefined) {
      // A development host runs the extension from a clone: there is no
      // versioned folder to find later, and `npx slipway` works there.
      void vscode.window.showErrorMessage(
        `Slipway: Install 'slipway' Command works from an installed extension; this one runs from ${context.extensionPath}. Use npx slipway in the clone instead.`,
      );
      return;
    }
    const script = launcherScript({
      extensionsDir: path.dirname(context.extensionPath),
      extensionId,
      runtime: process.execPath,
    });
    const target = installFolder(process.env.PATH ?? '', home());
    const file = path.join(target.folder, 'slipway');
    const result = await writeLauncher(target.folder, script);
    if (result === 'notOurs') {
      void vscode.window.showErrorMessage(
        `Slipway: ${file} exists and was not written by Slipway. Remove it, then run Install 'slipway' Command in PATH again.`,
      );
      return;
    }
    if (result === 'needsAdmin') {
      if (!(await installWithAdminRights(context, target.folder, script))) {
        return;
      }
    }
    log.info(`Installed the slipway launcher: ${file}`);
    const advice = target.onPath
      ? 'Open a new terminal and run slipway --version.'
      : `${target.folder} is not on your PATH: add it, then open a new terminal.`;
    void vscode.window.showInformationMessage(
      `Slipway: installed the 'slipway' command in ${target.folder}. ${advice}`,
    );
  };
}

/** Asks first; on macOS the system password prompt, elsewhere the exact command to run. */
async function installWithAdminRights(
  context: vscode.ExtensionContext,
  folder: string,
  script: string,
): Promise<boolean> {
  const file = path.join(folder, 'slipway');
  if (process.platform === 'darwin') {
    const go = 'Use Administrator Password';
    const answer = await vscode.window.showWarningMessage(
      `Writing ${file} needs administrator rights.`,
      {
        modal: true,
        detail: `Slipway will ask macOS for your password to install a small launcher there. To avoid that, add ~/.local/bin to your PATH and run this again.`,
      },
      go,
    );
    return answer === go && (await withAdminRights('install', folder, script));
  }
  // Kept in the extension's storage, so the command stays valid while the user runs it.
  const staged = path.join(context.globalStorageUri.fsPath, 'slipway-launcher');
  await writeFileAtomic(staged, script, 0o755);
  const command = `sudo install -m 0755 ${shellQuote(staged)} ${shellQuote(file)}`;
  const copy = 'Copy Command';
  const answer = await vscode.window.showWarningMessage(
    `Slipway cannot write ${file} without administrator rights. Run: ${command}`,
    copy,
  );
  if (answer === copy) {
    await vscode.env.clipboard.writeText(command);
  }
  return false;
}

export function uninstallCliCommand({ log }: { log: vscode.LogOutputChannel }) {
  return async (): Promise<void> => {
    const removed: string[] = [];
    for (const folder of [path.join(home(), '.local', 'bin'), '/usr/local/bin']) {
      const result = await removeLauncher(folder);
      if (result === 'done') {
        removed.push(folder);
      } else if (result === 'needsAdmin') {
        if (process.platform === 'darwin' && (await withAdminRights('remove', folder, ''))) {
          removed.push(folder);
        } else {
          void vscode.window.showWarningMessage(
            `Slipway cannot remove ${path.join(folder, 'slipway')} without administrator rights. Run: sudo rm ${shellQuote(path.join(folder, 'slipway'))}`,
          );
        }
      }
    }
    if (removed.length === 0) {
      void vscode.window.showInformationMessage(
        "Slipway: no 'slipway' command installed by Slipway was found in ~/.local/bin or /usr/local/bin.",
      );
      return;
    }
    log.info(`Removed the slipway launcher from ${removed.join(', ')}`);
    void vscode.window.showInformationMessage(
      `Slipway: removed the 'slipway' command from ${removed.join(' and ')}.`,
    );
  };
}
