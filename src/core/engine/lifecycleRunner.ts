import type { LifecycleCommand, LifecycleHook } from '../config/types';
import type { LifecycleStep } from '../plan/lifecycle';
import type { ContainerClient, EngineDeps, HostCommandRunner } from './deps';
import { commandArgv, execArgs } from './execArgs';

/**
 * Runs lifecycle commands as the spec defines them: a string through
 * `/bin/sh -c`, an array without a shell, an object's entries in parallel
 * (each one's output held and printed when it ends, so they do not mix); the
 * commands of one hook one after another, in metadata order. The first
 * failure stops the hook with a message naming it, its origin and exit code.
 */

export class LifecycleError extends Error {
  override readonly name = 'SlipwayLifecycleError';
  constructor(
    readonly hook: LifecycleHook,
    message: string,
    readonly exitCode: number,
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
      { signal, stdin: 'ignore', onStdout: onOutput, onStderr: onOutput },
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

async function runOne(
  hook: LifecycleHook,
  origin: string,
  command: string | string[],
  execute: Execute,
  output: (chunk: string) => void,
  label: string,
): Promise<void> {
  const code = await execute(commandArgv(command), output);
  if (code === INTERRUPTED) {
    output(`${label} was interrupted (exit 130); going on.\n`);
    return;
  }
  if (code !== 0) {
    throw new LifecycleError(
      hook,
      `The ${hook} from ${origin} failed with exit code ${code}${label === hook ? '' : ` (${label})`}.`,
      code,
    );
  }
}

async function runCommand(
  hook: LifecycleHook,
  origin: string,
  command: LifecycleCommand,
  execute: Execute,
  log: (line: string) => void,
): Promise<void> {
  if (typeof command === 'string' || Array.isArray(command)) {
    await runOne(hook, origin, command, execute, (chunk) => log(chunk), hook);
    return;
  }
  const entries = Object.entries(command);
  const results = await Promise.allSettled(
    entries.map(async ([name, entry]) => {
      let buffered = '';
      try {
        await runOne(
          hook,
          origin,
          entry,
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
    await runCommand(hook, entry.origin, entry.command, execute, deps.log);
  }
}
