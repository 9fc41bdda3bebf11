import * as path from 'node:path';
import { ConfigError, isConfigError } from '../../core/errors';
import type { FeatureToInstall } from '../../core/features/buildContext';
import {
  expandFeatureGraph,
  type FeatureNode,
  type FetchedFeature,
} from '../../core/features/featureGraph';
import { FEATURE_METADATA_FILE, parseFeatureMetadata } from '../../core/features/featureMetadata';
import { resolveFeatureOptions } from '../../core/features/featureOptions';
import { computeInstallOrder } from '../../core/features/featureOrder';
import {
  featureRefKey,
  type FeatureRef,
  type FeatureRefContext,
} from '../../core/features/featureRef';
import {
  buildLockfile,
  checkFrozenLockfile,
  lockedPin,
  lockfilePath,
  lockfileUpdate,
  readLockfile,
  renderLockfile,
  type Lockfile,
} from '../../core/features/lockfile';
import type { FeatureResolveRequest, ResolvedFeatures } from '../../core/features/resolved';
import { errorAt } from '../../core/features/site';
import { collectUserFeatures, type FeatureRequest } from '../../core/features/userFeatures';
import { writeFileAtomic } from '../atomicFile';
import type { FeatureCache } from './featureCache';
import { readWorkspaceText } from '../workspaceFiles';
import { hashFeatureFolder } from './featureFolder';

/**
 * From a config's `features` to the Features to install: the user's
 * references parsed, fetched (local folders from disk, OCI Features and
 * tarballs through the cache, pinned by devcontainer-lock.json where it
 * pins them), their `dependsOn` followed until the graph is complete,
 * ordered, and their options resolved. Then the lockfile is written or
 * checked as the reference does it (see LockfileMode).
 */

/** A fetched Feature and where its files are. */
interface Fetched extends FetchedFeature {
  folder: string;
  contentHash?: string;
}

export interface ResolveOptions {
  cache: FeatureCache;
  /** Use only the cache, with no request at all. */
  offline?: boolean;
}

export async function resolveFeatures(
  request: FeatureResolveRequest,
  options: ResolveOptions,
): Promise<ResolvedFeatures> {
  const context: FeatureRefContext = {
    configFile: request.configFile,
    workspaceFolder: request.workspaceFolder,
  };
  const lockFile = lockfilePath(request.configFile);
  const lockText = await readText(lockFile);
  const lockState = readLockfile(lockText, lockFile);
  const lock = lockState.state === 'present' ? lockState.lockfile : undefined;

  const user = collectUserFeatures(request.config, { ...context, locate: request.locate });
  const fetched = new Map<string, Fetched>();
  const keyOf = (ref: FeatureRef): string =>
    `${featureRefKey(ref)} ${lockedPin(lock, ref)?.integrity ?? ''}`;
  let graph = expandFeatureGraph(user.requests, (ref) => fetched.get(keyOf(ref)), context);
  // Each round fetches one level of dependsOn deeper, all of it at once.
  while (!graph.complete) {
    const missing = graph.missing;
    const results = await Promise.all(
      missing.map((ref) => fetchFeature(ref, lock, request, options, user.requests)),
    );
    missing.forEach((ref, index) => fetched.set(keyOf(ref), results[index] as Fetched));
    graph = expandFeatureGraph(user.requests, (ref) => fetched.get(keyOf(ref)), context);
  }
  const order = computeInstallOrder(graph.nodes, {
    overrideFeatureInstallOrder: request.config.overrideFeatureInstallOrder,
    context,
    locate: request.locate,
  });
  const warnings = [...user.warnings, ...graph.warnings, ...order.warnings];
  const installOrder: FeatureToInstall[] = order.order.map((node) => {
    const options = resolveFeatureOptions(
      node.value,
      node.fetched.metadata,
      node.userId,
      node.site,
    );
    warnings.push(...options.warnings);
    const files = node.fetched as Fetched;
    return {
      node,
      options,
      folder: files.folder,
      ...(files.contentHash !== undefined ? { contentHash: files.contentHash } : {}),
    };
  });
  const action = await updateLockfile(request.lockfile, lockFile, lockText, graph.nodes);
  return { installOrder, warnings, lockfile: { file: lockFile, action } };
}

