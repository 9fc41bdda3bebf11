import type { HostRequirements } from '../config/types';
import { ValueProblem, type PlanWarning } from './problems';
import { DEFAULT_CPUS, DEFAULT_MEMORY, type PlanSettings } from './settings';
import { APPLE_MIN_MEMORY_BYTES, describeSize, formatAppleMemory, parseSize } from './sizes';
import { MAX_CPUS, MAX_MEMORY_BYTES } from './argValues';

/**
 * CPUs and memory of the dev container's VM. Precedence: the workspace
 * setting, then `--cpus`/`--memory` in `runArgs`, then the user's default
 * raised to `hostRequirements` where that asks for more.
 */

export type ResourceSource = 'setting' | 'runArgs' | 'hostRequirements' | 'default';

/** Label recording where the CPUs and memory came from: `cpus:setting,memory:default`. */
export const RESOURCES_FROM_LABEL = 'slipway.resources.from';

const RESOURCE_SOURCES: readonly ResourceSource[] = [
  'setting',
  'runArgs',
  'hostRequirements',
  'default',
];

export function resourcesFromLabel(resources: Pick<Resources, 'cpusFrom' | 'memoryFrom'>): string {
  return `cpus:${resources.cpusFrom},memory:${resources.memoryFrom}`;
}

/** Reads the label back; anything unrecognised (an older or hand-made label) is left out. */
export function parseResourcesFromLabel(value: string | undefined): {
  cpus?: ResourceSource;
  memory?: ResourceSource;
} {
  const result: { cpus?: ResourceSource; memory?: ResourceSource } = {};
  for (const part of value?.split(',') ?? []) {
    const [key, source] = part.split(':');
    if (
      (key === 'cpus' || key === 'memory') &&
      RESOURCE_SOURCES.includes(source as ResourceSource)
    ) {
      result[key] = source as ResourceSource;
    }
  }
  return result;
}

export interface Resources {
  cpus: number;
  cpusFrom: ResourceSource;
  memoryBytes: number;
  /** In Apple's syntax, for `--memory`. */
  memory: string;
  memoryFrom: ResourceSource;
  warnings: PlanWarning[];
}

/** Where a bad value came from, so the error can point at it. */
export type ResourceField =
  | 'slipway.cpus'
  | 'slipway.memory'
  | 'slipway.defaultCpus'
  | 'slipway.defaultMemory'
  | 'hostRequirements.cpus'
  | 'hostRequirements.memory'
  /** The command line's options, which stand in for slipway.cpus and slipway.memory. */
  | '--cpus'
  | '--memory'
  /** `--memory` in the config's runArgs. */
  | 'runArgs';

/** What the user typed for this workspace's CPUs or memory: a setting or a command-line option. */
function explicitField(settings: PlanSettings, what: 'cpus' | 'memory'): ResourceField {
  if (settings.givenAs === 'options') {
    return what === 'cpus' ? '--cpus' : '--memory';
  }
  return what === 'cpus' ? 'slipway.cpus' : 'slipway.memory';
}

/** How a message names a field: runArgs by the flag in it. */
function fieldName(field: ResourceField): string {
  return field === 'runArgs' ? '--memory in runArgs' : field;
}

export class ResourceProblem extends ValueProblem {
  constructor(
    message: string,
    readonly field: ResourceField,
    /** For `runArgs`: the position of the `--memory` flag. */
    index?: number,
  ) {
    super(message, index);
  }
}

function settingSize(text: string, field: ResourceField): number {
  const bytes = parseSize(text);
  if (bytes === undefined || bytes > MAX_MEMORY_BYTES) {
    throw new ResourceProblem(
      `${field} "${text}" is not a size (such as 8G or 512M) of at most 16 TiB`,
      field,
    );
  }
  return bytes;
}

function settingCpus(value: number, field: ResourceField): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_CPUS) {
    throw new ResourceProblem(
      `${field} must be a whole number of CPUs from 1 to ${MAX_CPUS} (got ${value})`,
      field,
    );
  }
  return value;
}

