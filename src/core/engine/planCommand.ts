import type { Plan } from '../plan/types';
import type { EngineDeps } from './deps';
import { prepareWorkspace, type PlanRequest } from './planWorkspace';

/**
 * `slipway plan`: the plan as `up` would make it, running nothing that
 * changes anything. Features are resolved (from the cache when the network
 * is not there) without writing the lockfile, and the Features' base image
 * is inspected if it is already on this machine, so the tag shown is the
 * one `up` builds; when it is not, the plan says so.
 */
export async function planForDisplay(
  deps: Pick<EngineDeps, 'fs' | 'client' | 'features'>,
  request: PlanRequest,
  signal?: AbortSignal,
): Promise<Plan> {
  const prepared = await prepareWorkspace(deps.fs, request, {
    features: deps.features,
    lockfile: request.lockfile === 'frozen' ? 'frozen' : 'read',
    signal,
  });
  const features = prepared.plan.features;
  if (features === undefined) {
    return prepared.plan;
  }
  const info = await deps.client
    .imageInspect(features.baseImage, { platform: prepared.plan.platform.platform, signal })
    // No `container` here, or its service is stopped: the plan is still worth showing.
    .catch(() => undefined);
  if (info === undefined) {
    return prepared.plan;
  }
  return prepared.withBase({
    ...(info.user ? { user: info.user } : {}),
    ...(info.id ? { id: info.id } : {}),
  });
}

/**
 * The plan as JSON: the generated build's files stay out (the text and the
 * tag say what it is); a Compose plan lists its services at the top.
 */
export function planJson(plan: Plan): Record<string, unknown> {
  const services =
    plan.compose === undefined
      ? {}
      : {
          services: plan.compose.services.map((service) => ({
            name: service.name,
            containerName: service.containerName,
            role: service.role,
            dependsOn: service.dependsOn,
            cpus: service.cpus,
            memory: service.memory,
            ports: service.ports,
          })),
        };
  if (plan.features === undefined) {
    return { ...plan, ...services };
  }
  const { build: _build, lines: _lines, ...features } = plan.features;
  return { ...plan, ...services, features };
}
