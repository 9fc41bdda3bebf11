import { describeError, headline, type UserFacingError } from '../core/userFacing';
import { printJson, type Io } from './io';

/**
 * How the command line reports a failure, from the one classification the
 * editor uses too: a JSON result on stdout (when the command answers in
 * JSON) and the message, detail and remedy on stderr. Only a bug says
 * "unexpected"; its stack goes to stderr for the report, never a class name
 * for a user's mistake.
 */

/** The JSON result of a failed command. `failedStep` names a failed lifecycle hook. */
export function errorJson(facing: UserFacingError): Record<string, unknown> {
  return {
    outcome: 'error',
    kind: facing.kind,
    message: facing.message,
    ...(facing.detail !== undefined ? { description: facing.detail } : {}),
    ...(facing.remedy !== undefined ? { remedy: facing.remedy } : {}),
    ...(facing.location !== undefined
      ? { file: facing.location.file, line: facing.location.line, column: facing.location.column }
      : {}),
    ...(facing.hook !== undefined ? { failedStep: facing.hook } : {}),
    ...(facing.exitCode !== undefined ? { exitCode: facing.exitCode } : {}),
  };
}

/** The lines for stderr: `slipway: <message>`, then the detail and what to do. */
export function errorText(facing: UserFacingError): string {
  const lines = [`slipway: ${headline(facing)}`];
  if (facing.detail !== undefined) {
    lines.push(...facing.detail.split('\n').map((line) => `  ${line}`));
  }
  if (facing.remedy !== undefined) {
    lines.push(facing.remedy);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Reports `error` and returns the exit code: 130 for a cancellation (as a
 * shell reports Ctrl-C), else 1. `extra` joins the JSON (the container a
 * failed background hook left running).
 */
export function reportError(
  io: Io,
  error: unknown,
  options: { json: boolean; stderr: boolean; extra?: Record<string, unknown> },
): number {
  const facing = describeError(error);
  if (options.json) {
    printJson(io, { ...errorJson(facing), ...options.extra });
  }
  if (options.stderr) {
    io.stderr(errorText(facing));
  }
  if (facing.kind === 'internal' && error instanceof Error && error.stack !== undefined) {
    io.stderr(`Please report this with the details below:\n${error.stack}\n`);
  }
  return facing.kind === 'cancelled' ? 130 : 1;
}
