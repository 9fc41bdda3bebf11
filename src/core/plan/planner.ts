import * as path from 'node:path';
import { APPLE_MAX_DOCKERFILE_BYTES, buildCommand, buildOptionsPlatform } from './build';
import { buildLocationWarnings } from './buildLocation';
import { planLifecycle } from './lifecycle';
import { atProperty, failAt } from './locate';
import { planFeatures, withoutGenericPrivileged } from './features';
import { containerNameFor, imageTagFor, isValidContainerName } from './naming';
import { choosePlatform } from './platform';
import { unsupportedPropertyWarnings } from './unsupported';
import { isValueProblem, type PlanWarning } from './problems';
import {
  chooseResources,
  RESOURCES_FROM_LABEL,
  ResourceProblem,
  resourcesFromLabel,
  type Resources,
} from './resources';
import { translateRunArgs } from './runArgs';
import { argumentValueProblem, pathOfNul } from './argValues';
import { runCommand } from './runCommand';
import { vscodeCustomizations } from './vscodeCustomizations';
import { ConfigError } from '../errors';
import { planComposeChecked } from '../compose/planCompose';
import { forwardPortWarnings } from './portForwards';
import type { HostPathKind, Plan, PlanCommand, PlanInput } from './types';
import { minimumVersion, type VersionRequirement } from './versions';
import {
  planRequestedVolumeFolders,
  VOLUME_FOLDERS_LABEL,
  volumeCreateArgs,
  type PlannedVolumeFolder,
} from './volumeFolders';

/**
 * The planner: a resolved config and what is known about the host in, the
 * exact `container` commands that bring the dev container up out. Pure: it
 * runs nothing and reads nothing.
 */

interface DockerfileSource {
  dockerfile: string;
  context: string;
}

/** The reference's rule: the context is relative to the config, or else the Dockerfile's own folder. */
function dockerfileSource(input: PlanInput): DockerfileSource | undefined {
  const build = input.config.build;
  if (build?.dockerfile === undefined) {
    return undefined;
  }
  const configFolder = path.posix.dirname(input.configFile);
  const dockerfile = path.posix.resolve(configFolder, build.dockerfile);
  const context =
    build.context !== undefined && build.context !== ''
      ? path.posix.resolve(configFolder, build.context)
      : path.posix.dirname(dockerfile);
  return { dockerfile, context };
}

function checkDockerfile(input: PlanInput, source: DockerfileSource): void {
  const size = input.facts.dockerfileSize;
  if (size === undefined) {
    failAt(
      input,
      ['build', 'dockerfile'],
      `The Dockerfile ${source.dockerfile} ${notThere(input.facts.dockerfileKind, 'a file')}.`,
    );
  }
  if (size >= APPLE_MAX_DOCKERFILE_BYTES) {
    failAt(
      input,
      ['build', 'dockerfile'],
      `The Dockerfile ${source.dockerfile} is ${size} bytes; Apple's container build rejects Dockerfiles of 16 KB (${APPLE_MAX_DOCKERFILE_BYTES} bytes) or more. Move some steps into a base image or a script it copies in.`,
    );
  }
}

/** build.target and build.args become `--target` and `--build-arg` values. */
function checkBuildValues(input: PlanInput): void {
  const build = input.config.build;
  const target = build?.target;
  const targetProblem =
    target === undefined ? undefined : argumentValueProblem(target, 'build.target');
  if (targetProblem !== undefined) {
    failAt(input, ['build', 'target'], `${targetProblem}. Name a stage of the Dockerfile.`);
  }
  for (const name of Object.keys(build?.args ?? {})) {
    if (name === '' || name.startsWith('-') || name.includes('=')) {
      failAt(
        input,
        ['build', 'args', name],
        `The build argument name "${name}" is empty, starts with "-" or holds "="; name it as the Dockerfile's ARG does.`,
      );
    }
  }
}

