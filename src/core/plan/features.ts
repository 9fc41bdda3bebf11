import { generateFeaturesBuild } from '../features/buildContext';
import { featuresPlanLines } from '../features/featuresPlan';
import type { FeatureNode } from '../features/featureGraph';
import { PRIVILEGED_WARNING, type PlanWarning } from './problems';
import type { PlanFeatures, PlanFeaturesInput } from './types';

/**
 * The Features step of a plan: the generated build on top of the config's
 * image (or the image its Dockerfile builds), whose tag the container then
 * runs. Pure, like the rest of the planner: the engine resolved the
 * Features and inspected the base image before.
 */

export interface FeaturesStep {
  features: PlanFeatures;
  /** `container build ...`, with FEATURES_CONTEXT_PLACEHOLDER for the context folder. */
  argv: string[];
  warnings: PlanWarning[];
}

export function planFeatures(
  input: PlanFeaturesInput,
  target: { baseImage: string; platform: string; containerName: string; noCache?: boolean },
): FeaturesStep {
  const build = generateFeaturesBuild({
    baseImage: target.baseImage,
    baseImageId: input.base?.id,
    imageUser: input.base?.user,
    installOrder: input.installOrder,
    users: input.users,
    imageMetadata: input.imageMetadata,
    configEntry: input.configEntry,
    platform: target.platform,
    containerName: target.containerName,
    noCache: target.noCache,
  });
  const known = input.base !== undefined;
  const warnings: PlanWarning[] = [...input.warnings, ...build.warnings].map((warning) => ({
    property: `features[${JSON.stringify(warning.feature)}]`,
    message: warning.message,
  }));
  if (!known) {
    warnings.push({
      property: 'features',
      message: `The image ${target.baseImage} is not on this machine yet, so its user is taken to be root; the Features image tag is computed again once it is there.`,
    });
  }
  return {
    features: {
      tag: build.tag,
      baseImage: target.baseImage,
      baseImageKnown: known,
      installOrder: input.installOrder.map((item) => ({
        id: item.node.userId,
        version: item.node.fetched.metadata.version,
        resolved: resolvedAs(item.node, item.folder),
        options: item.options.values,
      })),
      lines: featuresPlanLines(input.installOrder, {
        tag: build.tag,
        layout: build.layout,
        baseImage: target.baseImage,
      }),
      build,
    },
    argv: ['container', ...build.buildArgs],
    warnings,
  };
}

function resolvedAs(node: FeatureNode, folder: string): string {
  const { ref } = node;
  if (ref.kind === 'oci') {
    return `${ref.registry}/${ref.path}@${node.fetched.digest ?? ''}`;
  }
  return ref.kind === 'tarball' ? ref.url : folder;
}

/** A Feature's privileged warning names it; the run step's generic one is then said once too many. */
export function withoutGenericPrivileged(
  warnings: PlanWarning[],
  configPrivileged: boolean,
): PlanWarning[] {
  const fromFeature = warnings.some(
    (warning) => warning.property.startsWith('features[') && warning.message === PRIVILEGED_WARNING,
  );
  if (!fromFeature || configPrivileged) {
    return warnings;
  }
  return warnings.filter(
    (warning) => !(warning.property === 'privileged' && warning.message === PRIVILEGED_WARNING),
  );
}