async function fetchFeature(
  ref: FeatureRef,
  lock: Lockfile | undefined,
  request: FeatureResolveRequest,
  options: ResolveOptions,
  requests: readonly FeatureRequest[],
): Promise<Fetched> {
  try {
    if (ref.kind === 'local') {
      return await fetchLocal(ref.path, ref.userId);
    }
    const pin = lockedPin(lock, ref);
    const fetchOptions = { signal: request.signal, offline: options.offline };
    const cached =
      ref.kind === 'oci'
        ? await options.cache.fetchOci(
            {
              registry: ref.registry,
              repository: ref.path,
              reference: pin?.integrity ?? ref.reference,
            },
            fetchOptions,
          )
        : await options.cache.fetchTarball(ref.url, { ...fetchOptions, integrity: pin?.integrity });
    const text = (await readText(cached.metadataFile)) ?? cached.metadataText;
    if (text === undefined) {
      throw new ConfigError(
        `The Feature ${JSON.stringify(ref.userId)} has no ${FEATURE_METADATA_FILE} (fetched as ${cached.resolved}): it is not a Dev Container Feature.`,
      );
    }
    const parsed = parseFeatureMetadata(text, cached.metadataFile, ref.userId);
    return {
      metadata: parsed.metadata,
      digest: cached.digest,
      file: parsed.file,
      locate: parsed.locate,
      warnings: parsed.warnings,
      folder: cached.folder,
    };
  } catch (error) {
    throw atReference(error, ref, request, requests);
  }
}

async function fetchLocal(folder: string, userId: string): Promise<Fetched> {
  const file = path.join(folder, FEATURE_METADATA_FILE);
  const text = await readText(file);
  if (text === undefined) {
    throw new ConfigError(
      `The local Feature ${JSON.stringify(userId)} has no ${FEATURE_METADATA_FILE}: Slipway looked for ${file}.`,
    );
  }
  const parsed = parseFeatureMetadata(text, file, userId);
  return {
    metadata: parsed.metadata,
    file: parsed.file,
    locate: parsed.locate,
    warnings: parsed.warnings,
    folder,
    contentHash: await hashFeatureFolder(folder),
  };
}

/**
 * A fetch error without a place points at the Feature in devcontainer.json
 * (a Feature that `dependsOn` added points at the config file), so the
 * editor can show it there.
 */
function atReference(
  error: unknown,
  ref: FeatureRef,
  request: FeatureResolveRequest,
  requests: readonly FeatureRequest[],
): unknown {
  if (!isConfigError(error) || error.file !== undefined) {
    return error;
  }
  const written = requests.find((candidate) => candidate.userId === ref.userId);
  return written !== undefined
    ? errorAt(written.site, error.message)
    : new ConfigError(error.message, request.configFile);
}

async function updateLockfile(
  mode: FeatureResolveRequest['lockfile'],
  file: string,
  existing: string | undefined,
  nodes: readonly FeatureNode[],
): Promise<ResolvedFeatures['lockfile']['action']> {
  if (mode === 'read') {
    return 'not written';
  }
  const generated = buildLockfile(nodes);
  if (mode === 'frozen') {
    checkFrozenLockfile(existing, generated, file);
    return 'unchanged';
  }
  // The reference writes the lockfile only when asked to, or when one
  // exists (an empty file is its way of asking).
  if (existing === undefined && mode !== 'write') {
    return 'not written';
  }
  const update = lockfileUpdate(existing, generated);
  if (update === 'unchanged') {
    return 'unchanged';
  }
  // Whole or not at all: a Ctrl-C or a full disk mid-write must not leave a
  // half lockfile that every later run refuses. 0644: it is committed.
  await writeFileAtomic(file, renderLockfile(generated), 0o644);
  return update === 'create' ? 'created' : 'updated';
}

/** The lockfile and Features' metadata come from the repository (or an archive): read guarded. */
function readText(file: string): Promise<string | undefined> {
  return readWorkspaceText(file);
}
