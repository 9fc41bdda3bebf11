import { describeSize, formatAppleMemory } from '../plan/sizes';
import type { OomKill } from './oomLog';
import { suggestedMemoryBytes } from './suggest';

/**
 * "postCreateCommand was killed: the container ran out of its 4 GiB", said
 * the same way wherever Slipway learns of it (a failed hook, a container that
 * stopped on its own), with a size to try instead.
 */

export interface OutOfMemory {
  /** The kernel's last kill. */
  kill: OomKill;
  /** The container's memory when it ran out. */
  limitBytes?: number;
  /** What to give it instead (no more than the Mac has, where that is known). */
  suggestedBytes?: number;
}

export function outOfMemory(
  kills: readonly OomKill[],
  limitBytes: number | undefined,
  hostMemoryBytes?: number,
): OutOfMemory | undefined {
  const kill = kills.at(-1);
  if (kill === undefined) {
    return undefined;
  }
  const suggestedBytes = suggestedMemoryBytes({ limitBytes, outOfMemory: true, hostMemoryBytes });
  return {
    kill,
    ...(limitBytes !== undefined ? { limitBytes } : {}),
    ...(suggestedBytes !== undefined ? { suggestedBytes } : {}),
  };
}

/** `the container ran out of its 4 GiB` (or of its memory, when the limit is not known). */
export function ranOutOf(oom: OutOfMemory): string {
  return oom.limitBytes === undefined
    ? 'the container ran out of memory'
    : `the container ran out of its ${describeSize(oom.limitBytes)}`;
}

/** The kernel's line, up to the process it killed (the sizes after it stay in the log). */
export function kernelDetail(oom: OutOfMemory): string {
  const line = oom.kill.line.replace(/(Killed process \d+ \([^)]*\)).*$/, '$1');
  return `The guest kernel's log: ${line}`;
}

/** What to do, naming the editor's command, the CLI's flags and the settings. */
export function memoryRemedy(oom: OutOfMemory): string {
  const size = oom.suggestedBytes;
  const more = size === undefined ? 'more memory' : `more memory, such as ${describeSize(size)}`;
  const flag = size === undefined ? '--memory <size>' : `--memory ${formatAppleMemory(size)}`;
  return (
    `Give the container ${more}: Configure Container Resources in the editor (the slipway.memory setting), ` +
    `or \`slipway up ${flag} --remove-existing-container\`; hostRequirements.memory in devcontainer.json ` +
    'asks for it for everyone. Apple sizes a container when it is created, so it is rebuilt.'
  );
}
