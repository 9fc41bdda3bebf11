import { isContainerCliError } from '../core/client/types';
import { isLifecycleError } from '../core/engine/lifecycleRunner';
import { formatConfigError, isConfigError } from '../core/errors';
import { version } from '../../package.json';
import { parseCliArgs, USAGE, USAGE_HINT, UsageError, type CommandArgs } from './args';
import { execCommand } from './commands/exec';
import { downCommand, lsCommand, stopCommand } from './commands/lifecycleVerbs';
import { planCommand } from './commands/plan';
import { upCommand } from './commands/up';
import { printJson, type Io } from './io';

/**
 * The `slipway` command. Results go to stdout (one JSON object, or text for
 * `plan` and `ls` without --json); progress and errors to stderr. Exit codes:
 * 0 success, 1 a problem with the config, the container or a command,
 * 2 a usage mistake; `exec` exits with the command's own code.
 */

const HANDLERS = {
  plan: planCommand,
  up: upCommand,
  exec: execCommand,
  stop: stopCommand,
  down: downCommand,
  ls: lsCommand,
} as const;

/** A problem the user can act on: its message, and where in the config it is, if anywhere. */
function userFacing(
  error: unknown,
): { message: string; file?: string; line?: number; column?: number } | undefined {
  if (isConfigError(error)) {
    return { message: error.message, file: error.file, line: error.line, column: error.column };
  }
  if (isContainerCliError(error) || isLifecycleError(error)) {
    return { message: error.message };
  }
  return undefined;
}

async function runCommand(args: CommandArgs, io: Io): Promise<number> {
  try {
    return await HANDLERS[args.command](args, io);
  } catch (error) {
    const problem = userFacing(error);
    if (problem === undefined) {
      throw error;
    }
    const cancelled = isContainerCliError(error) && error.kind === 'cancelled';
    // plan and ls speak text unless --json; the others always answer in JSON.
    const json = args.json || !['plan', 'ls'].includes(args.command);
    if (json) {
      printJson(io, { outcome: 'error', ...problem });
    }
    if (!json || args.command !== 'plan') {
      io.stderr(`slipway: ${isConfigError(error) ? formatConfigError(error) : problem.message}\n`);
    }
    // 130, as a shell reports a command ended by Ctrl-C.
    return cancelled ? 130 : 1;
  }
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      // Like git and npm: the mistake and where to read more, not 30 lines of help that bury it.
      io.stderr(`slipway: ${error.message}\n${USAGE_HINT}\n`);
      return 2;
    }
    throw error;
  }
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`slipway ${version}\n`);
    return 0;
  }
  return runCommand(args, io);
}

/** The first Ctrl-C (or SIGTERM) cancels cleanly; a second one ends the process at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (controller.signal.aborted) {
        process.exit(130);
      }
      controller.abort(new Error(`Interrupted by ${name}`));
    });
  }
  return controller.signal;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    signal: interruptSignal(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: process.stdin.isTTY === true && process.stdout.isTTY === true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Anything that reaches here is Slipway's bug, not the user's: say so plainly.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`slipway: internal error, please report it:\n${detail}\n`);
      process.exitCode = 1;
    },
  );
}
