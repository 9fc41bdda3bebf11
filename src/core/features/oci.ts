import * as semver from 'semver';
import { ConfigError, isConfigError } from '../errors';
import {
  asArray,
  asCount,
  asNonEmptyString,
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringRecord,
  parseJson,
} from '../json/read';

/**
 * The pure half of fetching Features over the OCI distribution API: URLs,
 * the `WWW-Authenticate` challenge, manifests, tag lists, Docker's
 * config.json and the errors. The requests themselves are made in
 * src/node/features/ociClient.ts.
 *
 * What a Feature is in a registry (the spec's features-distribution, as the
 * reference CLI publishes it): an OCI image manifest whose config has the
 * media type `application/vnd.devcontainers` (an empty blob), whose first
 * layer is the Feature's folder as a tar (`application/vnd.devcontainers.layer.v1+tar`),
 * and whose annotation `dev.containers.metadata` holds its
 * devcontainer-feature.json, so dependencies can be read without the layer.
 */

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const FEATURE_CONFIG_MEDIA_TYPE = 'application/vnd.devcontainers';
export const FEATURE_METADATA_ANNOTATION = 'dev.containers.metadata';

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isSha256Digest(text: string): boolean {
  return SHA256_DIGEST.test(text);
}

// --- Errors ---------------------------------------------------------------

export type FeatureFetchProblem =
  /** No connection: offline, DNS, refused, TLS. */
  | 'unreachable'
  | 'timeout'
  /** The registry has no such repository (or URL), or not this digest. */
  | 'not-found'
  | 'tag-unknown'
  /** The registry wants credentials and none were found. */
  | 'auth-required'
  /** Credentials (or an anonymous token) were refused. */
  | 'auth-denied'
  | 'digest-mismatch'
  /** The registry answered something that is not a Feature. */
  | 'bad-response'
  /** Plain HTTP to a host that is not this machine. */
  | 'insecure';

/**
 * A Feature could not be fetched, for a reason the user can act on. It is a
 * ConfigError (the Feature is named in devcontainer.json), so the editor and
 * the command line show it as such; `problem` says which case it is.
 */
export class FeatureFetchError extends ConfigError {
  readonly featureFetch = true;
  constructor(
    readonly problem: FeatureFetchProblem,
    message: string,
  ) {
    super(message);
  }
}

export function isFeatureFetchError(error: unknown): error is FeatureFetchError {
  return (
    isConfigError(error) &&
    (error as Partial<FeatureFetchError>).featureFetch === true &&
    typeof (error as Partial<FeatureFetchError>).problem === 'string'
  );
}

// --- URLs -----------------------------------------------------------------

/**
 * Whether a host name is this machine. Only these may be spoken to over
 * plain HTTP (as the reference does for `localhost`): a test registry, or
 * one a developer runs locally. Everything else is HTTPS.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') {
    return true;
  }
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets[1] === '127' && octets.slice(1).every((o) => Number(o) <= 255);
}

/** `https://ghcr.io`, or `http://127.0.0.1:5000` for a registry on this machine. */
export function registryOrigin(registry: string): string {
  const url = new URL(`https://${registry}`);
  return `${isLoopbackHost(url.hostname) ? 'http' : 'https'}://${url.host}`;
}

/**
 * Whether a URL may be fetched: HTTPS, or HTTP to this machine when the
 * request began at this machine (`start`: the reference's own URL, before
 * redirects or token realms). A remote registry must not be able to send
 * Slipway to a plain-HTTP service on the user's loopback.
 */
export function isAllowedUrl(url: URL, start: URL = url): boolean {
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && isLoopbackHost(url.hostname) && isLoopbackHost(start.hostname))
  );
}

export function manifestUrl(registry: string, repository: string, reference: string): string {
  return `${registryOrigin(registry)}/v2/${repository}/manifests/${reference}`;
}

export function blobUrl(registry: string, repository: string, digest: string): string {
  return `${registryOrigin(registry)}/v2/${repository}/blobs/${digest}`;
}

export function tagsListUrl(registry: string, repository: string): string {
  return `${registryOrigin(registry)}/v2/${repository}/tags/list`;
}

/**
 * The next page of a tag list, from a `Link: </v2/...?last=x&n=y>; rel="next"`
 * header (the distribution spec's pagination), resolved against the page's URL.
 */
export function nextPageUrl(link: string | null, current: string): string | undefined {
  const match = link === null ? null : /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link);
  return match?.[1] === undefined ? undefined : new URL(match[1], current).toString();
}

