import type { ContainerInfo } from '../client/types';

/**
 * The containers that were running at the last look and are stopped now: the
 * ones to ask "did it run out of memory?" (Apple stops a container when its
 * init process dies, and the OOM killer is a common reason).
 */
export function newlyStopped(
  before: readonly ContainerInfo[] | undefined,
  now: readonly ContainerInfo[],
): ContainerInfo[] {
  if (before === undefined) {
    // The first look: nothing to compare with, so nothing is news.
    return [];
  }
  const wasRunning = new Set(before.filter((c) => c.state === 'running').map((c) => c.id));
  return now.filter((c) => c.state === 'stopped' && wasRunning.has(c.id));
}

/** One notice per container run: the id and when that run started. */
export function runKey(container: Pick<ContainerInfo, 'id' | 'startedDate'>): string {
  return `${container.id}@${container.startedDate ?? ''}`;
}