/** A missing build context fails here, as a missing Dockerfile does, not later in `container build`. */
function checkBuildContext(input: PlanInput, source: DockerfileSource): void {
  const kind = input.facts.buildContextKind;
  if (kind !== undefined && kind !== 'directory') {
    failAt(
      input,
      ['build', 'context'],
      `The build context ${source.context} ${notThere(kind, 'a folder')}.`,
    );
  }
}

/** "does not exist", or what is there instead of what should be. */
function notThere(kind: HostPathKind | undefined, wanted: string): string {
  switch (kind) {
    case 'directory':
      return `is a folder, not ${wanted}`;
    case 'file':
      return `is a file, not ${wanted}`;
    case 'other':
      return `is not ${wanted} (it is a FIFO, a socket or a device)`;
    default:
      return 'does not exist';
  }
}

function chooseMode(input: PlanInput): 'dockerfile' | 'image' {
  const config = input.config;
  if (config.build?.dockerfile !== undefined) {
    return 'dockerfile';
  }
  if (config.image !== undefined) {
    return 'image';
  }
  if (config.dockerComposeFile !== undefined) {
    const files = [config.dockerComposeFile].flat().join(', ');
    failAt(
      input,
      ['dockerComposeFile'],
      `Apple container has no Compose, so this Docker Compose config (${files}) cannot run on it. Give Slipway a config with "image" or "build.dockerfile" for the dev container itself, in its own .devcontainer/<name>/devcontainer.json if you want to keep this one.`,
    );
  }
  failAt(
    input,
    [],
    'The config says neither "image" nor "build.dockerfile": Slipway does not know what to run.',
  );
}

function withResourceErrors<T>(input: PlanInput, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ResourceProblem) {
      if (error.field === 'hostRequirements.memory') {
        failAt(input, ['hostRequirements', 'memory'], error.message);
      }
      if (error.field === 'hostRequirements.cpus') {
        failAt(input, ['hostRequirements', 'cpus'], error.message);
      }
      if (error.field === 'runArgs') {
        const where = error.index === undefined ? ['runArgs'] : ['runArgs', error.index];
        failAt(input, where, error.message);
      }
      // Not in the file: say which option or setting to change.
      const remedy = error.field.startsWith('--')
        ? `Run it again with another ${error.field}.`
        : `Change the setting ${error.field}.`;
      throw new ConfigError(`${error.message}. ${remedy}`);
    }
    if (isValueProblem(error)) {
      failAt(input, ['runArgs'], error.message);
    }
    throw error;
  }
}

function containerName(
  input: PlanInput,
  requested: { value: string; index: number } | undefined,
): string {
  if (requested === undefined) {
    return containerNameFor(input.workspaceFolder, input.configFile, input.devcontainerId);
  }
  if (!isValidContainerName(requested.value)) {
    failAt(
      input,
      ['runArgs', requested.index + 1],
      `"${requested.value}" is not a valid Apple container name: 2 to 63 letters, digits, "_", "." or "-", starting with a letter or digit.`,
    );
  }
  return requested.value;
}

function command(
  step: PlanCommand['step'],
  description: string,
  argv: string[],
  requires: VersionRequirement[],
): PlanCommand {
  return { step, description, argv, requires, minimumVersion: minimumVersion(requires) };
}

