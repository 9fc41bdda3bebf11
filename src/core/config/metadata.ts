import type {
  DevContainerConfig,
  GpuRequirements,
  HostRequirements,
  MergedMetadata,
  MetadataEntry,
  MountSpec,
  OriginCommand,
  PortAttributes,
} from './types';
import { findConfigIssues, isRecord, METADATA_CHECKS } from './validate';
import { splitCsvFields } from './csv';
import { checkJsonLimits } from './jsonLimits';

/**
 * The `devcontainer.metadata` label: reading it, making the config's own
 * entry, and merging entries with the reference implementation's rules
 * (`mergeConfiguration` in spec-node/imageMetadata.ts). The label's entries
 * come in layer order: the base image's, one per Feature, the config's last.
 */

export const METADATA_LABEL = 'devcontainer.metadata';

/** The properties the reference records from devcontainer.json (`pickConfigProperties`). */
export const CONFIG_METADATA_PROPERTIES = [
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
  'waitFor',
  'customizations',
  'mounts',
  'containerEnv',
  'containerUser',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'remoteUser',
  'userEnvProbe',
  'remoteEnv',
  'overrideCommand',
  'portsAttributes',
  'otherPortsAttributes',
  'forwardPorts',
  'shutdownAction',
  'updateRemoteUserUID',
  'hostRequirements',
] as const satisfies ReadonlyArray<keyof DevContainerConfig & keyof MetadataEntry>;

/** The config's own metadata entry: the recorded properties that it sets. */
export function configMetadataEntry(config: DevContainerConfig): MetadataEntry {
  const entry: Record<string, unknown> = {};
  for (const property of CONFIG_METADATA_PROPERTIES) {
    if (config[property] !== undefined) {
      entry[property] = config[property];
    }
  }
  return entry as MetadataEntry;
}

export interface MetadataLabelReading {
  entries: MetadataEntry[];
  /** What was wrong with the label, for the caller to log as warnings. */
  problems: string[];
}

/**
 * Reads the label's value: a JSON array of entries, or (from older images) a
 * single entry object. Never throws: the label comes from an image, not
 * from the user's file, so a broken one is reported in `problems` and left
 * out. Entries that are not objects are dropped, and so are properties of
 * the wrong type (so that merging can trust the types).
 */
export function readMetadataLabel(value: string | undefined): MetadataLabelReading {
  if (value === undefined || value === '') {
    return { entries: [], problems: [] };
  }
  let parsed: unknown;
  try {
    // A Dockerfile in the repository can set this label: the same limits as a config.
    checkJsonLimits(value, METADATA_LABEL);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { entries: [], problems: [`The ${METADATA_LABEL} label was ignored: ${reason}`] };
  }
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { entries: [], problems: [`The ${METADATA_LABEL} label is not valid JSON: ${reason}`] };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const entries: MetadataEntry[] = [];
  const problems: string[] = [];
  items.forEach((item: unknown, index) => {
    if (!isRecord(item)) {
      problems.push(`Ignored ${METADATA_LABEL} entry #${index + 1}: it is not an object.`);
      return;
    }
    const entry: Record<string, unknown> = { ...item };
    for (const issue of findConfigIssues(item, METADATA_CHECKS)) {
      const property = issue.path[0];
      if (typeof property === 'string' && Object.hasOwn(entry, property)) {
        delete entry[property];
        problems.push(`Ignored ${METADATA_LABEL} entry #${index + 1}: ${issue.message}.`);
      }
    }
    entries.push(entry as MetadataEntry);
  });
  return { entries, problems };
}

export const CONFIG_ORIGIN = 'devcontainer.json';

export interface MergeOptions {
  /**
   * The origin of each entry's lifecycle commands, by position. Entries
   * without one here use their `id` (Features), else a default: the last
   * entry is the config's own (`devcontainer.json`), earlier ones
   * `image metadata #N` (1-based). The reference labels every entry without
   * an id `devcontainer.json`; the position tells the base image's apart.
   */
  origins?: ReadonlyArray<string | undefined>;
}

