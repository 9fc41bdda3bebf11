import * as vscode from 'vscode';
import { isContainerCliError } from '../core/client/types';
import { formatConfigError, isConfigError } from '../core/errors';

/**
 * Errors a user can act on (a config mistake, a `container` failure) are
 * shown in their own words with what to do; anything else is Slipway's bug
 * and goes to the log whole.
 */
export interface UserFacingError {
  message: string;
  /** Where in a file the problem is, when it is in one. */
  location?: { file: string; line?: number; column?: number };
  cancelled: boolean;
}

export function userFacing(error: unknown): UserFacingError | undefined {
  if (isConfigError(error)) {
    return {
      message: formatConfigError(error),
      ...(error.file !== undefined
        ? { location: { file: error.file, line: error.line, column: error.column } }
        : {}),
      cancelled: false,
    };
  }
  if (isContainerCliError(error)) {
    return { message: error.message, cancelled: error.kind === 'cancelled' };
  }
  return undefined;
}

export async function openAt(location: NonNullable<UserFacingError['location']>): Promise<void> {
  const position = new vscode.Position(
    Math.max((location.line ?? 1) - 1, 0),
    Math.max((location.column ?? 1) - 1, 0),
  );
  await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
    selection: new vscode.Range(position, position),
  });
}

/**
 * For a failed user action: the message with Show Log (and the file, when the
 * error points into one); a bug gets a short note and the details in the log.
 */
export async function reportFailure(
  error: unknown,
  what: string,
  log: vscode.LogOutputChannel,
  extraActions: Record<string, () => unknown> = {},
): Promise<void> {
  const facing = userFacing(error);
  if (facing?.cancelled) {
    log.info(`${what}: cancelled`);
    return;
  }
  if (facing === undefined) {
    log.error(`${what} failed`, error);
  } else {
    log.error(`${what} failed: ${facing.message}`);
  }
  const message =
    facing === undefined
      ? `Slipway: ${what} failed unexpectedly. The log has the details.`
      : `${what} failed: ${facing.message}`;
  const actions: Record<string, () => unknown> = { 'Show Log': () => log.show(true) };
  if (facing?.location !== undefined) {
    const location = facing.location;
    actions['Open devcontainer.json'] = () => openAt(location);
  }
  Object.assign(actions, extraActions);
  const choice = await vscode.window.showErrorMessage(message, ...Object.keys(actions));
  if (choice !== undefined) {
    await actions[choice]?.();
  }
}
