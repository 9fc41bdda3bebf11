import { ConfigError } from '../errors';
import { withoutGenericPrivileged } from '../plan/features';
import { planLifecycle } from '../plan/lifecycle';
import type { PlatformChoice } from '../plan/platform';
import { isValueProblem, type PlanWarning } from '../plan/problems';
import { ResourceProblem } from '../plan/resources';
import { describeSize } from '../plan/sizes';
import type { Plan, PlanCommand, PlanInput } from '../plan/types';
import { unsupportedPropertyWarnings } from '../plan/unsupported';
import { minimumVersion, type VersionRequirement } from '../plan/versions';
import { vscodeCustomizations } from '../plan/vscodeCustomizations';
import { command } from './commands';
import { healthProbe } from './health';
import { projectSearchDomain } from './dnsNames';
import { hostsBlocks } from './hosts';
import { bridgeablePorts } from './listening';
import { imageOf, platformFor } from './image';
import type { ComposeProject } from './load';
import { shortHash } from './names';
import {
  anonymousVolume,
  planNetwork,
  planVolume,
  PROJECT_LABEL,
  serviceNetworks,
  type Resource,
} from './network';
import { primaryService } from './primary';
import { serviceProcess } from './process';
import { prepareProject } from './project';
import { dependencyResources, primaryResources, type ServiceResources } from './resources';
import { runCommand } from './runArgs';
import { dependenciesOf } from './selection';
import { environment, stopTimeout, userLabels } from './serviceInputs';
import {
  checkSharedVolumes,
  serviceMounts,
  servicePorts,
  type NamedVolumeUse,
} from './serviceParts';
import { forwardPortWarnings } from '../plan/portForwards';
import { HEALTH_WAIT_LIMIT_MS, startSteps } from './startSteps';
import type {
  ComposeNetworkPlan,
  ComposePlan,
  ComposeServicePlan,
  ComposeVolumePlan,
} from './types';
import { failAtNode, isMap, scalarText, toPlain } from './tree';

/**
 * A Compose config's plan: the whole project in the order it is brought up —
 * networks, volumes, builds, the Features image of the dev container's
 * service, then each service's container in dependency order with the
 * health waits and hosts syncs between them. Pure, like the single-container
 * planner it reuses the builders of.
 */

export function planCompose(input: PlanInput, project: ComposeProject): Plan {
  const config = input.config;
  const warnings: PlanWarning[] = [...project.warnings];
  const { primary, services, name, order, containerNames, useNetworks, dnsDomain } = prepareProject(
    input,
    project,
    warnings,
  );

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
  const inlineDockerfiles: Record<string, string> = {};
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
    if (built.inlineDockerfile !== undefined) {
      inlineDockerfiles[service] = built.inlineDockerfile;
    }
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
      const own = primaryService(
        input,
        { node, service, containerName, image, platform, resources, labels, env },
        warnings,
      );
      if (own.featuresCommand !== undefined) {
        commands.builds.push(own.featuresCommand);
      }
      ({ image, labels, env, process } = own);
      extraMounts = own.mountArgs;
      requires.push(...own.requires);
      primaryInfo = {
        image,
        labels,
        resources,
        platform,
        ...(own.features ? { features: own.features } : {}),
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
      dnsSearch:
        dnsDomain !== undefined && containerName.endsWith(`.${dnsDomain}`)
          ? [projectSearchDomain(containerName, service), dnsDomain]
          : [],
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
    const shared =
      sharedWith === undefined
        ? undefined
        : sharedPorts(
            service,
            sharedWith,
            ports.containerPorts,
            servicePorts({ ...parts, service: sharedWith, warnings: [] }, services.get(sharedWith)!)
              .containerPorts,
            isPrimary || sharedWith === primary ? input.merged.forwardPorts : [],
            warnings,
          );
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
      ...(shared !== undefined ? { sharesNetworkWith: shared } : {}),
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

  const hosts = hostsBlocks(servicePlans, services);
  for (const network of networks.values()) {
    commands.pre.push(command('network', network.description, network.argv));
  }
  for (const volume of volumes.values()) {
    commands.pre.push(command('volume', volume.description, volume.argv));
  }
  commands.run.push(...startSteps(servicePlans, runs, needsHealth, hosts));

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
    inlineDockerfiles,
    ...(dnsDomain !== undefined ? { dnsDomain } : {}),
    healthWaitLimitMs: HEALTH_WAIT_LIMIT_MS,
  };
  const primaryResourcesChoice = info.resources.primary!;
  warnings.push(
    ...primaryResourcesChoice.warnings,
    ...unsupportedPropertyWarnings(config, input.merged),
    ...forwardPortWarnings(input.merged.forwardPorts, compose),
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

/**
 * What `network_mode: service:<peer>` declares on each side; what cannot be
 * bridged whatever runs (UDP, ranges, a port both sides claim) is said here,
 * in the plan. Plain numbers in forwardPorts may be either side's: the engine
 * bridges them from the peer only when it listens on them.
 */
function sharedPorts(
  own: string,
  peer: string,
  ownContainerPorts: readonly string[],
  peerContainerPorts: readonly string[],
  forwardPorts: ReadonlyArray<string | number>,
  warnings: PlanWarning[],
): NonNullable<ComposeServicePlan['sharesNetworkWith']> {
  const fromForward = forwardPorts.flatMap((port) => {
    const match = typeof port === 'string' ? /^([^:]+):(\d+)$/.exec(port) : null;
    return match !== null && match[1] === peer ? [match[2]!] : [];
  });
  const peerSide = bridgeablePorts([...peerContainerPorts, ...fromForward]);
  const ownSide = bridgeablePorts(ownContainerPorts);
  for (const [port, of] of [
    ...peerSide.skipped.map((p) => [p, peer] as const),
    ...ownSide.skipped.map((p) => [p, own] as const),
  ]) {
    warnings.push({
      property: 'network_mode',
      message: `network_mode service:${peer}: port ${port} of ${of} is not bridged (only single TCP ports are); reach it at ${of}:${port.split('/')[0] ?? port}.`,
    });
  }
  for (const port of peerSide.tcp.filter((p) => ownSide.tcp.includes(p))) {
    warnings.push({
      property: 'network_mode',
      message: `network_mode service:${peer}: port ${port} is declared by both ${own} and ${peer}, so it is bridged neither way (one port on one localhost cannot be both); reach it at ${peer}:${port} or ${own}:${port}.`,
    });
  }
  return { service: peer, ports: peerSide.tcp, ownPorts: ownSide.tcp };
}