export interface ResourceInput {
  settings: PlanSettings;
  runArgsCpus?: number;
  runArgsMemoryBytes?: number;
  /** Where `--memory` sits in runArgs, so an error points at it. */
  runArgsMemoryIndex?: number;
  hostRequirements?: HostRequirements;
}

function chooseCpus(input: ResourceInput, warnings: PlanWarning[]): [number, ResourceSource] {
  const floorValue = input.hostRequirements?.cpus;
  const floor =
    floorValue === undefined ? undefined : settingCpus(floorValue, 'hostRequirements.cpus');
  const field = explicitField(input.settings, 'cpus');
  const explicit: Array<[number | undefined, ResourceSource]> = [
    [
      input.settings.cpus === undefined ? undefined : settingCpus(input.settings.cpus, field),
      'setting',
    ],
    [input.runArgsCpus, 'runArgs'],
  ];
  for (const [value, source] of explicit) {
    if (value !== undefined) {
      if (floor !== undefined && value < floor) {
        warnings.push({
          property: 'hostRequirements.cpus',
          message: `The config asks for at least ${floor} CPUs, but ${source === 'setting' ? field : '--cpus in runArgs'} gives ${value}.`,
        });
      }
      return [value, source];
    }
  }
  const fallback = settingCpus(input.settings.defaultCpus ?? DEFAULT_CPUS, 'slipway.defaultCpus');
  if (floor !== undefined && floor > fallback) {
    return [floor, 'hostRequirements'];
  }
  return [fallback, 'default'];
}

function chooseMemory(input: ResourceInput, warnings: PlanWarning[]): [number, ResourceSource] {
  const floorText = input.hostRequirements?.memory;
  const floor = floorText === undefined ? undefined : parseSize(floorText.replace(/b$/i, ''));
  if (floorText !== undefined && (floor === undefined || floor > MAX_MEMORY_BYTES)) {
    throw new ResourceProblem(
      `hostRequirements.memory "${floorText}" is not a size (such as 8gb) of at most 16 TiB`,
      'hostRequirements.memory',
    );
  }
  const field = explicitField(input.settings, 'memory');
  const explicit: Array<[number | undefined, ResourceSource]> = [
    [
      input.settings.memory === undefined ? undefined : settingSize(input.settings.memory, field),
      'setting',
    ],
    [input.runArgsMemoryBytes, 'runArgs'],
  ];
  for (const [value, source] of explicit) {
    if (value !== undefined) {
      if (floor !== undefined && value < floor) {
        warnings.push({
          property: 'hostRequirements.memory',
          message: `The config asks for at least ${describeSize(floor)} of memory, but ${fieldName(source === 'setting' ? field : 'runArgs')} gives ${describeSize(value)}.`,
        });
      }
      return [value, source];
    }
  }
  const fallback = settingSize(
    input.settings.defaultMemory ?? DEFAULT_MEMORY,
    'slipway.defaultMemory',
  );
  if (floor !== undefined && floor > fallback) {
    return [floor, 'hostRequirements'];
  }
  return [fallback, 'default'];
}

function memoryField(source: ResourceSource, settings: PlanSettings): ResourceField {
  switch (source) {
    case 'setting':
      return explicitField(settings, 'memory');
    case 'runArgs':
      return 'runArgs';
    case 'hostRequirements':
      return 'hostRequirements.memory';
    case 'default':
      return 'slipway.defaultMemory';
  }
}

export function chooseResources(input: ResourceInput): Resources {
  const warnings: PlanWarning[] = [];
  const [cpus, cpusFrom] = chooseCpus(input, warnings);
  const [memoryBytes, memoryFrom] = chooseMemory(input, warnings);
  if (memoryBytes < APPLE_MIN_MEMORY_BYTES) {
    const field = memoryField(memoryFrom, input.settings);
    throw new ResourceProblem(
      `${describeSize(memoryBytes)} of memory (from ${fieldName(field)}) is under Apple container's minimum of 200 MiB`,
      field,
      field === 'runArgs' ? input.runArgsMemoryIndex : undefined,
    );
  }
  return {
    cpus,
    cpusFrom,
    memoryBytes,
    memory: formatAppleMemory(memoryBytes),
    memoryFrom,
    warnings,
  };
}
