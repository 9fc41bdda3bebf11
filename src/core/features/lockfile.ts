import * as path from 'node:path';
import { isRecord, kindOf } from '../config/validate';
import { ConfigError } from '../errors';
import { compareText } from './featureCompare';
import type { FeatureNode } from './featureGraph';
import type { FeatureRef } from './featureRef';
import { readJsonDocument } from './jsonDocument';
import { errorAt } from './site';

/**
 * devcontainer-lock.json, as the reference CLI (0.88, lockfile.ts) reads
 * and writes it, so that a workspace gets the same Features tomorrow and
 * both tools produce the same file:
 *
 * - it sits next to the config: `devcontainer-lock.json`, or
 *   `.devcontainer-lock.json` next to a `.devcontainer.json`;
 * - `features` maps each Feature id as written (in `features` or in a
 *   `dependsOn`) to its `version` (from its metadata), `resolved`
 *   (`registry/path@<manifest digest>`, or the tarball URL), `integrity`
 *   (the manifest digest, or `sha256:` of the .tgz) and, when it has some,
 *   the ids its `dependsOn` lists; local Features are not recorded;
 * - ids are sorted (locale order), and the file is JSON with two-space
 *   indentation and a final newline;
 * - an empty file means "write it on the next build";
 * - when reading, an OCI Feature's manifest is fetched by the locked digest
 *   and a tarball's hash is checked against it;
 * - frozen: the build fails if the file is missing or would change.
 */

export interface LockedFeature {
  version: string;
  resolved: string;
  integrity: string;
  dependsOn?: string[];
}

export interface Lockfile {
  features: { [userId: string]: LockedFeature };
}

export type LockfileState =
  | { state: 'missing' }
  /** An empty file: the reference's marker for "create it". */
  | { state: 'empty' }
  | { state: 'present'; lockfile: Lockfile };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function lockfilePath(configFile: string): string {
  const name = path.posix.basename(configFile).startsWith('.')
    ? '.devcontainer-lock.json'
    : 'devcontainer-lock.json';
  return path.posix.join(path.posix.dirname(configFile), name);
}

/** Reads the file's text (`undefined` when there is no file). A broken file is a ConfigError. */
export function readLockfile(text: string | undefined, file: string): LockfileState {
  if (text === undefined) {
    return { state: 'missing' };
  }
  if (text.trim() === '') {
    return { state: 'empty' };
  }
  const { value, locate } = readJsonDocument(text, file);
  const fix = 'Fix it, or delete the file to let Slipway write a new one.';
  const fail = (jsonPath: Array<string | number>, message: string): never => {
    throw errorAt({ file, locate, path: jsonPath }, `${message} ${fix}`);
  };
  if (!isRecord(value)) {
    return fail([], `The lockfile must contain a JSON object, not ${kindOf(value)}.`);
  }
  const features = value['features'];
  if (!isRecord(features)) {
    return fail(
      ['features'],
      `The lockfile's "features" must be an object of Feature ids, not ${features === undefined ? 'missing' : kindOf(features)}.`,
    );
  }
  const locked: Lockfile['features'] = {};
  for (const [userId, entry] of Object.entries(features)) {
    const at = ['features', userId];
    if (!isRecord(entry)) {
      return fail(
        at,
        `The lock of Feature ${JSON.stringify(userId)} must be an object, not ${kindOf(entry)}.`,
      );
    }
    for (const property of ['version', 'resolved', 'integrity'] as const) {
      if (typeof entry[property] !== 'string') {
        return fail(
          [...at, property],
          `The lock of Feature ${JSON.stringify(userId)} needs a string "${property}".`,
        );
      }
    }
    const integrity = entry['integrity'] as string;
    if (!DIGEST.test(integrity)) {
      return fail(
        [...at, 'integrity'],
        `The lock of Feature ${JSON.stringify(userId)} has the integrity ${JSON.stringify(integrity)}; it must be "sha256:" and 64 hexadecimal digits.`,
      );
    }
    const dependsOn = entry['dependsOn'];
    if (
      dependsOn !== undefined &&
      !(Array.isArray(dependsOn) && dependsOn.every((id) => typeof id === 'string'))
    ) {
      return fail(
        [...at, 'dependsOn'],
        `The lock of Feature ${JSON.stringify(userId)} has a "dependsOn" that is not an array of Feature ids.`,
      );
    }
    locked[userId] = {
      version: entry['version'] as string,
      resolved: entry['resolved'] as string,
      integrity,
      ...(dependsOn !== undefined ? { dependsOn: dependsOn as string[] } : {}),
    };
  }
  return { state: 'present', lockfile: { features: locked } };
}

export interface LockPin {
  /** OCI: fetch the manifest by this digest. Tarball: the .tgz must hash to it. */
  integrity: string;
  version: string;
  resolved: string;
}

/**
 * What the lockfile pins a Feature reference to, looked up by the id as
 * written (the reference's `lockfile.features[userFeatureId]`). Local
 * Features are never pinned. An OCI reference that names its own digest
 * keeps it: a lock that disagrees is outdated, not a reason to fetch
 * something else (the reference would fetch the locked digest).
 */
export function lockedPin(lockfile: Lockfile | undefined, ref: FeatureRef): LockPin | undefined {
  if (lockfile === undefined || ref.kind === 'local') {
    return undefined;
  }
  const entry = Object.hasOwn(lockfile.features, ref.userId)
    ? lockfile.features[ref.userId]
    : undefined;
  if (entry === undefined) {
    return undefined;
  }
  if (ref.kind === 'oci' && ref.digest !== undefined && ref.digest !== entry.integrity) {
    return undefined;
  }
  return { integrity: entry.integrity, version: entry.version, resolved: entry.resolved };
}

