import type { PlanWarning } from '../plan/problems';
import { checkNetwork } from './refusals';
import { appleNetworkName, appleVolumeName } from './names';
import type { ComposeNetworkPlan, ComposeVolumePlan } from './types';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';
import { isTrue } from './values';

/**
 * The project's networks and named volumes: Apple names, and the `container
 * network create` / `volume create` commands (or `inspect` for external
 * ones, which must exist already).
 */

export const PROJECT_LABEL = 'com.docker.compose.project';

export interface Resource<T> {
  plan: T;
  argv: string[];
  description: string;
}

/** A boolean key of a mapping, in any of YAML's spellings. */
function flag(map: MapNode, key: string): boolean {
  const node = map.entries.get(key);
  return isTrue(node?.kind === 'scalar' ? node.value : null);
}

function topLevel(model: MapNode, key: string): Map<string, MapNode> {
  const node = model.entries.get(key);
  const result = new Map<string, MapNode>();
  if (!isMap(node)) {
    return result;
  }
  for (const [name, value] of node.entries) {
    result.set(
      name,
      isMap(value)
        ? value
        : { kind: 'map', entries: new Map(), keys: new Map(), where: value.where },
    );
  }
  return result;
}

/** The Compose networks a service is on, with its aliases; `default` when it names none. */
export function serviceNetworks(service: MapNode): Array<{ key: string; aliases: string[] }> {
  const node = service.entries.get('networks');
  if (!isMap(node)) {
    return [{ key: 'default', aliases: [] }];
  }
  return [...node.entries].map(([key, settings]) => {
    const aliases = isMap(settings) ? settings.entries.get('aliases') : undefined;
    return {
      key,
      aliases:
        aliases?.kind === 'seq'
          ? aliases.items.map((item) => scalarText(item) ?? '').filter((a) => a !== '')
          : [],
    };
  });
}

export function planNetwork(
  model: MapNode,
  project: string,
  key: string,
  usedBy: MapNode,
  service: string,
): Resource<ComposeNetworkPlan> {
  const declared = topLevel(model, 'networks').get(key);
  if (declared === undefined && key !== 'default') {
    const node = usedBy.entries.get('networks');
    failAtNode(
      isMap(node) ? keyWhere(node, key) : usedBy.where,
      ['services', service, 'networks', key],
      `the network "${key}" is not declared under the top-level "networks:"`,
    );
  }
  if (declared !== undefined) {
    checkNetwork(key, declared);
  }
  const external = declared !== undefined && flag(declared, 'external');
  const explicit = declared === undefined ? undefined : scalarText(declared.entries.get('name'));
  const name = appleNetworkName(explicit ?? (external ? key : `${project}_${key}`));
  if (external) {
    return {
      plan: { key, name, external },
      argv: ['container', 'network', 'inspect', name],
      description: `Check that the external network ${name} exists`,
    };
  }
  const argv = [
    'container',
    'network',
    'create',
    '--label',
    `${PROJECT_LABEL}=${project}`,
    '--label',
    `com.docker.compose.network=${key}`,
  ];
  if (declared !== undefined && flag(declared, 'internal')) {
    argv.push('--internal');
  }
  const ipam = declared?.entries.get('ipam');
  const config = isMap(ipam) ? ipam.entries.get('config') : undefined;
  const first = config?.kind === 'seq' ? config.items[0] : undefined;
  const subnet = isMap(first) ? scalarText(first.entries.get('subnet')) : undefined;
  if (subnet !== undefined) {
    argv.push(subnet.includes(':') ? '--subnet-v6' : '--subnet', subnet);
  }
  argv.push(name);
  return { plan: { key, name, external }, argv, description: `Create network ${name}` };
}

export function planVolume(
  model: MapNode,
  project: string,
  key: string,
  warnings: PlanWarning[],
): Resource<ComposeVolumePlan> {
  const declared = topLevel(model, 'volumes').get(key) ?? {
    kind: 'map',
    entries: new Map(),
    keys: new Map(),
    where: model.where,
  };
  const external = flag(declared, 'external');
  const explicit = scalarText(declared.entries.get('name'));
  const name = appleVolumeName(explicit ?? (external ? key : `${project}_${key}`));
  if (external) {
    return {
      plan: { key, name, external, anonymous: false },
      argv: ['container', 'volume', 'inspect', name],
      description: `Check that the external volume ${name} exists`,
    };
  }
  const driver = scalarText(declared.entries.get('driver'));
  if (driver !== undefined && driver !== 'local') {
    const where = keyWhere(declared, 'driver');
    warnings.push({
      property: `${where.file}:${where.line}:${where.column}`,
      message: `volumes.${key}.driver: Apple container has one kind of volume; "${driver}" is left out.`,
    });
  }
  const argv = [
    'container',
    'volume',
    'create',
    '--label',
    `${PROJECT_LABEL}=${project}`,
    '--label',
    `com.docker.compose.volume=${key}`,
  ];
  const options = declared.entries.get('driver_opts');
  const size = isMap(options)
    ? (scalarText(options.entries.get('size')) ??
      /(?:^|,)size=([^,]+)/.exec(scalarText(options.entries.get('o')) ?? '')?.[1])
    : undefined;
  if (size !== undefined) {
    argv.push('-s', size);
  }
  argv.push(name);
  return {
    plan: { key, name, external, anonymous: false },
    argv,
    description: `Create volume ${name}`,
  };
}

export function anonymousVolume(
  project: string,
  name: string,
  service: string,
): Resource<ComposeVolumePlan> {
  return {
    plan: { key: name, name, external: false, anonymous: true },
    argv: [
      'container',
      'volume',
      'create',
      '--label',
      `${PROJECT_LABEL}=${project}`,
      '--label',
      `com.docker.compose.service=${service}`,
      name,
    ],
    description: `Create volume ${name} (anonymous volume of ${service})`,
  };
}
