import type { PlanCommand } from '../plan/types';
import { command } from './commands';
import { hostsSyncArgv } from './hosts';
import type { ComposeServicePlan } from './types';

/**
 * The start of the project, service by service in dependency order: each
 * container, then the health wait its dependents need, then the hosts sync
 * that tells every running container where the new one is. A one-shot
 * service runs to completion instead and joins no hosts block.
 */

/** Bound on each dependency's health or completion wait. */
export const HEALTH_WAIT_LIMIT_MS = 5 * 60_000;

export function startSteps(
  services: readonly ComposeServicePlan[],
  runs: ReadonlyMap<string, PlanCommand>,
  needsHealth: ReadonlySet<string>,
  hosts: Readonly<Record<string, string[]>>,
): PlanCommand[] {
  const steps: PlanCommand[] = [];
  const started: string[] = [];
  for (const service of services) {
    steps.push(runs.get(service.name)!);
    if (service.healthcheck !== undefined && needsHealth.has(service.name)) {
      steps.push(
        command(
          'health',
          `Wait until ${service.containerName} is healthy (every ${service.healthcheck.intervalMs / 1000} s, ${service.healthcheck.retries} retries, at most ${HEALTH_WAIT_LIMIT_MS / 60_000} min)`,
          service.healthcheck.argv,
        ),
      );
    }
    if (service.runToCompletion) {
      continue;
    }
    started.push(service.containerName);
    const others = started.slice(0, -1);
    steps.push(
      command(
        'hosts',
        `Write the project's names into /etc/hosts of ${service.containerName}${others.length > 0 ? ` (and refresh them in ${others.join(', ')})` : ''}`,
        hostsSyncArgv(service.containerName, hosts[service.containerName] ?? []),
      ),
    );
  }
  return steps;
}