// --- Authentication -------------------------------------------------------

export interface AuthChallenge {
  /** `bearer` or `basic`, lower-cased. */
  scheme: string;
  /** `realm`, `service`, `scope`, ... with their values unquoted. */
  params: Record<string, string>;
}

/**
 * `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"`.
 * Values may be quoted (with backslash escapes) or bare tokens; a scope
 * contains commas and colons, so this is a small tokenizer, not a split.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge | undefined {
  const schemeMatch = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s*/.exec(header);
  if (schemeMatch?.[1] === undefined) {
    return undefined;
  }
  const params: Record<string, string> = {};
  const param = /([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  param.lastIndex = schemeMatch[0].length;
  for (let match = param.exec(header); match !== null; match = param.exec(header)) {
    const name = match[1]?.toLowerCase();
    if (name !== undefined) {
      params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    }
    if (param.lastIndex >= header.length) {
      break;
    }
  }
  return { scheme: schemeMatch[1].toLowerCase(), params };
}

/** The pull scope the distribution token spec defines, for challenges that name none. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/**
 * The token request of the distribution token spec:
 * `<realm>?service=<service>&scope=<scope>`, keeping any query the realm has.
 */
export function tokenRequestUrl(challenge: AuthChallenge, repository: string): URL | undefined {
  const realm = challenge.params['realm'];
  if (realm === undefined || realm === '') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return undefined;
  }
  const service = challenge.params['service'];
  if (service !== undefined && service !== '') {
    url.searchParams.set('service', service);
  }
  url.searchParams.set('scope', challenge.params['scope'] || pullScope(repository));
  return url;
}

/** The token of a token-server answer: `token` (ghcr.io, Docker Hub) or `access_token` (OAuth2, ACR). */
export function parseTokenResponse(body: unknown): string | undefined {
  const record = asRecord(body);
  return asNonEmptyString(record?.token) ?? asNonEmptyString(record?.access_token);
}

// --- Docker's config.json -------------------------------------------------

export type DockerCredentialLookup =
  /** `auths[registry].auth`: base64 of `user:password`, sent as Basic. */
  | { kind: 'basic'; basic: string; key: string }
  /**
   * A credential helper or store names this registry. Slipway does not run
   * helpers (they are programs from the user's PATH with their own prompts),
   * so the caller notes it and goes on anonymously.
   */
  | { kind: 'helper'; helper: string }
  | { kind: 'none' };

/** `ghcr.io`, `https://ghcr.io`, `https://ghcr.io/v1/` all name ghcr.io. */
function authKeyHost(key: string): string {
  return key
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');
}

const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/**
 * The credentials Docker's config.json holds for a registry. The order is
 * Docker's own: a per-registry `credHelpers` entry wins over the file's
 * `auths`, and a global `credsStore` means `auths` holds no secrets.
 */
export function dockerCredentialFor(config: unknown, registry: string): DockerCredentialLookup {
  const record = asRecord(config);
  if (record === undefined) {
    return { kind: 'none' };
  }
  const wanted = registry.toLowerCase();
  const sameRegistry = (key: string): boolean => {
    const host = authKeyHost(key);
    return host === wanted || (DOCKER_HUB.includes(host) && DOCKER_HUB.includes(wanted));
  };
  for (const [key, value] of Object.entries(asRecord(record.credHelpers) ?? {})) {
    const helper = asNonEmptyString(value);
    if (sameRegistry(key) && helper !== undefined) {
      return { kind: 'helper', helper };
    }
  }
  for (const [key, value] of Object.entries(asRecord(record.auths) ?? {})) {
    const entry = asRecord(value);
    if (!sameRegistry(key) || entry === undefined) {
      continue;
    }
    const auth = asNonEmptyString(entry.auth);
    if (auth !== undefined) {
      return { kind: 'basic', basic: auth, key };
    }
    const username = asString(entry.username);
    const password = asString(entry.password);
    if (username !== undefined && password !== undefined) {
      return { kind: 'basic', basic: toBase64(`${username}:${password}`), key };
    }
  }
  const store = asNonEmptyString(record.credsStore);
  return store === undefined ? { kind: 'none' } : { kind: 'helper', helper: store };
}

