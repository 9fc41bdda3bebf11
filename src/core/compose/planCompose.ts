import * as path from 'node:path';
import { buildCommand } from '../plan/build';
import { planFeatures, withoutGenericPrivileged } from '../plan/features';
import { planLifecycle } from '../plan/lifecycle';
import { failAt } from '../plan/locate';
import { parseMountObject, parseMountString, toAppleMount } from '../plan/mounts';
import { choosePlatform, type PlatformChoice } from '../plan/platform';
import { isValueProblem, PRIVILEGED_WARNING, type PlanWarning } from '../plan/problems';
import { RESOURCES_FROM_LABEL, resourcesFromLabel, ResourceProblem } from '../plan/resources';
import { describeSize } from '../plan/sizes';
import { unsupportedPropertyWarnings } from '../plan/unsupported';
import type { Plan, PlanCommand, PlanInput } from '../plan/types';
import { minimumVersion, type VersionRequirement } from '../plan/versions';
import { vscodeCustomizations } from '../plan/vscodeCustomizations';
import { ConfigError } from '../errors';
import { healthProbe } from './health';
import { hostsBlocks, hostsSyncArgv } from './hosts';
import type { ComposeProject } from './load';
import {
  composeNormalizedName,
  isValidContainerName,
  projectName,
  serviceContainerName,
  shortHash,
} from './names';
import {
  anonymousVolume,
  planNetwork,
  planVolume,
  PROJECT_LABEL,
  serviceNetworks,
  type Resource,
} from './network';
import { primaryProcess, serviceProcess } from './process';
import { checkService } from './refusals';
import { dependencyResources, primaryResources, type ServiceResources } from './resources';
import { runCommand } from './runArgs';
import { dependenciesOf, selectServices } from './selection';
import { serviceMounts, servicePorts, type NamedVolumeUse } from './serviceParts';
import { startOrder } from './order';
import type {
  ComposeNetworkPlan,
  ComposePlan,
  ComposeServicePlan,
  ComposeVolumePlan,
} from './types';
import { failAtNode, isMap, keyWhere, scalarText, toPlain, type MapNode } from './tree';
import { parseDuration as parseDurationMs } from './values';

/**
 * A Compose config's plan: the whole project in the order it is brought up —
 * networks, volumes, builds, the Features image of the dev container's
 * service, then each service's container in dependency order with the
 * health waits and hosts syncs between them. Pure, like the single-container
 * planner it reuses the builders of.
 */

/** Placeholder for the folder the engine writes a `dockerfile_inline` into. */
export const INLINE_DOCKERFILE_PLACEHOLDER = '{{slipway-inline-dockerfile}}';
/** Bound on each dependency's health or completion wait. */
export const HEALTH_WAIT_LIMIT_MS = 5 * 60_000;

function command(
  step: PlanCommand['step'],
  description: string,
  argv: string[],
  requires: VersionRequirement[] = [],
): PlanCommand {
  return { step, description, argv, requires, minimumVersion: minimumVersion(requires) };
}

function servicesOf(input: PlanInput, project: ComposeProject): Map<string, MapNode> {
  const node = project.model.entries.get('services');
  const services = new Map<string, MapNode>();
  if (isMap(node)) {
    for (const [name, service] of node.entries) {
      if (isMap(service)) {
        services.set(name, service);
      }
    }
  }
  if (services.size === 0) {
    failAt(
      input,
      ['dockerComposeFile'],
      `The Compose files (${project.files.join(', ')}) define no services.`,
    );
  }
  return services;
}

function macosMajor(version: string | undefined): number | undefined {
  const major = Number((version ?? '').split('.')[0]);
  return Number.isFinite(major) && major > 0 ? major : undefined;
}

interface Built {
  image: string;
  command?: PlanCommand;
  warnings: PlanWarning[];
}