export function plan(input: PlanInput): Plan {
  const config = input.config;
  const nul = pathOfNul(config);
  if (nul !== undefined) {
    failAt(
      input,
      nul,
      'This value contains a NUL character (\\u0000), which no command, argument or environment variable can hold. Remove it.',
    );
  }
  if (input.compose !== undefined) {
    return withComposeVolumeFolderWarning(input, planComposeChecked(input, input.compose));
  }
  const mode = chooseMode(input);
  const imageProblem =
    mode === 'image' ? argumentValueProblem(config.image ?? '', 'The image') : undefined;
  if (imageProblem !== undefined) {
    failAt(input, ['image'], `${imageProblem}. Name an image such as "alpine:3.20".`);
  }
  const warnings: PlanWarning[] = [];
  const runArgs = atProperty(input, ['runArgs'], () =>
    translateRunArgs(config.runArgs ?? [], { workspaceFolder: input.workspaceFolder }),
  );
  const source = mode === 'dockerfile' ? dockerfileSource(input) : undefined;
  const platform = atProperty(
    input,
    runArgs.platform ? ['runArgs', runArgs.platform.index] : ['build', 'options'],
    () =>
      choosePlatform({
        setting: input.settings.platform,
        rosettaSetting: input.settings.rosetta,
        runArgsPlatform: runArgs.platform?.value,
        buildOptionsPlatform: buildOptionsPlatform(config.build?.options ?? []),
        image: config.image,
        imagePlatforms: input.facts.imagePlatforms,
      }),
  );
  const resources = withResourceErrors(input, () =>
    chooseResources({
      settings: input.settings,
      runArgsCpus: runArgs.cpus?.value,
      runArgsMemoryBytes: runArgs.memory?.bytes,
      runArgsMemoryIndex: runArgs.memory?.index,
      hostRequirements: input.merged.hostRequirements,
    }),
  );
  const name = containerName(input, runArgs.name);
  const commands: PlanCommand[] = [];
  let image = config.image ?? '';
  if (source !== undefined) {
    checkDockerfile(input, source);
    checkBuildValues(input);
    checkBuildContext(input, source);
    image = imageTagFor(name);
    const build = atProperty(input, ['build', 'options'], () =>
      buildCommand({
        ...source,
        tag: image,
        platform: platform.platform,
        target: config.build?.target,
        args: config.build?.args ?? {},
        options: config.build?.options ?? [],
        cacheFrom: config.build?.cacheFrom,
        noCache: input.options?.noCache,
      }),
    );
    commands.push(
      command('build', `Build ${image} from ${source.dockerfile}`, build.argv, build.requirements),
    );
    warnings.push(...build.warnings, ...buildLocationWarnings(source, input));
  }
  const featuresStep =
    input.features === undefined || input.features.installOrder.length === 0
      ? undefined
      : planFeatures(input.features, {
          baseImage: image,
          platform: platform.platform,
          containerName: name,
          noCache: input.options?.noCache,
        });
  if (featuresStep !== undefined) {
    const count = featuresStep.features.installOrder.length;
    image = featuresStep.features.tag;
    commands.push(
      command(
        'features',
        `Install ${count} Feature${count === 1 ? '' : 's'} into ${image}`,
        featuresStep.argv,
        [],
      ),
    );
    warnings.push(...featuresStep.warnings);
  }
  const labels = planLabels(input, runArgs.labels, warnings, resources);
  const requested = requestedVolumeFolders(input);
  const parts = { name, image, labels, platform, resources, runArgs, volumeFolders: requested };
  let run = runCommand(input, parts);
  const volumeFolders = requested.filter((v) => run.volumeFolders.includes(v));
  if (volumeFolders.length > 0) {
    // Which volumes this container mounts, so a reused one is never treated as having
    // volumes that a setting added after it was created would mount (see volumeOwnership).
    labels[VOLUME_FOLDERS_LABEL] = volumeFolders.map((v) => v.volume).join(',');
    run = runCommand(input, parts);
  }
  for (const volume of volumeFolders) {
    commands.push(
      command(
        'volume',
        `Create volume ${volume.volume} for ${volume.folder}, unless it exists (${volume.from})`,
        ['container', ...volumeCreateArgs(volume, input.devcontainerId)],
        [],
      ),
    );
  }
  commands.push(command('run', `Create and start ${name}`, run.argv, run.requirements));
  warnings.push(
    ...unsupportedPropertyWarnings(config, input.merged),
    ...runArgs.warnings,
    ...platform.warnings,
    ...resources.warnings,
    ...run.warnings,
    ...forwardPortWarnings(input.merged.forwardPorts),
  );
  return {
    configFile: input.configFile,
    workspaceFolder: input.workspaceFolder,
    remoteWorkspaceFolder: input.containerWorkspaceFolder,
    containerName: name,
    devcontainerId: input.devcontainerId,
    image,
    labels,
    commands,
    ...(featuresStep !== undefined ? { features: featuresStep.features } : {}),
    lifecycle: planLifecycle(config.initializeCommand, input.merged, (hook) => {
      const position = input.locate([hook]);
      return position === undefined ? undefined : { file: input.configFile, ...position };
    }),
    forwardPorts: input.merged.forwardPorts,
    vscode: vscodeCustomizations(input.merged.customizations.vscode),
    ...(input.merged.shutdownAction !== undefined
      ? { shutdownAction: input.merged.shutdownAction }
      : {}),
    remoteUser: input.merged.remoteUser ?? input.merged.containerUser,
    containerUser: runArgs.user ?? input.merged.containerUser,
    remoteEnv: input.merged.remoteEnv,
    userEnvProbe: input.merged.userEnvProbe,
    resources: {
      cpus: resources.cpus,
      cpusFrom: resources.cpusFrom,
      memory: resources.memory,
      memoryBytes: resources.memoryBytes,
      memoryFrom: resources.memoryFrom,
    },
    platform: { platform: platform.platform, rosetta: platform.rosetta, from: platform.from },
    minimumContainerVersion: minimumVersion(commands.flatMap((c) => c.requires)),
    warnings: withoutGenericPrivileged(warnings, config.privileged === true),
    ...(volumeFolders.length > 0 ? { volumeFolders } : {}),
  };
}

