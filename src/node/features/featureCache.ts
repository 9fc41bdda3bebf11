import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  FeatureFetchError,
  FEATURE_METADATA_ANNOTATION,
  isFeatureFetchError,
  isSha256Digest,
  parseFeatureManifest,
} from '../../core/features/oci';
import { writeFileAtomic } from '../atomicFile';
import { slipwayStateDir } from '../stateDir';
import { extractFeatureArchive } from './extractTar';
import { OciClient, type OciTarget, type ResolvedManifest } from './ociClient';
import { downloadTarball } from './tarballDownload';

/**
 * Fetched Features, unpacked, under Slipway's state folder, so that a
 * Feature is downloaded once and a workspace builds offline afterwards:
 *
 *   features/oci/sha256-<manifest hex>/manifest.json  the manifest's exact bytes
 *   features/oci/sha256-<manifest hex>/feature/       the unpacked layer
 *   features/tarball/sha256-<file hex>/feature/       an unpacked HTTPS tarball
 *   features/refs/<tag or URL>.json                   what a tag or URL last resolved to
 *
 * Content is keyed by digest (immutable), so a digest from
 * devcontainer-lock.json needs no request at all. A tag or URL is asked
 * again each time (tags move), and when the registry cannot be reached the
 * last resolution is used, marked `stale`. Each entry is built in a staging
 * folder and renamed into place, so an entry that exists is complete, and
 * two Slipways fetching the same Feature at once both end up with it.
 */

export interface FeatureCacheOptions {
  /** Default: `<Slipway state dir>/features`. */
  root?: string;
  /** Where SLIPWAY_STATE_DIR, DOCKER_CONFIG and HOME are read. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Default: one made from the options below. */
  client?: OciClient;
  /** Per request. Default: 30 s. */
  requestTimeoutMs?: number;
  log?: (line: string) => void;
  /** For tests. */
  fetchImpl?: typeof fetch;
}

export interface FetchFeatureOptions {
  signal?: AbortSignal;
  /** Use only the cache: no request at all. */
  offline?: boolean;
}

export interface CachedFeature {
  /** The Feature's files. Shared by every workspace: copy them, never change them. */
  folder: string;
  /** Its devcontainer-feature.json. */
  metadataFile: string;
  /** OCI: the manifest digest; tarball: `sha256:` of the file. The lockfile's `integrity`. */
  digest: string;
  /** OCI: `registry/repository@digest`; tarball: the URL. The lockfile's `resolved`. */
  resolved: string;
  /** OCI: the tag it was resolved by, when fetched by tag. */
  tag?: string;
  /** OCI: the manifest's `dev.containers.metadata` annotation, when it has one. */
  metadataText?: string;
  /**
   * `registry`: resolved just now (the files may still come from the cache);
   * `cache`: no request made (a digest or integrity was given, or offline);
   * `stale`: the registry or server could not be reached, and the tag's or
   * URL's last resolution was used.
   */
  source: 'registry' | 'cache' | 'stale';
}

interface RefRecord {
  digest: string;
  tag?: string;
  at: string;
}

