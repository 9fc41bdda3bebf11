import type { ContainerInfo } from '../../client/types';
import { PROJECT_LABEL } from '../../compose/network';
import type { ComposePlan } from '../../compose/types';
import { LOCAL_FOLDER_LABEL } from '../../config/devcontainerId';

/**
 * A Compose project's containers, found by the labels the reference CLI
 * sets (`com.docker.compose.project` / `service`) in one `container list
 * --all`: Apple's list has no label filter.
 */

export const SERVICE_LABEL = 'com.docker.compose.service';

export function projectOf(container: ContainerInfo): string | undefined {
  return container.labels[PROJECT_LABEL];
}

/** The project's containers by service name (the first one per service, as the reference takes). */
export function projectContainers(
  containers: readonly ContainerInfo[],
  project: string,
): Map<string, ContainerInfo> {
  const byService = new Map<string, ContainerInfo>();
  for (const container of containers) {
    const service = container.labels[SERVICE_LABEL];
    if (projectOf(container) === project && service !== undefined && !byService.has(service)) {
      byService.set(service, container);
    }
  }
  return byService;
}

/**
 * Services whose container has another name than the plan gives it: a
 * `container_name` changed, or a DNS domain was registered or removed since
 * (`<service>.<project>.<domain>` versus `<project>-<service>-1`). The
 * engine finds containers by label but addresses them by name.
 */
export function renamedServices(
  compose: Pick<ComposePlan, 'services'>,
  found: ReadonlyMap<string, ContainerInfo>,
): Array<{ service: string; found: string; planned: string }> {
  return compose.services.flatMap((service) => {
    const info = found.get(service.name);
    return info === undefined || info.id === service.containerName
      ? []
      : [{ service: service.name, found: info.id, planned: service.containerName }];
  });
}

/**
 * Stop and remove order without the config (it may no longer parse): the dev
 * container first, then the others newest first — a service is created after
 * what it depends on, so this is reverse dependency order.
 */
export function reverseStartOrder(containers: readonly ContainerInfo[]): ContainerInfo[] {
  const rank = (c: ContainerInfo) => (c.labels[LOCAL_FOLDER_LABEL] !== undefined ? 0 : 1);
  return [...containers].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (b.creationDate ?? '').localeCompare(a.creationDate ?? '') ||
      a.id.localeCompare(b.id),
  );
}