function imageOf(
  input: PlanInput,
  project: ComposeProject,
  projectName: string,
  name: string,
  service: MapNode,
  platform: string,
): Built {
  const image = scalarText(service.entries.get('image'));
  const build = service.entries.get('build');
  if (!isMap(build)) {
    if (image === undefined) {
      failAtNode(
        service.where,
        ['services', name],
        'the service has neither "image" nor "build": there is nothing to run',
      );
    }
    return { image, warnings: [] };
  }
  const keyPath = ['services', name, 'build'];
  const contextText = scalarText(build.entries.get('context')) ?? '.';
  if (/^[a-z]+:\/\//i.test(contextText) || contextText.startsWith('git@')) {
    failAtNode(
      keyWhere(build, 'context'),
      [...keyPath, 'context'],
      "Apple's container build needs a local folder as its context, not a URL",
    );
  }
  const context = path.posix.resolve(project.projectDir, contextText);
  const inline = scalarText(build.entries.get('dockerfile_inline'));
  const dockerfile =
    inline !== undefined
      ? `${INLINE_DOCKERFILE_PLACEHOLDER}/${name}.Dockerfile`
      : path.posix.resolve(context, scalarText(build.entries.get('dockerfile')) ?? 'Dockerfile');
  const tag = image ?? `localhost/${projectName}-${name}:latest`;
  const args: Record<string, string> = {};
  const argsNode = build.entries.get('args');
  if (isMap(argsNode)) {
    for (const [key, value] of argsNode.entries) {
      const text = scalarText(value) ?? project.env[key];
      if (text !== undefined) {
        args[key] = text;
      }
    }
  }
  const result = buildCommand({
    dockerfile,
    context,
    tag,
    platform,
    target: scalarText(build.entries.get('target')),
    args,
    options: [],
    noCache: input.options?.noCache,
  });
  const description =
    inline !== undefined
      ? `Build ${tag} for ${name} from its dockerfile_inline`
      : `Build ${tag} for ${name} from ${dockerfile}`;
  return {
    image: tag,
    command: command('build', description, result.argv, result.requirements),
    warnings: result.warnings.map((w) => ({
      property: `services.${name}.build`,
      message: w.message,
    })),
  };
}

function platformFor(
  input: PlanInput,
  name: string,
  service: MapNode,
  primary: boolean,
): PlatformChoice {
  const own = scalarText(service.entries.get('platform'));
  try {
    if (primary) {
      return choosePlatform({
        setting: input.settings.platform,
        rosettaSetting: input.settings.rosetta,
        runArgsPlatform: own,
        image: scalarText(service.entries.get('image')),
        imagePlatforms: input.facts.imagePlatforms,
      });
    }
    return choosePlatform({
      runArgsPlatform: own,
      image: scalarText(service.entries.get('image')),
    });
  } catch (error) {
    if (isValueProblem(error)) {
      failAtNode(keyWhere(service, 'platform'), ['services', name, 'platform'], error.message);
    }
    throw error;
  }
}

function environment(project: ComposeProject, service: MapNode): Array<[string, string]> {
  const env = new Map<string, string>();
  const envFile = service.entries.get('env_file');
  const entries = envFile === undefined ? [] : envFile.kind === 'seq' ? envFile.items : [envFile];
  for (const entry of entries) {
    const file = scalarText(entry.kind === 'map' ? entry.entries.get('path') : entry);
    const vars =
      file === undefined
        ? undefined
        : project.envFiles.get(path.posix.resolve(project.projectDir, file));
    for (const [key, value] of vars ?? []) {
      env.set(key, value);
    }
  }
  const node = service.entries.get('environment');
  if (isMap(node)) {
    for (const [key, value] of node.entries) {
      const text = scalarText(value);
      // `environment: [NAME]` takes the value from the environment, or leaves it unset.
      const resolved = value.kind === 'scalar' && value.value === null ? project.env[key] : text;
      if (resolved !== undefined) {
        env.set(key, resolved);
      }
    }
  }
  return [...env];
}

function userLabels(service: MapNode): Record<string, string> {
  const node = service.entries.get('labels');
  const labels: Record<string, string> = {};
  if (isMap(node)) {
    for (const [key, value] of node.entries) {
      labels[key] = scalarText(value) ?? '';
    }
  }
  return labels;
}

function primaryMountArgs(
  input: PlanInput,
  warnings: PlanWarning[],
): { args: string[]; requires: VersionRequirement[] } {
  const args: string[] = [];
  const requires: VersionRequirement[] = [];
  const configMounts = input.config.mounts ?? [];
  input.merged.mounts.forEach((spec) => {
    const index = configMounts.indexOf(spec);
    const jsonPath = index >= 0 ? ['mounts', index] : ['mounts'];
    try {
      const mount = typeof spec === 'string' ? parseMountString(spec) : parseMountObject(spec);
      const apple = toAppleMount(mount, input.facts.pathKind);
      args.push(...apple.args);
      requires.push(...apple.requirements);
      warnings.push(
        ...apple.notes.map((message) => ({
          property: index >= 0 ? `mounts[${index}]` : 'mounts (image metadata)',
          message,
        })),
      );
    } catch (error) {
      if (isValueProblem(error)) {
        failAt(input, jsonPath, error.message);
      }
      throw error;
    }
  });
  return { args, requires };
}