const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export class FeatureCache {
  readonly root: string;
  private readonly client: OciClient;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly inFlight = new Map<string, Promise<CachedFeature>>();
  private swept = false;

  constructor(options: FeatureCacheOptions = {}) {
    const env = options.env ?? process.env;
    this.root = options.root ?? path.join(slipwayStateDir(env), 'features');
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
    this.fetchImpl = options.fetchImpl;
    this.client =
      options.client ??
      new OciClient({
        env,
        requestTimeoutMs: this.timeoutMs,
        log: this.log,
        fetchImpl: options.fetchImpl,
      });
  }

  /** An OCI Feature by tag or digest, unpacked. */
  fetchOci(target: OciTarget, options: FetchFeatureOptions = {}): Promise<CachedFeature> {
    const separator = isSha256Digest(target.reference) ? '@' : ':';
    const key = `${target.registry}/${target.repository}${separator}${target.reference}`;
    return this.once(`oci ${key} ${options.offline === true}`, () =>
      this.fetchOciNow(target, key, options),
    );
  }

  /**
   * A Feature from an HTTPS tarball URL, unpacked. With `integrity` (from
   * devcontainer-lock.json) a cached copy is used without a request, and a
   * download must match it.
   */
  fetchTarball(
    url: string,
    options: FetchFeatureOptions & { integrity?: string } = {},
  ): Promise<CachedFeature> {
    return this.once(`tarball ${url} ${options.integrity} ${options.offline === true}`, () =>
      this.fetchTarballNow(url, options),
    );
  }

  private async once(key: string, work: () => Promise<CachedFeature>): Promise<CachedFeature> {
    const running = this.inFlight.get(key);
    if (running !== undefined) {
      return running;
    }
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private async fetchOciNow(
    target: OciTarget,
    key: string,
    options: FetchFeatureOptions,
  ): Promise<CachedFeature> {
    const byDigest = isSha256Digest(target.reference);
    if (byDigest) {
      const cached = await this.cachedOci(target, target.reference, 'cache');
      if (cached !== undefined) {
        return cached;
      }
    }
    if (options.offline) {
      const cached = byDigest ? undefined : await this.fromRef(key, target);
      if (cached !== undefined) {
        return { ...cached, source: 'cache' };
      }
      throw notCached(`the Feature ${key}`);
    }
    let resolved: ResolvedManifest;
    try {
      resolved = await this.client.resolveManifest(target, options.signal);
    } catch (error) {
      const stale = isUnreachable(error) && !byDigest ? await this.fromRef(key, target) : undefined;
      if (stale === undefined) {
        throw isUnreachable(error) ? withNotCachedNote(error) : error;
      }
      this.log(`features: ${(error as Error).message} Using the cached ${stale.resolved}.`);
      return stale;
    }
    const cached =
      (await this.cachedOci(target, resolved.digest, 'registry', resolved.tag)) ??
      (await this.storeOci(resolved, options.signal));
    if (!byDigest) {
      await this.writeRef(key, { digest: resolved.digest, tag: resolved.tag, at: now() });
    }
    return cached;
  }

  private async fetchTarballNow(
    url: string,
    options: FetchFeatureOptions & { integrity?: string },
  ): Promise<CachedFeature> {
    const key = `url ${url}`;
    if (options.integrity !== undefined) {
      const cached = await this.cachedTarball(url, options.integrity, 'cache');
      if (cached !== undefined) {
        return cached;
      }
    }
    if (options.offline) {
      const cached =
        options.integrity === undefined ? await this.tarballFromRef(key, url) : undefined;
      if (cached !== undefined) {
        return { ...cached, source: 'cache' };
      }
      throw notCached(`the Feature ${url}`);
    }
    let downloaded;
    try {
      downloaded = await downloadTarball(url, {
        timeoutMs: this.timeoutMs,
        signal: options.signal,
        fetchImpl: this.fetchImpl,
      });
    } catch (error) {
      const stale =
        isUnreachable(error) && options.integrity === undefined
          ? await this.tarballFromRef(key, url)
          : undefined;
      if (stale === undefined) {
        throw isUnreachable(error) ? withNotCachedNote(error) : error;
      }
      this.log(`features: ${(error as Error).message} Using the cached copy of ${url}.`);
      return stale;
    }
    if (options.integrity !== undefined && downloaded.digest !== options.integrity) {
      throw new FeatureFetchError(
        'digest-mismatch',
        `The Feature ${url} no longer matches devcontainer-lock.json: its file now hashes to ${downloaded.digest}, the lockfile says ${options.integrity}. If the change is expected, delete the Feature's entry from the lockfile to accept the new file.`,
      );
    }
    const entry = this.tarballEntry(downloaded.digest);
    if (!(await exists(entry))) {
      await this.install(entry, options.signal, async (staging) => {
        await extractFeatureArchive(
          downloaded.bytes,
          path.join(staging, 'feature'),
          `the Feature ${url}`,
          options.signal,
        );
      });
    }
    await this.writeRef(key, { digest: downloaded.digest, at: now() });
    return tarballResult(entry, url, downloaded.digest, 'registry');
  }

  /** The entry of a manifest digest, if it is cached. */
  private async cachedOci(
    target: Pick<OciTarget, 'registry' | 'repository'>,
    digest: string,
    source: CachedFeature['source'],
    tag?: string,
  ): Promise<CachedFeature | undefined> {
    const entry = this.ociEntry(digest);
    let text: string;
    try {
      text = await fs.readFile(path.join(entry, 'manifest.json'), 'utf8');
    } catch {
      return undefined;
    }
    const manifest = parseFeatureManifest(
      text,
      `${target.registry}/${target.repository}@${digest}`,
    );
    const folder = path.join(entry, 'feature');
    const result: CachedFeature = {
      folder,
      metadataFile: path.join(folder, 'devcontainer-feature.json'),
      digest,
      resolved: `${target.registry}/${target.repository}@${digest}`,
      source,
    };
    const metadataText = manifest.annotations[FEATURE_METADATA_ANNOTATION];
    if (metadataText !== undefined) {
      result.metadataText = metadataText;
    }
    if (tag !== undefined) {
      result.tag = tag;
    }
    return result;
  }

  private async storeOci(resolved: ResolvedManifest, signal?: AbortSignal): Promise<CachedFeature> {
    const layer = await this.client.downloadLayer(resolved, resolved.manifest.layer, signal);
    const entry = this.ociEntry(resolved.digest);
    await this.install(entry, signal, async (staging) => {
      await extractFeatureArchive(
        layer,
        path.join(staging, 'feature'),
        `the Feature ${resolved.canonicalId}`,
        signal,
      );
      await fs.writeFile(path.join(staging, 'manifest.json'), resolved.bytes);
    });
    const stored = await this.cachedOci(resolved, resolved.digest, 'registry', resolved.tag);
    if (stored === undefined) {
      throw new Error(`The cache entry ${entry} vanished right after it was written.`);
    }
    return stored;
  }

  private async fromRef(key: string, target: OciTarget): Promise<CachedFeature | undefined> {
    const ref = await this.readRef(key);
    return ref === undefined ? undefined : this.cachedOci(target, ref.digest, 'stale', ref.tag);
  }

  private async tarballFromRef(key: string, url: string): Promise<CachedFeature | undefined> {
    const ref = await this.readRef(key);
    return ref === undefined ? undefined : this.cachedTarball(url, ref.digest, 'stale');
  }

  private async cachedTarball(
    url: string,
    digest: string,
    source: CachedFeature['source'],
  ): Promise<CachedFeature | undefined> {
    if (!isSha256Digest(digest)) {
      return undefined;
    }
    const entry = this.tarballEntry(digest);
    return (await exists(entry)) ? tarballResult(entry, url, digest, source) : undefined;
  }

  /**
   * Builds an entry in a staging folder next to it and renames it into
   * place. If another process got there first, its entry is kept (same
   * digest, same content) and ours dropped.
   */
  private async install(
    entry: string,
    signal: AbortSignal | undefined,
    build: (staging: string) => Promise<void>,
  ): Promise<void> {
    const stagingRoot = path.join(this.root, '.staging');
    await fs.mkdir(stagingRoot, { recursive: true });
    await this.sweepStaging(stagingRoot);
    const staging = await fs.mkdtemp(path.join(stagingRoot, 'entry-'));
    try {
      await build(staging);
      signal?.throwIfAborted();
      await fs.mkdir(path.dirname(entry), { recursive: true });
      try {
        await fs.rename(staging, entry);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!(code === 'ENOTEMPTY' || code === 'EEXIST') || !(await exists(entry))) {
          throw error;
        }
      }
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }

  /** Staging folders left by a Slipway that was killed mid-fetch. */
  private async sweepStaging(stagingRoot: string): Promise<void> {
    if (this.swept) {
      return;
    }
    this.swept = true;
    const names = await fs.readdir(stagingRoot).catch(() => [] as string[]);
    for (const name of names) {
      const folder = path.join(stagingRoot, name);
      const stat = await fs.stat(folder).catch(() => undefined);
      if (stat !== undefined && Date.now() - stat.mtimeMs > STAGING_MAX_AGE_MS) {
        await fs.rm(folder, { recursive: true, force: true });
      }
    }
  }

  private ociEntry(digest: string): string {
    return path.join(this.root, 'oci', digest.replace(':', '-'));
  }

  private tarballEntry(digest: string): string {
    return path.join(this.root, 'tarball', digest.replace(':', '-'));
  }

  private refFile(key: string): string {
    return path.join(this.root, 'refs', `${encodeURIComponent(key)}.json`);
  }

  private async readRef(key: string): Promise<RefRecord | undefined> {
    try {
      const record = JSON.parse(await fs.readFile(this.refFile(key), 'utf8')) as Partial<RefRecord>;
      if (typeof record.digest !== 'string' || !isSha256Digest(record.digest)) {
        return undefined;
      }
      return {
        digest: record.digest,
        at: String(record.at),
        ...(typeof record.tag === 'string' ? { tag: record.tag } : {}),
      };
    } catch {
      return undefined;
    }
  }

  private async writeRef(key: string, record: RefRecord): Promise<void> {
    const file = this.refFile(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(record)}\n`, 0o644);
  }
}

function tarballResult(
  entry: string,
  url: string,
  digest: string,
  source: CachedFeature['source'],
): CachedFeature {
  const folder = path.join(entry, 'feature');
  return {
    folder,
    metadataFile: path.join(folder, 'devcontainer-feature.json'),
    digest,
    resolved: url,
    source,
  };
}

function isUnreachable(error: unknown): error is FeatureFetchError {
  return (
    isFeatureFetchError(error) && (error.problem === 'unreachable' || error.problem === 'timeout')
  );
}

function withNotCachedNote(error: FeatureFetchError): FeatureFetchError {
  return new FeatureFetchError(
    error.problem,
    `${error.message} The Feature is not in Slipway's cache yet, so it cannot be used offline.`,
  );
}

function notCached(what: string): FeatureFetchError {
  return new FeatureFetchError(
    'unreachable',
    `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} is not in Slipway's cache, and Slipway was asked not to use the network. Connect to the network and try again, so it can be fetched once.`,
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function now(): string {
  return new Date().toISOString();
}
