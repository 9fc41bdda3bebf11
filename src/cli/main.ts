import { version } from '../../package.json';
import { parseCliArgs, USAGE, USAGE_HINT, UsageError, type CommandArgs } from './args';
import { doctorCommand } from './commands/doctor';
import { benchCommand } from './commands/bench';
import { execCommand } from './commands/exec';
import { downCommand, lsCommand, stopCommand } from './commands/lifecycleVerbs';
import { planCommand } from './commands/plan';
import { upCommand } from './commands/up';
import { reportError } from './errorReport';
import type { Io } from './io';
import { checkRemoteWorkspace, remoteSession } from './remoteHost';

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
  doctor: doctorCommand,
  bench: benchCommand,
} as const;

async function runCommand(args: CommandArgs, io: Io): Promise<number> {
  try {
    if (io.remote !== undefined) {
      await checkRemoteWorkspace(args, io, io.remote);
    }
    return await HANDLERS[args.command](args, io);
  } catch (error) {
    // plan, ls, doctor and bench speak text unless --json; the others always answer in JSON.
    const json = args.json || !['plan', 'ls', 'doctor', 'bench'].includes(args.command);
    // `plan --json` keeps stderr for logs: its JSON says it all.
    return reportError(io, error, { json, stderr: !json || args.command !== 'plan' });
  }
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args;
  let remote;
  try {
    args = parseCliArgs(argv);
    remote =
      args.command === 'help' || args.command === 'version' ? undefined : remoteSession(args, io);
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
  return runCommand(args, remote !== undefined ? { ...io, remote } : io);
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

/** The `slipway` process: arguments, streams and Ctrl-C from the real process. */
export function runFromProcess(): void {
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
      // Only a bug in argument parsing gets here; said the same way as any other.
      process.exitCode = reportError(
        {
          stdout: (text) => process.stdout.write(text),
          stderr: (text) => process.stderr.write(text),
          cwd: process.cwd(),
          env: process.env,
        },
        error,
        { json: false, stderr: true },
      );
    },
  );
}

if (require.main === module) {
  runFromProcess();
}
