import type { ContainerInfo, ImageInfo } from '../client/types';
import { METADATA_LABEL, readMetadataLabel } from '../config/metadata';
import type { MetadataEntry } from '../config/types';
import type { Plan } from '../plan/types';
import type { EngineDeps } from './deps';
import type { ImageFacts, PreparedWorkspace } from './planWorkspace';

/**
 * The image's `devcontainer.metadata`, as `up` applies it (spec §4.5, §5.2):
 * read from the image before a new container is created, and from the
 * container's own label when an existing one is reused.
 */

/**
 * The image, inspected; pulled first when it is not here and `pull` allows
 * it (an image the build just made is not pulled). Undefined when it is
 * still not here.
 */
export async function localImage(
  deps: EngineDeps,
  reference: string,
  options: { platform?: string; pull: boolean; signal?: AbortSignal },
): Promise<ImageInfo | undefined> {
  const { platform, signal } = options;
  const info = await deps.client.imageInspect(reference, { platform, signal });
  if (info !== undefined || !options.pull) {
    return info;
  }
  // `container run` would pull it anyway; its metadata is needed before that.
  deps.log(`Pulling ${reference}...\n`);
  await deps.client.imagePull(reference, { signal });
  return deps.client.imageInspect(reference, { platform, signal });
}

/** The image's metadata entries and platforms; a broken label is logged and left out. */
export function imageFactsOf(deps: EngineDeps, info: ImageInfo): ImageFacts {
  const reading = readMetadataLabel(info.labels[METADATA_LABEL]);
  for (const problem of reading.problems) {
    deps.log(`${info.reference}: ${problem}\n`);
  }
  return {
    metadata: reading.entries,
    platforms: info.platforms,
    process: { entrypoint: info.entrypoint ?? [], cmd: info.cmd ?? [] },
  };
}

/**
 * The image's entries in the label a container was created with. The label
 * holds the image's entries, one per Feature, then the config's own last;
 * the plan adds the Feature and config layers itself (from the current
 * config, as before), so those trailing entries are dropped here rather than
 * applied twice (a hook would run twice). The count is the current plan's:
 * a Feature added or removed since the create is only right after a rebuild.
 */
export function recordedImageMetadata(container: ContainerInfo, plan: Plan): MetadataEntry[] {
  const recorded = readMetadataLabel(container.labels[METADATA_LABEL]).entries;
  const own = (plan.features?.installOrder.length ?? 0) + 1;
  return recorded.slice(0, Math.max(0, recorded.length - own));
}

/**
 * Before a container is created from the config's image, or the image its
 * Dockerfile built, without a Features step (which reads the base image
 * itself): make sure the image is here, and plan again with its metadata
 * and platforms, so its user, environment, mounts, hooks and so on apply
 * and the container's label records the whole merged list.
 */
export async function imageMetadataStep(
  deps: EngineDeps,
  prepared: PreparedWorkspace,
  plan: Plan,
  options: { built: boolean; signal?: AbortSignal },
): Promise<Plan> {
  const info = await localImage(deps, plan.image, {
    platform: plan.platform.platform,
    pull: !options.built,
    signal: options.signal,
  });
  if (info === undefined) {
    // Only after a build that left no image; `container run` says what is wrong.
    return plan;
  }
  const facts = imageFactsOf(deps, info);
  // A Compose service runs the image's ENTRYPOINT and CMD after the keep-alive: plan again with them.
  return facts.metadata.length > 0 || plan.compose !== undefined ? prepared.withImage(facts) : plan;
}