/**
 * The lockfile for installed Features (from the graph or the install
 * order; the order does not matter). The fetcher must have given every
 * OCI and tarball Feature its digest.
 */
export function buildLockfile(nodes: readonly FeatureNode[]): Lockfile {
  const entries: Array<[string, LockedFeature]> = [];
  for (const node of nodes) {
    const { ref } = node;
    if (ref.kind === 'local') {
      continue;
    }
    const digest = node.fetched.digest;
    if (digest === undefined) {
      throw new Error(`No digest for ${node.userId}: the fetcher must record it for the lockfile.`);
    }
    const dependsOn = Object.keys(node.fetched.metadata.dependsOn);
    entries.push([
      node.userId,
      {
        version: node.fetched.metadata.version,
        resolved: ref.kind === 'oci' ? `${ref.registry}/${ref.path}@${digest}` : ref.url,
        integrity: digest,
        ...(dependsOn.length > 0 ? { dependsOn } : {}),
      },
    ]);
  }
  // Sorted first, then assigned: for an id seen twice the last entry wins,
  // at the first one's place, as in the reference.
  entries.sort(([a], [b]) => compareText(a, b));
  const features: Lockfile['features'] = {};
  for (const [userId, entry] of entries) {
    Object.defineProperty(features, userId, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { features };
}

/** The file's text: sorted ids, fixed member order, two spaces, final newline. */
export function renderLockfile(lockfile: Lockfile): string {
  const features: Record<string, LockedFeature> = {};
  const ids = Object.keys(lockfile.features).sort(compareText);
  for (const id of ids) {
    const entry = lockfile.features[id] as LockedFeature;
    Object.defineProperty(features, id, {
      value: {
        version: entry.version,
        resolved: entry.resolved,
        integrity: entry.integrity,
        ...(entry.dependsOn !== undefined && entry.dependsOn.length > 0
          ? { dependsOn: entry.dependsOn }
          : {}),
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return `${JSON.stringify({ features }, null, 2)}\n`;
}

export type LockfileUpdate = 'unchanged' | 'create' | 'update';

/**
 * Whether the build must write the lockfile. As in the reference, the old
 * text counts as unchanged when it parses to the same JSON in the same
 * member order (so indentation and a missing final newline do not matter);
 * an empty or unparsable file is rewritten.
 */
export function lockfileUpdate(existing: string | undefined, generated: Lockfile): LockfileUpdate {
  if (existing === undefined || existing.trim() === '') {
    return 'create';
  }
  let normalized: string;
  try {
    normalized = `${JSON.stringify(JSON.parse(existing), null, 2)}\n`;
  } catch {
    return 'update';
  }
  return normalized === renderLockfile(generated) ? 'unchanged' : 'update';
}

export interface LockfileDifferences {
  /** Ids the new lockfile has and the old one does not. */
  added: string[];
  /** Ids only the old lockfile has. */
  removed: string[];
  /** Ids locked to something else. */
  changed: string[];
}

export function lockfileDifferences(
  existing: Lockfile | undefined,
  generated: Lockfile,
): LockfileDifferences {
  const before = existing?.features ?? {};
  const after = generated.features;
  const has = (object: object, id: string): boolean => Object.hasOwn(object, id);
  return {
    added: Object.keys(after).filter((id) => !has(before, id)),
    removed: Object.keys(before).filter((id) => !has(after, id)),
    changed: Object.keys(after).filter(
      (id) =>
        has(before, id) &&
        renderLockfile({ features: { [id]: before[id] as LockedFeature } }) !==
          renderLockfile({ features: { [id]: after[id] as LockedFeature } }),
    ),
  };
}

/**
 * The Features a lockfile has no pin for: OCI and tarball references whose
 * id it does not list. Any of them means the lockfile is outdated before
 * anything is fetched, which a frozen build can report at once.
 */
export function unlockedFeatures(
  lockfile: Lockfile | undefined,
  refs: readonly FeatureRef[],
): string[] {
  return refs
    .filter((ref) => ref.kind !== 'local' && lockedPin(lockfile, ref) === undefined)
    .map((ref) => ref.userId);
}

/**
 * Frozen mode (the reference's `--frozen-lockfile`): the build may not
 * create or change the lockfile. Throws a ConfigError saying what differs.
 */
export function checkFrozenLockfile(
  existing: string | undefined,
  generated: Lockfile,
  file: string,
): void {
  if (existing === undefined) {
    throw new ConfigError(
      'The lockfile does not exist, and the lockfile is frozen, so Slipway may not create it. Build once without freezing the lockfile to write it, and commit it.',
      file,
    );
  }
  if (lockfileUpdate(existing, generated) === 'unchanged') {
    return;
  }
  const state = safeRead(existing, file);
  const differences = lockfileDifferences(state, generated);
  const parts = [
    differences.added.length > 0 ? `not locked: ${differences.added.join(', ')}` : '',
    differences.removed.length > 0 ? `no longer used: ${differences.removed.join(', ')}` : '',
    differences.changed.length > 0
      ? `locked to another version: ${differences.changed.join(', ')}`
      : '',
  ].filter((part) => part !== '');
  const detail = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  throw new ConfigError(
    `The lockfile does not match the Features the config resolves to${detail}, and the lockfile is frozen. Build once without freezing the lockfile to update it, and commit the change.`,
    file,
  );
}

function safeRead(text: string, file: string): Lockfile | undefined {
  try {
    const state = readLockfile(text, file);
    return state.state === 'present' ? state.lockfile : undefined;
  } catch {
    return undefined;
  }
}
