import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { showPlanCommand } from './commands/showPlan';
import { ReadonlyDocuments } from './readonlyDocuments';

/**
 * Entry point: builds the few services and registers every command, each
 * registration owned by the extension context so that deactivation cleans up.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Slipway', { log: true });
  const documents = new ReadonlyDocuments();
  context.subscriptions.push(
    log,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(ReadonlyDocuments.scheme, documents),
  );

  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    'slipway.showPlan': showPlanCommand(documents, log),
    'slipway.showLog': () => log.show(),
  };
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handlers[id](...args);
        } catch (error) {
          // A failure here is Slipway's bug: log it whole, tell the user briefly.
          log.error(`${id} failed`, error);
          void vscode.window.showErrorMessage(
            `Slipway: ${id} failed unexpectedly. See Slipway: Show Log.`,
          );
          return undefined;
        }
      }),
    );
  }
  log.info(`Slipway ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
