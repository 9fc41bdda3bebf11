import * as vscode from 'vscode';

export const CONFIGURE_RESOURCES = 'Configure Container Resources';
export const CHECK_SETUP = 'Check Setup';

/**
 * `up`'s warning that a start would overcommit the Mac's memory, as an
 * editor notification with the two places to act on it. Shown while the
 * start goes on: it is advice, and the user may stop something meanwhile.
 */
export async function warnOvercommit(message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, CONFIGURE_RESOURCES, CHECK_SETUP);
  if (choice === CONFIGURE_RESOURCES) {
    await vscode.commands.executeCommand('slipway.configureResources');
  } else if (choice === CHECK_SETUP) {
    await vscode.commands.executeCommand('slipway.checkSetup');
  }
}
