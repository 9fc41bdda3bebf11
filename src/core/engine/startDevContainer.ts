import { startProject, type StartedProject } from './compose/projectActions';
import type { EngineDeps } from './deps';
import type { PlanRequest } from './planWorkspace';

/**
 * A stopped dev container started again for its window ("Start and
 * Reconnect"). A Compose dev container cannot run alone: its services are
 * started first, in dependency order with their health waits, and every
 * container's hosts block is rewritten (their IPs changed), then the dev
 * container; that is the containers view's project Start. Anything else is
 * one `container start`.
 */
export interface DevContainerTarget {
  containerId: string;
  /** The Compose project of a Compose config's dev container. */
  composeProject?: string;
  /** The plan request for the dev container's folder and config. */
  request: (workspaceFolder: string, configFile: string) => PlanRequest;
  signal?: AbortSignal;
}

export async function startDevContainer(
  deps: EngineDeps,
  target: DevContainerTarget,
): Promise<StartedProject> {
  if (target.composeProject !== undefined) {
    return startProject(deps, {
      project: target.composeProject,
      request: target.request,
      signal: target.signal,
    });
  }
  await deps.client.start(target.containerId, target.signal);
  return { started: [target.containerId] };
}
