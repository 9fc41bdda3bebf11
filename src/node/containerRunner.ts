import { constants as osConstants } from 'node:os';
import type { ExecaError } from 'execa';
import { loadExeca } from './execa';
import { classifyFailure } from '../core/client/classifyFailure';
import {
  cancelledError,
  cliMissingError,
  idleTimeoutError,
  timeoutError,
} from '../core/client/cliErrors';
import { IdleWatchdog } from './idleWatchdog';
import { unexpectedOutput } from '../core/client/json';
import { describeCommand, stderrTail } from '../core/client/stderrText';
import {
  type CommandOutcome,
  ContainerCliError,
  type ContainerCommand,
  type ContainerRunner,
  isContainerCliError,
} from '../core/client/types';

export interface ExecaContainerRunnerOptions {
  /** The `container` executable, usually from `locateContainerCli`. */
  executable: string;
  /** How long a timed-out or cancelled call gets after SIGTERM before SIGKILL. */
  forceKillAfterMs?: number;
  /** Added to the inherited environment. */
  env?: Readonly<Record<string, string>>;
  /** Hears every command line before it starts, for the debug log. */
  onCommand?: (commandLine: string) => void;
  /** Another program that carries each call (ssh to a remote Mac); `executable` is then unused. */
  transport?: RunnerTransport;
}

/** How a call reaches a `container` elsewhere: the program to start, and its own failures. */
export interface RunnerTransport {
  executable: string;
  /** The transport's argv for one `container` call (`tty`: the caller's stdin is a terminal). */
  argv(containerArgs: readonly string[], options: { tty: boolean }): string[];
  /** The transport's own failure (not `container`'s) as the error to throw, else `undefined`. */
  explain(failure: { exitCode?: number; stderr: string; code?: string }): Error | undefined;
}

const DEFAULT_FORCE_KILL_AFTER_MS = 5_000;

/** A listener that throws must not break the pipe it listens to. */
function safely<A extends unknown[]>(
  listener: ((...args: A) => void) | undefined,
  ...args: A
): void {
  try {
    listener?.(...args);
  } catch {
    // The log is best-effort; the command's result matters more.
  }
}

/**
 * Runs `container` with execa: arguments as an array and never a shell,
 * stdout as the result, stderr as the log and the error text. Every way a call
 * can end maps to a `ContainerCliError` kind the UI can act on.
 */
export class ExecaContainerRunner implements ContainerRunner {
  private readonly executable: string;
  private readonly forceKillAfterMs: number;
  private readonly env: Readonly<Record<string, string>>;
  private readonly onCommand: ((commandLine: string) => void) | undefined;
  private readonly transport: RunnerTransport | undefined;

  constructor(options: ExecaContainerRunnerOptions) {
    this.executable = options.executable;
    this.transport = options.transport;
    this.forceKillAfterMs = options.forceKillAfterMs ?? DEFAULT_FORCE_KILL_AFTER_MS;
    this.env = options.env ?? {};
    this.onCommand = options.onCommand;
  }

  async run<T>(
    command: ContainerCommand<T>,
    options: { signal?: AbortSignal; onStderr?: (line: string) => void } = {},
  ): Promise<T> {
    const { signal, onStderr } = options;
    const args = command.args;
    if (signal?.aborted) {
      throw cancelledError(args, command.summary);
    }
    const { execa, ExecaError } = await loadExeca();
    safely(this.onCommand, [this.executable, ...args].join(' '));
    const [file, argv] = this.spawned(args, false);
    let outcome: CommandOutcome;
    let stdout: string;
    try {
      const result = await execa(file, argv, {
        // No input means stdin at EOF: a prompt (`system start` without a kernel) then
        // fails fast instead of waiting for an answer nobody can give.
        ...(command.input !== undefined ? { input: command.input } : { stdin: 'ignore' as const }),
        stderr: [
          // Line by line, so the log shows Apple's progress as it happens.
          function* (line: unknown) {
            safely(onStderr, String(line));
            yield line;
          },
        ],
        timeout: command.timeoutMs,
        forceKillAfterDelay: this.forceKillAfterMs,
        cancelSignal: signal,
        env: this.env,
        extendEnv: true,
        stripFinalNewline: false,
      });
      stdout = result.stdout;
      outcome = { exitCode: 0, stderr: result.stderr };
    } catch (error) {
      if (!(error instanceof ExecaError)) {
        throw error;
      }
      const exitCode = error.exitCode;
      const stderr = typeof error.stderr === 'string' ? error.stderr : '';
      const carried = this.transportFailure(error, stderr);
      if (carried) {
        throw carried;
      }
      const ended = this.abnormalEnd(command, error, stderr);
      if (ended) {
        throw ended;
      }
      if (exitCode === undefined || !command.acceptExitCodes?.includes(exitCode)) {
        throw classifyFailure(args, exitCode, stderr);
      }
      stdout = typeof error.stdout === 'string' ? error.stdout : '';
      outcome = { exitCode, stderr };
    }
    return parseOutput(command, stdout, outcome);
  }

