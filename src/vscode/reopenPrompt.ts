import * as vscode from 'vscode';
import type { WorkspaceTrust } from './trust';

/**
 * The first time a workspace with a dev container config opens, offer to
 * reopen it in an Apple container, as Dev Containers does; "Don't Show Again"
 * silences it for every workspace. An untrusted workspace is not offered a
 * container: the offer waits until the user trusts it.
 */
const SHOWN_KEY = 'slipway.reopenPromptShown';
const NEVER_KEY = 'slipway.reopenPromptNever';

export async function offerReopen(
  context: vscode.ExtensionContext,
  trust: WorkspaceTrust,
): Promise<void> {
  if (
    context.globalState.get<boolean>(NEVER_KEY) ||
    context.workspaceState.get<boolean>(SHOWN_KEY)
  ) {
    return;
  }
  if (!vscode.workspace.isTrusted) {
    const granted = vscode.workspace.onDidGrantWorkspaceTrust(() => {
      granted.dispose();
      // Trust granted to Reopen or Rebuild itself: that command goes on; no second question.
      if (!trust.askedByCommand) {
        void offerReopen(context, trust);
      }
    });
    context.subscriptions.push(granted);
    return;
  }
  await context.workspaceState.update(SHOWN_KEY, true);
  const choice = await vscode.window.showInformationMessage(
    'This folder has a dev container configuration. Reopen it in an Apple container?',
    'Reopen in Apple Container',
    "Don't Show Again",
  );
  if (choice === 'Reopen in Apple Container') {
    await vscode.commands.executeCommand('slipway.reopenInContainer');
  } else if (choice === "Don't Show Again") {
    await context.globalState.update(NEVER_KEY, true);
  }
}
