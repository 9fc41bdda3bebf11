import type { ContainerInfo } from '../client/types';
import { overcommitWarning } from '../view/doctorChecks';

/**
 * The warning `up` gives before it starts or creates a container whose VM
 * would push the memory of the running containers past the share of the
 * Mac's that Check Setup's memory budget allows: the same rule, so the two
 * never disagree. A warning, not a refusal: macOS can page, and the user
 * may be about to stop something.
 */
export function startOvercommit(
  containers: readonly ContainerInfo[],
  starting: { id?: string; memoryBytes: number },
  hostMemoryBytes: number | undefined,
): string | undefined {
  if (hostMemoryBytes === undefined) {
    return undefined;
  }
  const runningBytes = containers
    .filter((c) => c.state === 'running' && c.id !== starting.id)
    .reduce((sum, c) => sum + (c.memoryBytes ?? 0), 0);
  const warning = overcommitWarning(runningBytes, starting.memoryBytes, hostMemoryBytes);
  return warning === undefined
    ? undefined
    : `${warning} Stop dev containers you are not using, or give this one less memory (Configure Container Resources, or --memory).`;
}
