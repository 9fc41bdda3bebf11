import * as vscode from 'vscode';
import type { SourceLocation } from '../core/errors';
import { describeError, oneLine, type UserFacingError } from '../core/userFacing';

/**
 * Failures shown to the user, in the words of the one classification the CLI
 * uses too (src/core/userFacing.ts): the message, its detail and remedy on one
 * line, with the actions it supports. A bug says so; its stack goes to the
 * log only.
 */

export async function openAt(location: SourceLocation): Promise<void> {
  const position = new vscode.Position(
    Math.max((location.line ?? 1) - 1, 0),
    Math.max((location.column ?? 1) - 1, 0),
  );
  await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
    selection: new vscode.Range(position, position),
  });
}

/** The label of the button that opens Configure Container Resources with a larger size. */
export const CONFIGURE_RESOURCES_BUTTON = 'Configure Resources…';

/** What Configure Container Resources starts from when a button opens it. */
export interface ConfigureResourcesPreset {
  /** The memory to put first in the list, e.g. the size suggested after an out-of-memory kill. */
  memoryBytes?: number;
}

/** The button for each action the classification offers, in its order. */
function buttons(
  facing: UserFacingError,
  log: vscode.LogOutputChannel,
): Record<string, () => unknown> {
  const result: Record<string, () => unknown> = {};
  const location = facing.location;
  for (const action of facing.actions) {
    if (action === 'showLog') {
      result['Show Log'] = () => log.show(true);
    } else if (action === 'rebuild') {
      result['Rebuild'] = () => vscode.commands.executeCommand('slipway.rebuild');
    } else if (action === 'configureResources') {
      const preset: ConfigureResourcesPreset = {
        ...(facing.outOfMemory?.suggestedBytes !== undefined
          ? { memoryBytes: facing.outOfMemory.suggestedBytes }
          : {}),
      };
      result[CONFIGURE_RESOURCES_BUTTON] = () =>
        vscode.commands.executeCommand('slipway.configureResources', preset);
    } else if (location !== undefined) {
      result['Open devcontainer.json'] = () => openAt(location);
    }
  }
  return result;
}

/**
 * For a failed user action: the error notification with its actions (and
 * any the caller adds, such as Rebuild after a failed start). A cancellation
 * is only logged.
 */
export async function reportFailure(
  error: unknown,
  what: string,
  log: vscode.LogOutputChannel,
  extraActions: Record<string, () => unknown> = {},
): Promise<void> {
  const facing = describeError(error);
  if (facing.kind === 'cancelled') {
    log.info(`${what}: ${facing.message}`);
    return;
  }
  const text = oneLine(facing);
  if (facing.kind === 'internal') {
    // The whole error, stack included, for the report; never on screen.
    log.error(`${what} failed`, error);
  } else {
    log.error(`${what} failed: ${text}`);
  }
  const actions = { ...buttons(facing, log), ...extraActions };
  const choice = await vscode.window.showErrorMessage(
    `${what} failed: ${text}`,
    ...Object.keys(actions),
  );
  if (choice !== undefined) {
    await actions[choice]?.();
  }
}
