import { ValueProblem, type PlanWarning } from '../plan/problems';
import { chooseResources, type Resources } from '../plan/resources';
import { DEFAULT_SERVICE_CPUS, DEFAULT_SERVICE_MEMORY, type PlanSettings } from '../plan/settings';
import { APPLE_MIN_MEMORY_BYTES, describeSize, formatAppleMemory, parseSize } from '../plan/sizes';
import type { HostRequirements } from '../config/types';
import {
  failAtNode,
  formatKeyPath,
  isMap,
  keyWhere,
  scalarText,
  type MapNode,
  type Where,
} from './tree';

/**
 * CPUs and memory of each service's VM. The dev container's service follows
 * Slipway's precedence (workspace setting, then what the Compose file says in
 * the place of runArgs, then hostRequirements, then the default); every other
 * service takes `cpus`/`mem_limit`/`deploy.resources.limits`, else the
 * dependency defaults, and never less than Apple's 200 MiB.
 */

export interface ServiceResources {
  cpus: number;
  memoryBytes: number;
  memory: string;
  from: string;
  /** For the dev container's service: the single-container shape (labels, plan.resources). */
  primary?: Resources;
}

interface ComposeLimits {
  cpus?: { value: number; where: Where; key: string[] };
  memoryBytes?: { value: number; where: Where; key: string[] };
}

function limits(service: MapNode, name: string, warnings: PlanWarning[]): ComposeLimits {
  const result: ComposeLimits = {};
  const deploy = service.entries.get('deploy');
  const resources = isMap(deploy) ? deploy.entries.get('resources') : undefined;
  const deployLimits = isMap(resources) ? resources.entries.get('limits') : undefined;
  const candidates: Array<[MapNode | undefined, string, string[]]> = [
    [service, 'cpus', ['services', name, 'cpus']],
    [
      isMap(deployLimits) ? deployLimits : undefined,
      'cpus',
      ['services', name, 'deploy', 'resources', 'limits', 'cpus'],
    ],
  ];
  for (const [map, key, path] of candidates) {
    const text = map === undefined ? undefined : scalarText(map.entries.get(key));
    if (map === undefined || text === undefined || result.cpus !== undefined) {
      continue;
    }
    const where = keyWhere(map, key);
    const value = Number(text);
    if (!(value > 0)) {
      failAtNode(where, path, `"${text}" is not a number of CPUs`);
    }
    const whole = Math.ceil(value);
    if (whole !== value) {
      warnings.push({
        property: `${where.file}:${where.line}:${where.column}`,
        message: `${formatKeyPath(path)}: Apple container gives a VM whole CPUs; ${text} becomes ${whole}.`,
      });
    }
    result.cpus = { value: whole, where, key: path };
  }
  const memoryCandidates: Array<[MapNode | undefined, string, string[]]> = [
    [service, 'mem_limit', ['services', name, 'mem_limit']],
    [
      isMap(deployLimits) ? deployLimits : undefined,
      'memory',
      ['services', name, 'deploy', 'resources', 'limits', 'memory'],
    ],
  ];
  for (const [map, key, path] of memoryCandidates) {
    const text = map === undefined ? undefined : scalarText(map.entries.get(key));
    if (map === undefined || text === undefined || result.memoryBytes !== undefined) {
      continue;
    }
    const where = keyWhere(map, key);
    const value = parseSize(text);
    if (value === undefined) {
      failAtNode(where, path, `"${text}" is not a size (such as 512m or 2g)`);
    }
    result.memoryBytes = { value, where, key: path };
  }
  return result;
}

function settingSize(text: string, field: string): number {
  const bytes = parseSize(text);
  if (bytes === undefined) {
    throw new ValueProblem(`${field} "${text}" is not a size (such as 1G or 512M)`);
  }
  return bytes;
}

export function dependencyResources(
  service: MapNode,
  name: string,
  settings: PlanSettings,
  warnings: PlanWarning[],
): ServiceResources {
  const own = limits(service, name, warnings);
  const cpus = own.cpus?.value ?? settings.composeServiceCpus ?? DEFAULT_SERVICE_CPUS;
  if (!Number.isInteger(cpus) || cpus < 1) {
    throw new ValueProblem(
      `slipway.compose.serviceCpus must be a whole number, at least 1 (got ${cpus})`,
    );
  }
  let memoryBytes =
    own.memoryBytes?.value ??
    settingSize(
      settings.composeServiceMemory ?? DEFAULT_SERVICE_MEMORY,
      'slipway.compose.serviceMemory',
    );
  if (memoryBytes < APPLE_MIN_MEMORY_BYTES) {
    const where = own.memoryBytes?.where;
    warnings.push({
      property: where
        ? `${where.file}:${where.line}:${where.column}`
        : 'slipway.compose.serviceMemory',
      message: `${own.memoryBytes ? formatKeyPath(own.memoryBytes.key) : `the service ${name}`}: ${describeSize(memoryBytes)} is under Apple container's minimum; the VM gets 200 MiB.`,
    });
    memoryBytes = APPLE_MIN_MEMORY_BYTES;
  }
  const from = `cpus:${own.cpus ? 'compose' : settings.composeServiceCpus !== undefined ? 'setting' : 'default'},memory:${own.memoryBytes ? 'compose' : settings.composeServiceMemory !== undefined ? 'setting' : 'default'}`;
  return { cpus, memoryBytes, memory: formatAppleMemory(memoryBytes), from };
}

export function primaryResources(
  service: MapNode,
  name: string,
  settings: PlanSettings,
  hostRequirements: HostRequirements | undefined,
  warnings: PlanWarning[],
): ServiceResources {
  const own = limits(service, name, warnings);
  let resources: Resources;
  try {
    resources = chooseResources({
      settings,
      runArgsCpus: own.cpus?.value,
      runArgsMemoryBytes: own.memoryBytes?.value,
      hostRequirements,
    });
  } catch (error) {
    if (error instanceof ValueProblem && own.memoryBytes && !('field' in error)) {
      failAtNode(own.memoryBytes.where, own.memoryBytes.key, error.message);
    }
    throw error;
  }
  const source = (from: string) => (from === 'runArgs' ? 'compose' : from);
  return {
    cpus: resources.cpus,
    memoryBytes: resources.memoryBytes,
    memory: resources.memory,
    from: `cpus:${source(resources.cpusFrom)},memory:${source(resources.memoryFrom)}`,
    primary: resources,
  };
}