/** The volume folders asked for; a bad one is the setting's or option's mistake, not the config's. */
function requestedVolumeFolders(input: PlanInput): PlannedVolumeFolder[] {
  try {
    return planRequestedVolumeFolders(
      input.settings.volumeFolders ?? [],
      input.devcontainerId,
      input.containerWorkspaceFolder,
    );
  } catch (error) {
    if (isValueProblem(error)) {
      throw new ConfigError(`${error.message}. Change it there, or remove it.`);
    }
    throw error;
  }
}

/** Compose dev containers mount what their Compose file says; volume folders are not applied there. */
function withComposeVolumeFolderWarning(input: PlanInput, result: Plan): Plan {
  const folders = input.settings.volumeFolders ?? [];
  if (folders.length === 0) {
    return result;
  }
  const warning: PlanWarning = {
    property: folders[0]?.from ?? 'slipway.volumeFolders',
    message: `Volume folders (${folders.map((f) => f.folder).join(', ')}) are not applied to a Compose config: declare a volume over the folder in the Compose file instead.`,
  };
  return { ...result, warnings: [...result.warnings, warning] };
}

/** The identity labels the reference implementation sets, the metadata, then the user's own. */
function planLabels(
  input: PlanInput,
  userLabels: ReadonlyArray<[string, string]>,
  warnings: PlanWarning[],
  resources: Pick<Resources, 'cpusFrom' | 'memoryFrom'>,
): Record<string, string> {
  const labels: Record<string, string> = {
    'devcontainer.local_folder': input.workspaceFolder,
    'devcontainer.config_file': input.configFile,
    'devcontainer.metadata': JSON.stringify(input.metadataLabel),
    // So the containers view can say where the VM's CPUs and memory came from.
    [RESOURCES_FROM_LABEL]: resourcesFromLabel(resources),
  };
  for (const [key, value] of userLabels) {
    if (key in labels) {
      warnings.push({
        property: 'runArgs',
        message: `Left out the label "${key}" from runArgs: Slipway sets it to find the container again.`,
      });
      continue;
    }
    labels[key] = value;
  }
  return labels;
}