/** Merges metadata entries, in layer order, with the reference's rules. */
export function mergeMetadata(
  entries: readonly MetadataEntry[],
  options: MergeOptions = {},
): MergedMetadata {
  const reversed = [...entries].reverse();
  const lastDefined = <K extends keyof MetadataEntry>(
    key: K,
    defined: (value: MetadataEntry[K]) => boolean,
  ): MetadataEntry[K] | undefined => reversed.find((entry) => defined(entry[key]))?.[key];
  const truthy = (value: unknown): boolean => Boolean(value);
  const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

  const origins = entries.map(
    (entry, index) =>
      options.origins?.[index] ??
      entry.id ??
      (index === entries.length - 1 ? CONFIG_ORIGIN : `image metadata #${index + 1}`),
  );
  const hooks = (hook: LifecycleHookKey): OriginCommand[] => {
    const commands: OriginCommand[] = [];
    entries.forEach((entry, index) => {
      const command = entry[hook];
      // Truthy, as in the reference: an empty string is no command, while an
      // empty array or object is still collected.
      if (command) {
        commands.push({ origin: origins[index] ?? CONFIG_ORIGIN, command });
      }
    });
    return commands;
  };

  return {
    init: entries.some((entry) => Boolean(entry.init)),
    privileged: entries.some((entry) => Boolean(entry.privileged)),
    capAdd: union(entries.map((entry) => entry.capAdd)),
    securityOpt: union(entries.map((entry) => entry.securityOpt)),
    entrypoints: entries
      .map((entry) => entry.entrypoint)
      .filter((entrypoint): entrypoint is string => Boolean(entrypoint)),
    mounts: mergeMounts(entries),
    customizations: mergeCustomizations(entries),
    onCreateCommands: hooks('onCreateCommand'),
    updateContentCommands: hooks('updateContentCommand'),
    postCreateCommands: hooks('postCreateCommand'),
    postStartCommands: hooks('postStartCommand'),
    postAttachCommands: hooks('postAttachCommand'),
    waitFor: lastDefined('waitFor', truthy),
    remoteUser: lastDefined('remoteUser', truthy),
    containerUser: lastDefined('containerUser', truthy),
    userEnvProbe: lastDefined('userEnvProbe', truthy),
    remoteEnv: perKey(entries.map((entry) => entry.remoteEnv)),
    containerEnv: perKey(entries.map((entry) => entry.containerEnv)),
    overrideCommand: lastDefined('overrideCommand', isBoolean),
    portsAttributes: perKey<PortAttributes>(entries.map((entry) => entry.portsAttributes)),
    otherPortsAttributes: lastDefined('otherPortsAttributes', truthy),
    forwardPorts: mergeForwardPorts(entries),
    shutdownAction: lastDefined('shutdownAction', truthy),
    updateRemoteUserUID: lastDefined('updateRemoteUserUID', isBoolean),
    hostRequirements: mergeHostRequirements(entries),
  };
}

type LifecycleHookKey =
  | 'onCreateCommand'
  | 'updateContentCommand'
  | 'postCreateCommand'
  | 'postStartCommand'
  | 'postAttachCommand';

/** Values of all the arrays, first occurrence kept. */
function union<T>(arrays: ReadonlyArray<readonly T[] | undefined>): T[] {
  const values = new Set<T>();
  for (const array of arrays) {
    for (const value of Array.isArray(array) ? array : []) {
      values.add(value);
    }
  }
  return [...values];
}

/** Later entries win per key. Spread, not Object.assign, so a `__proto__` key stays data. */
function perKey<V>(maps: ReadonlyArray<{ [key: string]: V } | undefined>): { [key: string]: V } {
  let merged: { [key: string]: V } = {};
  for (const map of maps) {
    if (isRecord(map)) {
      merged = { ...merged, ...map };
    }
  }
  return merged;
}

function mergeCustomizations(entries: readonly MetadataEntry[]): { [tool: string]: unknown[] } {
  const merged = new Map<string, unknown[]>();
  for (const entry of entries) {
    if (!isRecord(entry.customizations)) {
      continue;
    }
    for (const [tool, value] of Object.entries(entry.customizations)) {
      const layers = merged.get(tool) ?? [];
      layers.push(value);
      merged.set(tool, layers);
    }
  }
  return Object.fromEntries(merged);
}

/**
 * All mounts in order; when several have the same target, only the last
 * stays (at its own position), so a later layer replaces an earlier mount.
 */
function mergeMounts(entries: readonly MetadataEntry[]): MountSpec[] {
  const all = entries.flatMap((entry) => (Array.isArray(entry.mounts) ? entry.mounts : []));
  const seen = new Set<string | undefined>();
  const kept: MountSpec[] = [];
  for (let index = all.length - 1; index >= 0; index--) {
    const mount = all[index];
    if (mount === undefined) {
      continue;
    }
    const target = mountTarget(mount);
    if (!seen.has(target)) {
      seen.add(target);
      kept.push(mount);
    }
  }
  return kept.reverse();
}