  async runAttached(
    args: string[],
    options: {
      signal?: AbortSignal;
      stdin?: 'inherit' | 'ignore' | string;
      onStdout?: (chunk: string) => void;
      onStderr?: (chunk: string) => void;
      idleTimeoutMs?: number;
    } = {},
  ): Promise<number> {
    const { signal, stdin = 'ignore', onStdout, onStderr, idleTimeoutMs } = options;
    const summary = describeCommand(args);
    if (signal?.aborted) {
      throw cancelledError(args, summary);
    }
    const { execa, ExecaError } = await loadExeca();
    safely(this.onCommand, [this.executable, ...args].join(' '));
    const [file, argv] = this.spawned(args, stdin === 'inherit' && process.stdin.isTTY === true);
    const subprocess = execa(file, argv, {
      ...(stdin === 'inherit' || stdin === 'ignore' ? { stdin } : { input: stdin }),
      stdout: onStdout ? 'pipe' : 'inherit',
      stderr: onStderr ? 'pipe' : 'inherit',
      // The output goes to the listeners as it comes; keeping a copy would only cost memory.
      buffer: false,
      cancelSignal: signal,
      forceKillAfterDelay: this.forceKillAfterMs,
      env: this.env,
      extendEnv: true,
    });
    // The watchdog can only hear output it is given, so it needs both callbacks.
    const watchdog =
      idleTimeoutMs !== undefined && onStdout && onStderr
        ? new IdleWatchdog(idleTimeoutMs, () => subprocess.kill())
        : undefined;
    // setEncoding keeps a UTF-8 character whole when it straddles two chunks.
    subprocess.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      watchdog?.heard();
      safely(onStdout, chunk);
    });
    subprocess.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      watchdog?.heard();
      safely(onStderr, chunk);
    });
    try {
      const result = await subprocess;
      return result.exitCode ?? 0;
    } catch (error) {
      if (!(error instanceof ExecaError)) {
        throw error;
      }
      if (watchdog?.fired) {
        throw idleTimeoutError(args, watchdog.idleMs);
      }
      if (error.isCanceled) {
        throw cancelledError(args, summary);
      }
      // Only a failure to start: an exit code here is the command's own (exec's 255 included).
      const carried = error.exitCode === undefined ? this.transportFailure(error, '') : undefined;
      if (carried) {
        throw carried;
      }
      const missing = this.spawnFailure(error);
      if (missing) {
        throw missing;
      }
      if (error.exitCode !== undefined) {
        return error.exitCode;
      }
      if (error.signal !== undefined) {
        // The shell's convention, so callers see one number either way.
        return 128 + osConstants.signals[error.signal];
      }
      throw new ContainerCliError('failed', `${summary} failed: ${error.shortMessage}`, { args });
    } finally {
      watchdog?.stop();
    }
  }

  /** The file and argv actually started: `container` itself, or the transport carrying it. */
  private spawned(args: string[], tty: boolean): [string, string[]] {
    return this.transport
      ? [this.transport.executable, this.transport.argv(args, { tty })]
      : [this.executable, args];
  }

  private transportFailure(error: ExecaError, stderr: string): Error | undefined {
    if (this.transport === undefined || error.isCanceled || error.timedOut) {
      return undefined;
    }
    return this.transport.explain({ exitCode: error.exitCode, stderr, code: error.code });
  }

  /** ENOENT / EACCES when starting the executable. */
  private spawnFailure(error: ExecaError): ContainerCliError | undefined {
    if (error.exitCode !== undefined) {
      return undefined;
    }
    if (error.code === 'ENOENT') {
      return cliMissingError(this.executable, 'notFound');
    }
    if (error.code === 'EACCES') {
      return cliMissingError(this.executable, 'notExecutable');
    }
    return undefined;
  }

  /** Every end other than an exit code: cancelled, timed out, not started, too much output, killed. */
  private abnormalEnd<T>(
    command: ContainerCommand<T>,
    error: ExecaError,
    stderr: string,
  ): ContainerCliError | undefined {
    const args = command.args;
    if (error.isCanceled) {
      return cancelledError(args, command.summary);
    }
    if (error.timedOut) {
      return timeoutError(args, command.timeoutMs ?? 0, stderr, error.isForcefullyTerminated);
    }
    const missing = this.spawnFailure(error);
    if (missing) {
      return missing;
    }
    if (error.isMaxBuffer) {
      return new ContainerCliError(
        'failed',
        `${describeCommand(args)} printed more output than Slipway reads at once, so it was stopped.`,
        { args, stderr },
      );
    }
    if (error.exitCode === undefined) {
      const tail = stderrTail(stderr);
      const how = error.signal
        ? `was stopped by ${error.signal}`
        : `could not run (${error.shortMessage})`;
      return new ContainerCliError(
        'failed',
        `${describeCommand(args)} ${how}${tail ? `: ${tail}` : '.'}`,
        { args, stderr },
      );
    }
    return undefined;
  }
}

/** Runs the command's parser; anything but a ContainerCliError from it is unexpected output. */
function parseOutput<T>(command: ContainerCommand<T>, stdout: string, outcome: CommandOutcome): T {
  const details = { args: command.args, exitCode: outcome.exitCode, stderr: outcome.stderr };
  try {
    return command.parse(stdout, outcome);
  } catch (error) {
    if (isContainerCliError(error)) {
      throw error.details.args ? error : new ContainerCliError(error.kind, error.message, details);
    }
    const reason = error instanceof Error ? error.message : String(error);
    const wrapped = unexpectedOutput(command.summary, reason, stdout);
    throw new ContainerCliError(wrapped.kind, wrapped.message, details);
  }
}