function checkSharedVolumes(uses: ReadonlyArray<NamedVolumeUse & { service: string }>): void {
  const byVolume = new Map<string, Array<NamedVolumeUse & { service: string }>>();
  for (const use of uses) {
    byVolume.set(use.volume, [...(byVolume.get(use.volume) ?? []), use]);
  }
  for (const [volume, list] of byVolume) {
    const services = new Set(list.map((use) => use.service));
    if (services.size > 1 && list.some((use) => !use.readonly)) {
      const second = list.find((use) => use.service !== list[0]!.service)!;
      failAtNode(
        second.where,
        ['services', second.service, 'volumes'],
        `the volume "${volume}" is also mounted by ${list[0]!.service}, and Apple container cannot attach a volume to two running containers unless every mount is read-only (":ro"). Give each service its own volume, or mount it read-only.`,
      );
    }
  }
}

export function planCompose(input: PlanInput, project: ComposeProject): Plan {
  const config = input.config;
  const primary = config.service;
  if (primary === undefined || primary === '') {
    failAt(
      input,
      ['dockerComposeFile'],
      'A Compose config needs "service": the service the editor connects to.',
    );
  }
  const services = servicesOf(input, project);
  if (!services.has(primary)) {
    failAt(
      input,
      ['service'],
      `The service "${primary}" is not in the Compose files (${project.files.join(', ')}); the services there are ${[...services.keys()].join(', ')}.`,
    );
  }
  const warnings: PlanWarning[] = [...project.warnings];
  const name = projectName({
    env: project.hostEnv,
    workspaceEnvProjectName: project.workspaceEnvProjectName,
    composeName:
      scalarText(project.model.entries.get('name')) ||
      project.env.COMPOSE_PROJECT_NAME ||
      composeNormalizedName(path.posix.basename(project.projectDir)),
    declaresName: project.declaresName,
    workspaceFolder: input.workspaceFolder,
    composeFiles: project.files,
  });
  const selection = selectServices(services, config.runServices, primary, project.env, warnings);
  for (const service of selection.selected) {
    checkService(service, services.get(service)!, warnings);
  }
  const order = startOrder(selection.selected, selection.dependencies, services);
  const major = macosMajor(input.facts.host?.macosVersion);
  const useNetworks = major === undefined || major >= 26;

  const containerNames = new Map<string, string>();
  for (const service of order) {
    const node = services.get(service)!;
    const requested = scalarText(node.entries.get('container_name'));
    if (requested !== undefined && !isValidContainerName(requested)) {
      failAtNode(
        keyWhere(node, 'container_name'),
        ['services', service, 'container_name'],
        `"${requested}" is not a valid Apple container name: 2 to 63 letters, digits, "_", "." or "-", starting with a letter or digit.`,
      );
    }
    containerNames.set(service, requested ?? serviceContainerName(name, service));
  }

  // Networks and volumes, each once, in the order services first use them.
  const networks = new Map<string, Resource<ComposeNetworkPlan>>();
  const volumes = new Map<string, Resource<ComposeVolumePlan>>();
  const volumeUses: Array<NamedVolumeUse & { service: string }> = [];
  const declaredVolumes = new Map<string, string>();
  const topVolumes = project.model.entries.get('volumes');
  for (const key of isMap(topVolumes) ? topVolumes.entries.keys() : []) {
    declaredVolumes.set(key, planVolume(project.model, name, key, []).plan.name);
  }

  const commands: { pre: PlanCommand[]; builds: PlanCommand[]; run: PlanCommand[] } = {
    pre: [],
    builds: [],
    run: [],
  };
  const servicePlans: ComposeServicePlan[] = [];
  let primaryInfo:
    | {
        image: string;
        labels: Record<string, string>;
        resources: ServiceResources;
        platform: PlatformChoice;
        features?: Plan['features'];
      }
    | undefined;
  const runs = new Map<string, PlanCommand>();
  const runToCompletion = new Set<string>();
  const needsHealth = new Set<string>();
  for (const service of order) {
    for (const dependency of dependenciesOf(services.get(service)!, service)) {
      if (dependency.condition === 'service_completed_successfully') {
        runToCompletion.add(dependency.service);
      } else if (dependency.condition === 'service_healthy') {
        needsHealth.add(dependency.service);
      }
    }
  }

  for (const service of order) {
    const node = services.get(service)!;
    const isPrimary = service === primary;
    const containerName = containerNames.get(service)!;
    const platform = platformFor(input, service, node, isPrimary);
    warnings.push(...platform.warnings);
    const built = imageOf(input, project, name, service, node, platform.platform);
    warnings.push(...built.warnings);
    if (built.command) {
      commands.builds.push(built.command);
    }
    let image = built.image;
    const resources = isPrimary
      ? primaryResources(node, service, input.settings, input.merged.hostRequirements, warnings)
      : dependencyResources(node, service, input.settings, warnings);
    const parts = {
      project: name,
      service,
      projectDir: project.projectDir,
      home: project.hostEnv.HOME,
      volumes: declaredVolumes,
      pathKind: input.facts.pathKind,
      warnings,
    };
    const mounts = serviceMounts(parts, node);
    volumeUses.push(...mounts.named.map((use) => ({ ...use, service })));
    for (const use of mounts.named) {
      if (!volumes.has(use.volume)) {
        volumes.set(use.volume, planVolume(project.model, name, use.volume, warnings));
      }
    }
    for (const anonymous of mounts.anonymous) {
      volumes.set(anonymous, anonymousVolume(name, anonymous, service));
    }
    const ports = servicePorts(parts, node);

    // `network_mode: service:<x>` joins x's networks; its ports are bridged to this one's localhost by the engine.
    const mode = scalarText(node.entries.get('network_mode'));
    const sharedWith = mode?.startsWith('service:') ? mode.slice('service:'.length) : undefined;
    const networkSource = sharedWith !== undefined ? services.get(sharedWith)! : node;
    const ownNetworks = serviceNetworks(networkSource);
    const networkNames: string[] = [];
    if (useNetworks) {
      for (const network of ownNetworks) {
        if (!networks.has(network.key)) {
          networks.set(
            network.key,
            planNetwork(project.model, name, network.key, networkSource, sharedWith ?? service),
          );
        }
        networkNames.push(networks.get(network.key)!.plan.name);
      }
    }

    const composeLabels: Record<string, string> = {
      [PROJECT_LABEL]: name,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.config_files': project.files.join(','),
      'com.docker.compose.config-hash': shortHash(JSON.stringify(toPlain(node)), 64),
    };
    let labels: Record<string, string> = { ...userLabels(node), ...composeLabels };
    let env = environment(project, node);
    let process = serviceProcess(node, service);
    let extraMounts: string[] = [];
    const requires: VersionRequirement[] = [...mounts.requirements];
    if (isPrimary) {
      const featuresStep =
        input.features === undefined || input.features.installOrder.length === 0
          ? undefined
          : planFeatures(input.features, {
              baseImage: image,
              platform: platform.platform,
              containerName,
              noCache: input.options?.noCache,
            });
      if (featuresStep !== undefined) {
        image = featuresStep.features.tag;
        const count = featuresStep.features.installOrder.length;
        commands.builds.push(
          command(
            'features',
            `Install ${count} Feature${count === 1 ? '' : 's'} into ${image}`,
            featuresStep.argv,
          ),
        );
        warnings.push(...featuresStep.warnings);
      }
      labels = {
        ...labels,
        'devcontainer.local_folder': input.workspaceFolder,
        'devcontainer.config_file': input.configFile,
        'devcontainer.metadata': JSON.stringify(input.metadataLabel),
        [RESOURCES_FROM_LABEL]: resourcesFromLabel(resources.primary!),
      };
      env = [...new Map([...env, ...Object.entries(input.merged.containerEnv)])];
      process = primaryProcess(node, service, {
        overrideCommand: input.merged.overrideCommand ?? false,
        entrypoints: input.merged.entrypoints,
        ...(input.facts.imageProcess ? { image: input.facts.imageProcess } : {}),
      });
      if (
        !(input.merged.overrideCommand ?? false) &&
        node.entries.get('entrypoint') === undefined &&
        input.facts.imageProcess === undefined
      ) {
        warnings.push({
          property: `services.${service}`,
          message: `The image's own ENTRYPOINT${node.entries.has('command') ? ' runs' : ' and CMD run'} after Slipway's keep-alive once the image is inspected; this plan does not show them yet.`,
        });
      }
      const extra = primaryMountArgs(input, warnings);
      extraMounts = extra.args;
      requires.push(...extra.requires);
      if (input.merged.privileged) {
        warnings.push({ property: 'privileged', message: PRIVILEGED_WARNING });
      }
      primaryInfo = {
        image,
        labels,
        resources,
        platform,
        ...(featuresStep ? { features: featuresStep.features } : {}),
      };
    }
    const run = runCommand({
      service,
      node,
      containerName,
      image,
      platform,
      cpus: resources.cpus,
      memory: resources.memory,
      process,
      labels,
      env,
      mountArgs: [...mounts.args, ...extraMounts],
      ports: ports.published,
      networks: networkNames,
      foreground: runToCompletion.has(service),
      ...(isPrimary
        ? {
            user: input.merged.containerUser,
            capAdd: [...input.merged.capAdd, ...(input.merged.privileged ? ['ALL'] : [])],
            init: input.merged.init === true,
          }
        : {}),
      warnings,
    });
    const runDescription = runToCompletion.has(service)
      ? `Run ${containerName} (service ${service}) to completion; its exit code must be 0`
      : `Create and start ${containerName} (service ${service}${isPrimary ? ', the dev container' : ''})`;
    const runStep = command('run', runDescription, run.argv, [...requires, ...run.requirements]);
    runs.set(service, runStep);

    const probe = healthProbe(node, service, containerName);
    if (needsHealth.has(service) && probe === undefined) {
      failAtNode(
        node.where,
        ['services', service, 'healthcheck'],
        `another service waits for ${service} to be healthy (depends_on condition service_healthy), but it has no healthcheck; Apple container cannot read one from the image. Add a healthcheck, or use condition service_started.`,
      );
    }
    const forwardPorts = isPrimary ? input.merged.forwardPorts.map(String) : [];
    servicePlans.push({
      name: service,
      containerName,
      role: isPrimary ? 'primary' : 'dependency',
      image,
      dependsOn: dependenciesOf(node, service).map(
        ({ where: _where, ...dependency }) => dependency,
      ),
      cpus: resources.cpus,
      memory: resources.memory,
      memoryBytes: resources.memoryBytes,
      resourcesFrom: resources.from,
      ports: ports.published,
      networks: networkNames,
      hostNames: [
        service,
        containerName,
        ...ownNetworks.flatMap((n) => (sharedWith === undefined ? n.aliases : [])),
      ],
      ...(probe ? { healthcheck: probe } : {}),
      ...(sharedWith !== undefined
        ? {
            sharesNetworkWith: {
              service: sharedWith,
              ports: [
                ...new Set([
                  ...servicePorts(
                    { ...parts, service: sharedWith, warnings: [] },
                    services.get(sharedWith)!,
                  ).containerPorts,
                  ...forwardPorts,
                ]),
              ],
            },
          }
        : {}),
      ...stopTimeout(node, service),
      runToCompletion: runToCompletion.has(service),
    });
  }
  checkSharedVolumes(volumeUses);
  if (volumeUses.length > 0) {
    warnings.push({
      property: 'volumes',
      message:
        'Named volumes start empty on Apple container: unlike Docker, they are not seeded with the files the image has at their mount point.',
    });
  }
  if (!useNetworks && [...services.values()].some((node) => node.entries.has('networks'))) {
    warnings.push({
      property: 'networks',
      message: `Networks other than Apple's default need macOS 26; this Mac runs ${input.facts.host?.macosVersion ?? 'an older macOS'}, so every service goes on the default network.`,
    });
  }

  const hosts = hostsBlocks(servicePlans, services, project.projectDir);
  for (const network of networks.values()) {
    commands.pre.push(command('network', network.description, network.argv));
  }
  for (const volume of volumes.values()) {
    commands.pre.push(command('volume', volume.description, volume.argv));
  }
  const started: string[] = [];
  for (const plan of servicePlans) {
    commands.run.push(runs.get(plan.name)!);
    if (plan.healthcheck !== undefined && needsHealth.has(plan.name)) {
      commands.run.push(
        command(
          'health',
          `Wait until ${plan.containerName} is healthy (every ${plan.healthcheck.intervalMs / 1000} s, ${plan.healthcheck.retries} retries, at most ${HEALTH_WAIT_LIMIT_MS / 60_000} min)`,
          plan.healthcheck.argv,
        ),
      );
    }
    if (plan.runToCompletion) {
      continue;
    }
    started.push(plan.containerName);
    const others = started.slice(0, -1);
    commands.run.push(
      command(
        'hosts',
        `Write the project's names into /etc/hosts of ${plan.containerName}${others.length > 0 ? ` (and refresh them in ${others.join(', ')})` : ''}`,
        hostsSyncArgv(plan.containerName, hosts[plan.containerName] ?? []),
      ),
    );
  }

  const totalMemoryBytes = servicePlans
    .filter((s) => !s.runToCompletion)
    .reduce((sum, s) => sum + s.memoryBytes, 0);
  const hostMemory = input.facts.host?.memoryBytes;
  if (hostMemory !== undefined && totalMemoryBytes > hostMemory) {
    warnings.push({
      property: 'resources',
      message: `The project's containers reserve ${describeSize(totalMemoryBytes)} of memory together, more than this Mac's ${describeSize(hostMemory)}. Lower slipway.compose.serviceMemory or the services' mem_limit.`,
    });
  }
  const info = primaryInfo!;
  const allCommands = [...commands.pre, ...commands.builds, ...commands.run];
  const compose: ComposePlan = {
    project: name,
    files: project.files,
    primaryService: primary,
    services: servicePlans,
    networks: [...networks.values()].map((n) => n.plan),
    volumes: [...volumes.values()].map((v) => v.plan),
    totalMemoryBytes,
    hosts,
    healthWaitLimitMs: HEALTH_WAIT_LIMIT_MS,
  };
  const primaryResourcesChoice = info.resources.primary!;
  warnings.push(
    ...primaryResourcesChoice.warnings,
    ...unsupportedPropertyWarnings(config, input.merged),
  );
  return {
    configFile: input.configFile,
    workspaceFolder: input.workspaceFolder,
    remoteWorkspaceFolder: input.containerWorkspaceFolder,
    containerName: containerNames.get(primary)!,
    devcontainerId: input.devcontainerId,
    image: info.image,
    labels: info.labels,
    commands: allCommands,
    ...(info.features !== undefined ? { features: info.features } : {}),
    lifecycle: planLifecycle(config.initializeCommand, input.merged),
    forwardPorts: input.merged.forwardPorts,
    vscode: vscodeCustomizations(input.merged.customizations.vscode),
    shutdownAction: input.merged.shutdownAction ?? 'stopCompose',
    remoteUser: input.merged.remoteUser ?? input.merged.containerUser,
    containerUser:
      input.merged.containerUser ?? scalarText(services.get(primary)!.entries.get('user')),
    remoteEnv: input.merged.remoteEnv,
    userEnvProbe: input.merged.userEnvProbe,
    resources: {
      cpus: primaryResourcesChoice.cpus,
      cpusFrom: primaryResourcesChoice.cpusFrom,
      memory: primaryResourcesChoice.memory,
      memoryBytes: primaryResourcesChoice.memoryBytes,
      memoryFrom: primaryResourcesChoice.memoryFrom,
    },
    platform: {
      platform: info.platform.platform,
      rosetta: info.platform.rosetta,
      from: info.platform.from,
    },
    minimumContainerVersion: minimumVersion(allCommands.flatMap((c) => c.requires)),
    warnings: withoutGenericPrivileged(warnings, input.merged.privileged === true),
    compose,
  };
}

function stopTimeout(node: MapNode, service: string): { stopTimeoutSeconds?: number } {
  const text = scalarText(node.entries.get('stop_grace_period'));
  if (text === undefined) {
    return {};
  }
  try {
    return { stopTimeoutSeconds: Math.ceil(parseDurationMs(text) / 1000) };
  } catch (error) {
    if (isValueProblem(error)) {
      failAtNode(
        keyWhere(node, 'stop_grace_period'),
        ['services', service, 'stop_grace_period'],
        error.message,
      );
    }
    throw error;
  }
}

/** Resource errors from settings name the setting; from the Compose file, they were placed already. */
export function planComposeChecked(input: PlanInput, project: ComposeProject): Plan {
  try {
    return planCompose(input, project);
  } catch (error) {
    if (error instanceof ResourceProblem) {
      throw new ConfigError(`${error.message}. Change the setting ${error.field}.`);
    }
    if (isValueProblem(error)) {
      throw new ConfigError(`${error.message}.`);
    }
    throw error;
  }
}