function toBase64(text: string): string {
  // btoa only takes Latin-1; encode to UTF-8 bytes first.
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

// --- Manifests and tags ---------------------------------------------------

export interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface FeatureManifest {
  schemaVersion: number;
  mediaType?: string;
  config: OciDescriptor;
  /** The Feature's tar layer (the first layer, as the reference takes it). */
  layer: OciDescriptor;
  annotations: Record<string, string>;
}

function parseDescriptor(value: unknown): OciDescriptor | undefined {
  const record = asRecord(value);
  const mediaType = asString(record?.mediaType);
  const digest = asString(record?.digest);
  const size = asCount(record?.size);
  if (mediaType === undefined || digest === undefined || size === undefined) {
    return undefined;
  }
  const descriptor: OciDescriptor = { mediaType, digest, size };
  if (asRecord(record?.annotations) !== undefined) {
    descriptor.annotations = asStringRecord(record?.annotations);
  }
  return descriptor;
}

/**
 * A manifest's text checked as a Feature's manifest. `what` names the
 * Feature in messages (`ghcr.io/devcontainers/features/node:1`).
 */
export function parseFeatureManifest(text: string, what: string): FeatureManifest {
  const bad = (detail: string): never => {
    throw new FeatureFetchError(
      'bad-response',
      `The registry's manifest for the Feature ${what} ${detail}, so it is not a Dev Container Feature. Check the reference: it must name a Feature published with "devcontainer features publish" (or an equivalent tool).`,
    );
  };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return bad('is not JSON');
  }
  const record = asRecord(parsed.value);
  if (record === undefined) {
    return bad('is not a JSON object');
  }
  const mediaType = asString(record.mediaType);
  if (mediaType === 'application/vnd.oci.image.index.v1+json') {
    return bad('is an image index (a container image for several platforms)');
  }
  const config = parseDescriptor(record.config);
  if (config === undefined) {
    return bad('has no valid "config"');
  }
  if (config.mediaType !== FEATURE_CONFIG_MEDIA_TYPE) {
    return bad(
      `has the config media type ${JSON.stringify(config.mediaType)} instead of ${JSON.stringify(FEATURE_CONFIG_MEDIA_TYPE)}`,
    );
  }
  const layer = parseDescriptor(asArray(record.layers)?.[0]);
  if (layer === undefined) {
    return bad('has no layer');
  }
  if (!isSha256Digest(layer.digest)) {
    return bad(`has a layer digest ${JSON.stringify(layer.digest)} that is not sha256`);
  }
  const manifest: FeatureManifest = {
    schemaVersion: asNumber(record.schemaVersion) ?? 0,
    config,
    layer,
    annotations: asStringRecord(record.annotations),
  };
  if (mediaType !== undefined) {
    manifest.mediaType = mediaType;
  }
  return manifest;
}

/** The tags of a `/tags/list` answer: `{"name": "...", "tags": [...]}` (tags may be null). */
export function parseTagList(body: unknown): string[] | undefined {
  const record = asRecord(body);
  if (record === undefined) {
    return undefined;
  }
  if (record.tags === null || record.tags === undefined) {
    return [];
  }
  return asArray(record.tags) === undefined ? undefined : asStringArray(record.tags);
}

/**
 * The tag to fetch for a requested version, from the tags a repository has.
 * An existing tag is used as it is: publishers tag `1`, `1.2`, `1.2.3` and
 * `latest` (what the reference does, and what keeps lockfiles the same).
 * When the exact tag is missing, a partial version such as `1` or `1.2` is
 * a range: the highest published x.y.z in it (pre-releases only if asked).
 */
export function pickTag(tags: readonly string[], requested: string): string | undefined {
  if (tags.includes(requested)) {
    return requested;
  }
  if (!/^v?\d+(\.\d+){0,2}$/.test(requested) && semver.validRange(requested) === null) {
    return undefined;
  }
  const versions = tags.filter((tag) => semver.valid(tag) !== null && !tag.startsWith('v'));
  return semver.maxSatisfying(versions, requested.replace(/^v/, '')) ?? undefined;
}

/** Versions worth naming when a tag is unknown: the published x.y.z, newest first. */
export function publishedVersions(tags: readonly string[], limit = 8): string[] {
  return tags
    .filter((tag) => semver.valid(tag) !== null && !tag.startsWith('v'))
    .sort(semver.rcompare)
    .slice(0, limit);
}

/**
 * The `code` values of a registry's error answer
 * (`{"errors":[{"code":"MANIFEST_UNKNOWN",...}]}`), for messages and logs.
 */
export function registryErrorCodes(body: string): string[] {
  const parsed = parseJson(body);
  const errors = parsed.ok ? (asArray(asRecord(parsed.value)?.errors) ?? []) : [];
  return errors
    .map((error) => asString(asRecord(error)?.code))
    .filter((code): code is string => code !== undefined);
}
