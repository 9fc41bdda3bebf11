import * as vscode from 'vscode';

/**
 * The first time a workspace with a dev container config opens, offer to
 * reopen it in an Apple container, as Dev Containers does; "Don't Show Again"
 * silences it for every workspace.
 */
const SHOWN_KEY = 'slipway.reopenPromptShown';
const NEVER_KEY = 'slipway.reopenPromptNever';

export async function offerReopen(context: vscode.ExtensionContext): Promise<void> {
  if (
    context.globalState.get<boolean>(NEVER_KEY) ||
    context.workspaceState.get<boolean>(SHOWN_KEY)
  ) {
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