const TARGET_KEYS = new Set(['target', 'dst', 'destination']);

/**
 * The target of a mount. For Docker's `--mount` syntax the keys `target`,
 * `dst` and `destination` all name it; fields may be double-quoted (CSV),
 * as the reference writes paths with commas. Mounts without a target share
 * one slot, as they do in the reference.
 */
export function mountTarget(mount: MountSpec): string | undefined {
  if (typeof mount !== 'string') {
    return typeof mount.target === 'string' ? mount.target : undefined;
  }
  let target: string | undefined;
  for (const field of splitCsvFields(mount).fields) {
    const equals = field.indexOf('=');
    if (equals < 0) {
      continue;
    }
    if (TARGET_KEYS.has(field.slice(0, equals).trim().toLowerCase())) {
      target = field.slice(equals + 1);
    }
  }
  return target;
}

/**
 * The union of the ports; a number N and the string `localhost:N` are the
 * same port, and come out as the number.
 */
function mergeForwardPorts(entries: readonly MetadataEntry[]): Array<number | string> {
  const keys = new Set<string>();
  for (const entry of entries) {
    for (const port of Array.isArray(entry.forwardPorts) ? entry.forwardPorts : []) {
      keys.add(typeof port === 'number' ? `localhost:${port}` : port);
    }
  }
  // Anchored, unlike the reference's /localhost:\d+/, which would turn a
  // valid "my-localhost:5432" into NaN.
  return [...keys].map((key) =>
    /^localhost:\d+$/.test(key) ? parseInt(key.slice('localhost:'.length), 10) : key,
  );
}

const UNITS: Record<string, number> = { t: 2 ** 40, g: 2 ** 30, m: 2 ** 20, k: 2 ** 10 };

/** `8gb` → 8589934592; anything not matching `^\d+([tgmk]b)?$` counts as 0, as in the reference. */
export function parseBytes(text: string | undefined): number {
  const match = /^(\d+)([tgmk]b)?$/.exec(text ?? '');
  if (match === null) {
    return 0;
  }
  const unit = match[2] === undefined ? 1 : (UNITS[match[2].charAt(0)] ?? 1);
  return parseInt(match[1] ?? '0', 10) * unit;
}

/**
 * The largest of each requirement. Sizes are compared as bytes and come out
 * as byte counts (`"8589934592"`). Unlike the reference, a requirement no
 * layer sets is left out (the reference writes `cpus: 0`), and no entries
 * at all give `undefined`.
 */
function mergeHostRequirements(entries: readonly MetadataEntry[]): HostRequirements | undefined {
  const requirements = entries.map((entry) => entry.hostRequirements);
  const cpus = Math.max(0, ...requirements.map((r) => r?.cpus || 0));
  const memory = Math.max(0, ...requirements.map((r) => parseBytes(r?.memory)));
  const storage = Math.max(0, ...requirements.map((r) => parseBytes(r?.storage)));
  const gpu = requirements.map((r) => r?.gpu).reduce<HostRequirements['gpu']>(mergeGpu, undefined);
  if (!cpus && !memory && !storage && !gpu) {
    return undefined;
  }
  const merged: HostRequirements = {};
  if (cpus) {
    merged.cpus = cpus;
  }
  if (memory) {
    merged.memory = String(memory);
  }
  if (storage) {
    merged.storage = String(storage);
  }
  if (gpu !== undefined) {
    merged.gpu = gpu;
  }
  return merged;
}

/**
 * The reference's GPU merge: false or unset loses to anything; two
 * "optional" stay optional; otherwise a GPU is required, with the larger
 * cores and memory of the two (so `true` with `true` gives `{}`, "required,
 * nothing more specific").
 */
function mergeGpu(a: HostRequirements['gpu'], b: HostRequirements['gpu']): HostRequirements['gpu'] {
  if (a === undefined || a === false) {
    return b;
  }
  if (b === undefined || b === false) {
    return a;
  }
  if (a === 'optional' && b === 'optional') {
    return 'optional';
  }
  const left: GpuRequirements = typeof a === 'object' ? a : {};
  const right: GpuRequirements = typeof b === 'object' ? b : {};
  const cores = Math.max(left.cores || 0, right.cores || 0);
  const memory = Math.max(parseBytes(left.memory), parseBytes(right.memory));
  const merged: GpuRequirements = {};
  if (cores) {
    merged.cores = cores;
  }
  if (memory) {
    merged.memory = String(memory);
  }
  return merged;
}
