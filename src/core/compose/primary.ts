import { planFeatures } from '../plan/features';
import type { PlatformChoice } from '../plan/platform';
import { PRIVILEGED_WARNING, type PlanWarning } from '../plan/problems';
import { RESOURCES_FROM_LABEL, resourcesFromLabel } from '../plan/resources';
import type { Plan, PlanCommand, PlanInput } from '../plan/types';
import type { VersionRequirement } from '../plan/versions';
import { command } from './commands';
import { primaryProcess, type ServiceProcess } from './process';
import type { ServiceResources } from './resources';
import { primaryMountArgs } from './serviceInputs';
import type { MapNode } from './tree';

/**
 * What the dev container's own service gets on top of its Compose
 * definition, as single-container configs do: the Features image built on
 * its image, the devcontainer identity labels and metadata, containerEnv
 * (winning over the Compose environment, as in the reference's override
 * file), the mounts of devcontainer.json, and the keep-alive entrypoint
 * (overrideCommand defaults to false for Compose: its own command still runs).
 */

export interface PrimaryInput {
  node: MapNode;
  service: string;
  containerName: string;
  image: string;
  platform: PlatformChoice;
  resources: ServiceResources;
  labels: Record<string, string>;
  env: Array<[string, string]>;
}

export interface PrimaryParts {
  image: string;
  labels: Record<string, string>;
  env: Array<[string, string]>;
  process: ServiceProcess;
  mountArgs: string[];
  requires: VersionRequirement[];
  featuresCommand?: PlanCommand;
  features?: Plan['features'];
}

export function primaryService(
  input: PlanInput,
  own: PrimaryInput,
  warnings: PlanWarning[],
): PrimaryParts {
  const merged = input.merged;
  let image = own.image;
  const featuresStep =
    input.features === undefined || input.features.installOrder.length === 0
      ? undefined
      : planFeatures(input.features, {
          baseImage: image,
          platform: own.platform.platform,
          containerName: own.containerName,
          noCache: input.options?.noCache,
        });
  let featuresCommand: PlanCommand | undefined;
  if (featuresStep !== undefined) {
    image = featuresStep.features.tag;
    const count = featuresStep.features.installOrder.length;
    featuresCommand = command(
      'features',
      `Install ${count} Feature${count === 1 ? '' : 's'} into ${image}`,
      featuresStep.argv,
    );
    warnings.push(...featuresStep.warnings);
  }
  const overrideCommand = merged.overrideCommand ?? false;
  if (
    !overrideCommand &&
    !own.node.entries.has('entrypoint') &&
    input.facts.imageProcess === undefined
  ) {
    warnings.push({
      property: `services.${own.service}`,
      message: `The image's own ENTRYPOINT${own.node.entries.has('command') ? ' runs' : ' and CMD run'} after Slipway's keep-alive once the image is inspected; this plan does not show them yet.`,
    });
  }
  if (merged.privileged) {
    warnings.push({ property: 'privileged', message: PRIVILEGED_WARNING });
  }
  const mounts = primaryMountArgs(input, warnings);
  return {
    image,
    labels: {
      ...own.labels,
      'devcontainer.local_folder': input.workspaceFolder,
      'devcontainer.config_file': input.configFile,
      'devcontainer.metadata': JSON.stringify(input.metadataLabel),
      [RESOURCES_FROM_LABEL]: resourcesFromLabel(own.resources.primary!),
    },
    env: [...new Map([...own.env, ...Object.entries(merged.containerEnv)])],
    process: primaryProcess(own.node, own.service, {
      overrideCommand,
      entrypoints: merged.entrypoints,
      ...(input.facts.imageProcess ? { image: input.facts.imageProcess } : {}),
    }),
    mountArgs: mounts.args,
    requires: mounts.requires,
    ...(featuresCommand !== undefined ? { featuresCommand } : {}),
    ...(featuresStep !== undefined ? { features: featuresStep.features } : {}),
  };
}
