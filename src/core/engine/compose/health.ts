import { ContainerCliError } from '../../client/types';
import type { ComposeServicePlan, HealthProbe } from '../../compose/types';
import type { EngineDeps } from '../deps';
import { delay } from '../wait';

/**
 * `service_healthy`: Slipway runs the service's healthcheck itself through
 * `container exec` (Apple has none), as Compose would: probes during
 * `start_period` every `start_interval` do not count; after it, every
 * `interval`, `retries` failures in a row are unhealthy. The first probe
 * runs at once rather than after one interval (Docker's way) — a ready
 * service is not kept waiting 30 s. The whole wait is bounded, and it
 * stops as soon as the container is no longer running.
 */

export async function waitHealthy(
  deps: EngineDeps,
  service: ComposeServicePlan,
  probe: HealthProbe,
  limitMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const start = deps.now();
  let failures = 0;
  let last = '';
  const fail = (why: string) =>
    new ContainerCliError(
      'failed',
      `The service ${service.name} did not become healthy (its healthcheck \`${probe.argv.slice(3).join(' ')}\`): ${why}.${last === '' ? '' : ` Its last output:\n${last}`}\nSee \`container logs ${service.containerName}\`.`,
    );
  for (;;) {
    const result = await deps.client
      .execCapture(probe.argv.slice(1), { signal, timeoutMs: probe.timeoutMs })
      .catch((error: unknown) => {
        if (signal?.aborted) {
          throw error;
        }
        return { exitCode: -1, stdout: '', stderr: error instanceof Error ? error.message : '' };
      });
    if (result.exitCode === 0) {
      return;
    }
    last = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    const starting = deps.now() - start < probe.startPeriodMs;
    if (!starting) {
      failures++;
    }
    if (failures >= probe.retries) {
      throw fail(`it failed ${failures} times in a row`);
    }
    const info = await deps.client.inspect(service.containerName, signal);
    if (info?.state !== 'running') {
      throw fail(`the container ${info === undefined ? 'is gone' : `is ${info.state}`}`);
    }
    if (deps.now() - start > limitMs) {
      throw fail(`no success within ${Math.round(limitMs / 1000)} s`);
    }
    await delay(starting ? probe.startIntervalMs : probe.intervalMs, signal);
  }
}
