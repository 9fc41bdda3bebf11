import type { LifecycleCommand, LifecycleHook } from '../config/types';
import type { SourceLocation } from '../errors';
import type { OutOfMemory } from '../memory/outOfMemory';
import type { LifecycleEntry, LifecycleStep } from '../plan/lifecycle';
import type { ContainerClient, EngineDeps, HostCommandRunner } from './deps';
import { TIMEOUTS } from '../client/timeouts';
import { commandArgv, execArgs } from './execArgs';

/**
 * Runs lifecycle commands as the spec defines them: a string through
 * `/bin/sh -c`, an array without a shell, an object's entries in parallel
 * (each one's output held and printed when it ends, so they do not mix); the
 * commands of one hook one after another, in metadata order. The first
 * failure stops the hook with a message naming it, its origin and exit code.
 */

/** What a failed hook was, for a message that names it, its command and its last words. */
export interface HookFailure {
  /** `devcontainer.json`, or the Feature or image layer it came from. */
  origin: string;
  /** The command as written, on one line (`npm ci`, `["make","setup"]`). */
  command: string;
  /** The last lines it printed, where the cause usually is. */
  outputTail: string[];
  /** Where devcontainer.json writes it, when it does. */
  location?: SourceLocation;
}

export class LifecycleError extends Error {
  override readonly name = 'SlipwayLifecycleError';
  constructor(
    readonly hook: LifecycleHook,
    message: string,
    readonly exitCode: number,
    readonly failure?: HookFailure,
    /** The guest kernel killed it for lack of memory (read from the boot log after a 137). */
    readonly outOfMemory?: OutOfMemory,
  ) {
    super(message);
  }
}

export function isLifecycleError(error: unknown): error is LifecycleError {
  return error instanceof Error && error.name === 'SlipwayLifecycleError';
}

/** How to run one argv (already a full command) and get its exit code, with output. */
type Execute = (argv: string[], onOutput: (chunk: string) => void) => Promise<number>;

export function containerExecute(
  client: ContainerClient,
  target: { containerId: string; user: string; workdir: string; env: Record<string, string> },
  signal: AbortSignal | undefined,
  idleTimeoutMs: number = TIMEOUTS.hookIdle,
): Execute {
  return (argv, onOutput) =>
    client.execStreaming(
      execArgs({
        containerId: target.containerId,
        user: target.user,
        workdir: target.workdir,
        env: target.env,
        command: argv,
      }),
      { signal, stdin: 'ignore', onStdout: onOutput, onStderr: onOutput, idleTimeoutMs },
    );
}

export function hostExecute(
  host: HostCommandRunner,
  cwd: string,
  signal: AbortSignal | undefined,
): Execute {
  return (argv, onOutput) => host.run(argv, { cwd, signal, onOutput });
}

/** 130 (SIGINT) is "interrupted": reported, but it does not stop the sequence, as in the reference. */
const INTERRUPTED = 130;

/** How many of a failed hook's last output lines its error keeps. */
export const OUTPUT_TAIL_LINES = 5;
/** A command longer than this is cut in messages (the log and the file have it whole). */
const COMMAND_CHARS = 120;

/** The command on one line, as the user wrote it: a string as is, an array as JSON. */
export function displayCommand(command: string | string[]): string {
  const text = (typeof command === 'string' ? command : JSON.stringify(command))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  return text.length > COMMAND_CHARS ? `${text.slice(0, COMMAND_CHARS - 1)}…` : text;
}

/** The last non-empty lines of a command's output, without terminal escapes. */
export function lastLines(output: string, count = OUTPUT_TAIL_LINES): string[] {
  return (
    output
      // eslint-disable-next-line no-control-regex -- colour codes are what is being removed
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .split(/\r?\n|\r/)
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== '')
      .slice(-count)
  );
}

/** Output kept only as far as its tail is needed, so a chatty hook does not grow memory. */
function tailKeeper(): { add(chunk: string): void; lines(): string[] } {
  let kept = '';
  return {
    add(chunk) {
      kept = (kept + chunk).slice(-8192);
    },
    lines: () => lastLines(kept),
  };
}

async function runOne(
  hook: LifecycleHook,
  entry: LifecycleEntry,
  command: string | string[],
  execute: Execute,
  output: (chunk: string) => void,
  label: string,
): Promise<void> {
  const tail = tailKeeper();
  const code = await execute(commandArgv(command), (chunk) => {
    tail.add(chunk);
    output(chunk);
  });
  if (code === INTERRUPTED) {
    output(`${label} was interrupted (exit 130); going on.\n`);
    return;
  }
  if (code !== 0) {
    throw new LifecycleError(
      hook,
      `The ${hook} from ${entry.origin} failed with exit code ${code}${label === hook ? '' : ` (${label})`}.`,
      code,
      {
        origin: entry.origin,
        command: displayCommand(command),
        outputTail: tail.lines(),
        ...(entry.location !== undefined ? { location: entry.location } : {}),
      },
    );
  }
}

async function runCommand(
  hook: LifecycleHook,
  entry: LifecycleEntry,
  execute: Execute,
  log: (line: string) => void,
): Promise<void> {
  const command: LifecycleCommand = entry.command;
  if (typeof command === 'string' || Array.isArray(command)) {
    await runOne(hook, entry, command, execute, (chunk) => log(chunk), hook);
    return;
  }
  const entries = Object.entries(command);
  const results = await Promise.allSettled(
    entries.map(async ([name, part]) => {
      let buffered = '';
      try {
        await runOne(
          hook,
          entry,
          part,
          execute,
          (chunk) => (buffered += chunk),
          `${hook} "${name}"`,
        );
      } finally {
        log(`[${name}]\n${buffered}${buffered.endsWith('\n') || buffered === '' ? '' : '\n'}`);
      }
    }),
  );
  const failure = results.find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  if (failure !== undefined) {
    throw failure.reason;
  }
}

export async function runLifecycleStep(
  hook: LifecycleHook,
  step: LifecycleStep,
  execute: Execute,
  deps: Pick<EngineDeps, 'log'>,
): Promise<void> {
  for (const entry of step.commands) {
    deps.log(`Running ${hook} from ${entry.origin}...\n`);
    await runCommand(hook, entry, execute, deps.log);
  }
}
