import * as vscode from 'vscode';

/** The Get Started walkthrough (contributes.walkthroughs in package.json). */

const WALKTHROUGH_ID = 'gettingStarted';
/** globalState key: set once the walkthrough was opened on a first activation. */
const SHOWN_KEY = 'slipway.walkthroughShown';

export function openWalkthrough(context: vscode.ExtensionContext): Thenable<unknown> {
  return vscode.commands.executeCommand(
    'workbench.action.openWalkthrough',
    `${context.extension.id}#${WALKTHROUGH_ID}`,
    false,
  );
}

/**
 * Opens the walkthrough on the first activation after install, once per
 * machine, unless the user turned walkthroughs-on-install off (the same
 * setting the editor honours for its own). The caller skips container
 * windows: whoever is in one has set up already.
 */
export async function openWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get<boolean>(SHOWN_KEY) === true) {
    return;
  }
  // Unset means the editor's default, on.
  const enabled = vscode.workspace
    .getConfiguration('workbench.welcomePage')
    .get<boolean>('walkthroughs.openOnInstall');
  if (enabled === false) {
    return;
  }
  await context.globalState.update(SHOWN_KEY, true);
  await openWalkthrough(context);
}
