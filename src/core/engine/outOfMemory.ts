import type { ContainerInfo } from '../client/types';
import { parseOomKills } from '../memory/oomLog';
import { outOfMemory } from '../memory/outOfMemory';
import type { EngineDeps } from './deps';
import { isLifecycleError, LifecycleError } from './lifecycleRunner';

/**
 * A hook in the container that ended with 137 was SIGKILLed, and inside
 * Apple's VM that is usually the guest kernel's OOM killer, which tells no
 * one but its own log. Read that log (bounded) and, when it has a kill, say
 * so; otherwise (or when the log cannot be read) the error stays as it was.
 */

/** 128 + SIGKILL: what a shell reports for a process the OOM killer took. */
const KILLED = 137;

export async function explainKill(
  deps: Pick<EngineDeps, 'client' | 'log'>,
  container: ContainerInfo,
  error: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  if (
    !isLifecycleError(error) ||
    error.exitCode !== KILLED ||
    error.hook === 'initializeCommand' ||
    signal?.aborted
  ) {
    return error;
  }
  let log: string;
  try {
    log = await deps.client.bootLog(container.id, signal);
  } catch (readError) {
    deps.log(
      `Could not read ${container.id}'s boot log for out-of-memory kills: ${String(readError)}\n`,
    );
    return error;
  }
  const oom = outOfMemory(parseOomKills(log), container.memoryBytes);
  if (oom === undefined) {
    return error;
  }
  deps.log(`${container.id}: ${oom.kill.line}\n`);
  return new LifecycleError(error.hook, error.message, error.exitCode, error.failure, oom);
}
