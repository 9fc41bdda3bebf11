import { ContainerCliError, type ContainerInfo } from '../client/types';
import type { EngineDeps } from './deps';

/** Waiting for a container, bounded: `container` has no `wait`. */

const START_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export async function waitUntilRunning(
  deps: EngineDeps,
  id: string,
  signal?: AbortSignal,
): Promise<ContainerInfo> {
  const deadline = deps.now() + START_TIMEOUT_MS;
  for (;;) {
    const info = await deps.client.inspect(id, signal);
    if (info?.state === 'running') {
      return info;
    }
    if (deps.now() > deadline) {
      throw new ContainerCliError(
        'failed',
        `The container ${id} did not reach the running state within ${START_TIMEOUT_MS / 1000} s (it is ${info?.state ?? 'gone'}). See \`container logs ${id}\`.`,
      );
    }
    await delay(POLL_MS, signal);
  }
}
