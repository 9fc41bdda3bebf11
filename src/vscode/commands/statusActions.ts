import * as vscode from 'vscode';

/** Clicking the start-up item: what people do next with a container that just started (or failed). */
const ACTIONS = [
  { label: '$(output) Show Log', command: 'slipway.showLog' },
  { label: '$(terminal) Open Terminal', command: 'slipway.openTerminal' },
  { label: '$(graph) Show Startup Timeline', command: 'slipway.showTimeline' },
  { label: '$(refresh) Rebuild Container', command: 'slipway.rebuild' },
  { label: '$(debug-stop) Stop Container', command: 'slipway.stop' },
];

export function statusActionsCommand() {
  return async (): Promise<void> => {
    const picked = await vscode.window.showQuickPick(ACTIONS, { placeHolder: 'Slipway' });
    if (picked !== undefined) {
      await vscode.commands.executeCommand(picked.command);
    }
  };
}
