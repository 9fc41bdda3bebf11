import { createHash } from 'node:crypto';
import {
  blobUrl,
  FeatureFetchError,
  FEATURE_METADATA_ANNOTATION,
  isAllowedUrl,
  isSha256Digest,
  manifestUrl,
  nextPageUrl,
  OCI_MANIFEST_MEDIA_TYPE,
  parseFeatureManifest,
  parseTagList,
  parseTokenResponse,
  parseWwwAuthenticate,
  pickTag,
  publishedVersions,
  registryErrorCodes,
  registryOrigin,
  tagsListUrl,
  tokenRequestUrl,
  type DockerCredentialLookup,
  type FeatureManifest,
  type OciDescriptor,
} from '../../core/features/oci';
import { readDockerCredential } from './dockerCredentials';
import { httpGet, type HttpAnswer } from './httpGet';

/**
 * Fetches Features from OCI registries over the distribution API, the way
 * the reference CLI does (containerCollectionsOCI.ts, httpOCIRegistry.ts):
 * manifests by tag or digest, tag lists, and the layer blob, each checked
 * against its sha256. A 401 is answered by the registry's challenge: a
 * bearer token from its token server (anonymous, or with the user's Docker
 * credentials), or Basic credentials; the header that worked is kept for
 * the next requests to that registry.
 */

export interface OciClientOptions {
  /** Where DOCKER_CONFIG and HOME are read. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Per request, including its body. Default: 30 s. */
  requestTimeoutMs?: number;
  /** Notes for the log (credentials used or skipped, versions resolved). */
  log?: (line: string) => void;
  /** For tests. */
  fetchImpl?: typeof fetch;
}

/** A Feature in a registry: `127.0.0.1:5000` + `slipway-test/hello` + `1` (or `sha256:...`). */
export interface OciTarget {
  registry: string;
  repository: string;
  /** A tag, or a `sha256:` digest. */
  reference: string;
}

export interface ResolvedManifest {
  registry: string;
  repository: string;
  /** The tag the manifest was fetched by (after version resolution); none when by digest. */
  tag?: string;
  /** `sha256:` of the manifest's exact bytes: the Feature's identity and its lockfile integrity. */
  digest: string;
  /** `registry/repository@digest`, the lockfile's `resolved`. */
  canonicalId: string;
  /** The manifest as the registry sent it. */
  bytes: Buffer;
  manifest: FeatureManifest;
  /** The `dev.containers.metadata` annotation: devcontainer-feature.json's text, if published with it. */
  metadataText?: string;
}

const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
const SMALL_MAX_BYTES = 4 * 1024 * 1024;
/** Far above any Feature (a few KB to a few MB), low enough not to fill memory. */
const BLOB_MAX_BYTES = 256 * 1024 * 1024;
const MAX_TAG_PAGES = 50;
const USER_AGENT = 'slipway (devcontainer features)';

/** A 404 is an answer here: the caller decides between unknown tag and unknown Feature. */
type Outcome<T> = { found: true; value: T } | { found: false };

export class OciClient {
  private readonly env: Record<string, string | undefined>;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly fetchImpl: typeof fetch | undefined;
  /** The Authorization header that last worked, per registry. */
  private readonly authorization = new Map<string, string>();
  private readonly credentials = new Map<string, Promise<DockerCredentialLookup>>();

  constructor(options: OciClientOptions = {}) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
    this.fetchImpl = options.fetchImpl;
  }

  /**
   * The manifest a reference names. A digest is fetched as it is. A tag is
   * fetched as it is when the registry has it; otherwise a partial version
   * (`1`, `1.2`) resolves to the highest published x.y.z within it.
   */
  async resolveManifest(target: OciTarget, signal?: AbortSignal): Promise<ResolvedManifest> {
    const what = describe(target);
    const direct = await this.fetchManifest(target, target.reference, signal);
    if (direct.found) {
      return direct.value;
    }
    if (isSha256Digest(target.reference)) {
      throw new FeatureFetchError(
        'not-found',
        `The registry ${target.registry} has no manifest ${target.reference} for the Feature ${target.registry}/${target.repository}. If the digest comes from devcontainer-lock.json, the Feature was deleted or re-published: delete its entry from the lockfile to resolve it again.`,
      );
    }
    // The repository may not exist at all: the tag list tells.
    const tags = await this.listTags(target.registry, target.repository, signal);
    const picked = pickTag(tags, target.reference);
    if (picked !== undefined && picked !== target.reference) {
      const resolved = await this.fetchManifest(target, picked, signal);
      if (resolved.found) {
        this.log(`features: ${what} resolved to version ${picked}`);
        return resolved.value;
      }
    }
    const versions = publishedVersions(tags);
    const known =
      versions.length > 0
        ? `Published versions include ${versions.join(', ')}.`
        : tags.length > 0
          ? `Its tags include ${tags.slice(0, 8).join(', ')}.`
          : 'It has no tags at all.';
    throw new FeatureFetchError(
      'tag-unknown',
      `The Feature ${target.registry}/${target.repository} has no version "${target.reference}". ${known} Change the version after the ":" in devcontainer.json.`,
    );
  }

  /** The repository's tags, all pages. An unknown repository is a "not found" error. */
  async listTags(registry: string, repository: string, signal?: AbortSignal): Promise<string[]> {
    const what = `the versions of the Feature ${registry}/${repository}`;
    const tags: string[] = [];
    let url: string | undefined = tagsListUrl(registry, repository);
    for (let page = 0; url !== undefined && page < MAX_TAG_PAGES; page++) {
      const answer = await this.get(registry, repository, url, 'application/json', what, signal);
      if (answer.status === 404) {
        throw notFound(registry, repository);
      }
      expectOk(answer, registry, what);
      let body: unknown;
      try {
        body = JSON.parse(answer.body.toString('utf8'));
      } catch {
        body = undefined;
      }
      const pageTags = parseTagList(body);
      if (pageTags === undefined) {
        throw new FeatureFetchError(
          'bad-response',
          `The registry ${registry} answered the tag list of ${registry}/${repository} with something that is not a tag list. Check the registry's name; try again later.`,
        );
      }
      tags.push(...pageTags);
      url = nextPageUrl(answer.headers.get('link'), answer.url);
    }
    return tags;
  }

  /** The Feature's layer (a tar), checked against its digest. */
  async downloadLayer(
    target: Pick<OciTarget, 'registry' | 'repository'>,
    layer: OciDescriptor,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    const what = `the Feature ${target.registry}/${target.repository} (layer ${layer.digest})`;
    const maxBytes = layer.size > 0 ? Math.min(layer.size, BLOB_MAX_BYTES) : BLOB_MAX_BYTES;
    const url = blobUrl(target.registry, target.repository, layer.digest);
    const answer = await this.get(
      target.registry,
      target.repository,
      url,
      `${layer.mediaType}, */*`,
      what,
      signal,
      maxBytes,
    );
    if (answer.status === 404) {
      throw new FeatureFetchError(
        'not-found',
        `The registry ${target.registry} lists ${what} in the Feature's manifest but does not have it. The published Feature is broken: ask its publisher to publish it again, or pick another version.`,
      );
    }
    expectOk(answer, target.registry, what);
    const actual = sha256(answer.body);
    if (actual !== layer.digest) {
      throw new FeatureFetchError(
        'digest-mismatch',
        `The download of the Feature ${target.registry}/${target.repository} does not match its digest: expected ${layer.digest}, got ${actual}. The registry or something between (a proxy) changed it; nothing was kept. Try again; if it persists, the published Feature is broken.`,
      );
    }
    return answer.body;
  }

  private async fetchManifest(
    target: OciTarget,
    reference: string,
    signal: AbortSignal | undefined,
  ): Promise<Outcome<ResolvedManifest>> {
    const { registry, repository } = target;
    const name = describe({ registry, repository, reference });
    const what = `the Feature ${name}`;
    const url = manifestUrl(registry, repository, reference);
    const answer = await this.get(
      registry,
      repository,
      url,
      OCI_MANIFEST_MEDIA_TYPE,
      what,
      signal,
      MANIFEST_MAX_BYTES,
    );
    if (answer.status === 404) {
      return { found: false };
    }
    expectOk(answer, registry, what);
    // The digest is always computed from the bytes: the header is optional
    // in the spec, and the bytes are what gets used.
    const digest = sha256(answer.body);
    if (isSha256Digest(reference) && digest !== reference) {
      throw new FeatureFetchError(
        'digest-mismatch',
        `The registry ${registry} answered ${what} with a manifest whose digest is ${digest}. The registry or something between (a proxy) changed it; nothing was kept. Try again; if it persists, report it to the registry's operator.`,
      );
    }
    const announced = answer.headers.get('docker-content-digest');
    if (announced !== null && announced !== digest) {
      this.log(
        `features: ${registry} announced ${announced} for ${what}, whose bytes hash to ${digest}`,
      );
    }
    const manifest = parseFeatureManifest(answer.body.toString('utf8'), name);
    const resolved: ResolvedManifest = {
      registry,
      repository,
      digest,
      canonicalId: `${registry}/${repository}@${digest}`,
      bytes: answer.body,
      manifest,
    };
    if (!isSha256Digest(reference)) {
      resolved.tag = reference;
    }
    const metadataText = manifest.annotations[FEATURE_METADATA_ANNOTATION];
    if (metadataText !== undefined) {
      resolved.metadataText = metadataText;
    }
    return { found: true, value: resolved };
  }

  /**
   * A GET with the registry's authentication: the header that worked before,
   * else none; on a 401, the challenge is answered once and the request made
   * again. A 401 or 403 after that is the user's to fix, and said so.
   */
  private async get(
    registry: string,
    repository: string,
    url: string,
    accept: string,
    what: string,
    signal: AbortSignal | undefined,
    maxBytes = SMALL_MAX_BYTES,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept, 'user-agent': USER_AGENT };
    const known = this.authorization.get(registry);
    if (known !== undefined) {
      headers['authorization'] = known;
    }
    const request = (extra: Record<string, string> = {}): Promise<HttpAnswer> =>
      httpGet(url, {
        headers: { ...headers, ...extra },
        timeoutMs: this.timeoutMs,
        signal,
        maxBytes,
        what,
        fetchImpl: this.fetchImpl,
      });
    let answer = await request();
    if (answer.status === 403 && known !== undefined) {
      // A token kept from another repository's scope: some registries refuse
      // it outright instead of challenging. Start over without it.
      delete headers['authorization'];
      answer = await request();
    }
    let usedCredentials = false;
    if (answer.status === 401) {
      const { authorization, credentials } = await this.answerChallenge(
        registry,
        repository,
        answer,
        what,
        signal,
      );
      usedCredentials = credentials;
      answer = await request({ authorization });
      if (answer.status !== 401 && answer.status !== 403) {
        this.authorization.set(registry, authorization);
      }
    }
    if (answer.status === 401 || answer.status === 403) {
      throw usedCredentials || answer.status === 403
        ? authDenied(registry, repository, usedCredentials, this.env)
        : authRequired(registry, repository);
    }
    return answer;
  }

  private async answerChallenge(
    registry: string,
    repository: string,
    answer: HttpAnswer,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<{ authorization: string; credentials: boolean }> {
    const header = answer.headers.get('www-authenticate');
    const challenge = header === null ? undefined : parseWwwAuthenticate(header);
    if (challenge === undefined) {
      throw new FeatureFetchError(
        'bad-response',
        `The registry ${registry} asked for credentials for ${what} without saying how to give them (no WWW-Authenticate header). Check the registry's name.`,
      );
    }
    const credential = await this.credentialFor(registry);
    const basic = credential.kind === 'basic' ? credential.basic : undefined;
    if (challenge.scheme === 'basic') {
      if (basic === undefined) {
        throw authRequired(registry, repository);
      }
      return { authorization: `Basic ${basic}`, credentials: true };
    }
    if (challenge.scheme !== 'bearer') {
      throw new FeatureFetchError(
        'bad-response',
        `The registry ${registry} asks for "${challenge.scheme}" authentication, which Slipway does not support (only Bearer tokens and Basic).`,
      );
    }
    const tokenUrl = tokenRequestUrl(challenge, repository);
    if (tokenUrl === undefined) {
      throw new FeatureFetchError(
        'bad-response',
        `The registry ${registry} asked for a token for ${what} without a valid token server (realm) in its WWW-Authenticate header.`,
      );
    }
    // A remote registry's challenge may not point at plain HTTP, not even on loopback.
    if (!isAllowedUrl(tokenUrl, new URL(registryOrigin(registry)))) {
      throw new FeatureFetchError(
        'insecure',
        `The registry ${registry} sends Slipway to ${tokenUrl.origin} for a token over plain HTTP. Only a registry on this machine may send Slipway to plain HTTP, and only to this machine; use the registry over HTTPS.`,
      );
    }
    const token = await this.fetchToken(tokenUrl, registry, repository, basic, what, signal);
    return { authorization: `Bearer ${token.token}`, credentials: token.credentials };
  }

  /**
   * The distribution token flow: GET the realm with service and scope, with
   * the user's credentials as Basic when there are some. Credentials the
   * token server refuses (expired, for another account) are dropped and the
   * token asked for anonymously, as the reference does: public Features
   * still work, and a private one fails with the refusal.
   */
  private async fetchToken(
    tokenUrl: URL,
    registry: string,
    repository: string,
    basic: string | undefined,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<{ token: string; credentials: boolean }> {
    const ask = (withBasic: boolean): Promise<HttpAnswer> =>
      httpGet(tokenUrl.toString(), {
        headers: {
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(withBasic && basic !== undefined ? { authorization: `Basic ${basic}` } : {}),
        },
        timeoutMs: this.timeoutMs,
        signal,
        maxBytes: SMALL_MAX_BYTES,
        what: `a token for ${what}`,
        fetchImpl: this.fetchImpl,
      });
    let credentials = basic !== undefined;
    let answer = await ask(credentials);
    if (credentials && (answer.status === 401 || answer.status === 403)) {
      this.log(
        `features: ${tokenUrl.host} refused the credentials for ${registry} (HTTP ${answer.status}); asking for an anonymous token`,
      );
      credentials = false;
      answer = await ask(false);
    }
    if (answer.status === 401 || answer.status === 403) {
      throw basic !== undefined
        ? authDenied(registry, repository, true, this.env)
        : authRequired(registry, repository);
    }
    expectOk(answer, tokenUrl.host, `a token for ${what}`);
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    const token = parseTokenResponse(body);
    if (token === undefined) {
      throw new FeatureFetchError(
        'bad-response',
        `The token server ${tokenUrl.host} of the registry ${registry} answered without a token. Try again later.`,
      );
    }
    return { token, credentials };
  }

  private credentialFor(registry: string): Promise<DockerCredentialLookup> {
    let found = this.credentials.get(registry);
    if (found === undefined) {
      found = readDockerCredential(registry, this.env, this.log);
      this.credentials.set(registry, found);
    }
    return found;
  }
}

function describe(target: OciTarget): string {
  const separator = isSha256Digest(target.reference) ? '@' : ':';
  return `${target.registry}/${target.repository}${separator}${target.reference}`;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function expectOk(answer: HttpAnswer, host: string, what: string): void {
  if (answer.status >= 200 && answer.status < 300) {
    return;
  }
  const codes = registryErrorCodes(answer.body.toString('utf8'));
  const detail = codes.length > 0 ? ` (${codes.join(', ')})` : '';
  const retry =
    answer.status === 429 || answer.status >= 500
      ? 'The registry is busy or failing: try again in a while.'
      : "Check the Feature's reference.";
  throw new FeatureFetchError(
    'bad-response',
    `${host} answered HTTP ${answer.status}${detail} when asked for ${what}. ${retry}`,
  );
}

function notFound(registry: string, repository: string): FeatureFetchError {
  return new FeatureFetchError(
    'not-found',
    `The Feature ${registry}/${repository} does not exist: the registry ${registry} has no repository "${repository}". Check the Feature's name in devcontainer.json (https://containers.dev/features lists published Features).`,
  );
}

function authRequired(registry: string, repository: string): FeatureFetchError {
  return new FeatureFetchError(
    'auth-required',
    `The registry ${registry} wants credentials for the Feature ${registry}/${repository}: it is private, or does not exist. Check its name; if it is private, add credentials for ${registry} to the "auths" of your Docker config.json (docker login writes them there when no credential helper is set up).`,
  );
}

function authDenied(
  registry: string,
  repository: string,
  withCredentials: boolean,
  env: Record<string, string | undefined>,
): FeatureFetchError {
  const where = env.DOCKER_CONFIG ? '$DOCKER_CONFIG/config.json' : '~/.docker/config.json';
  const feature = `the Feature ${registry}/${repository}`;
  return new FeatureFetchError(
    'auth-denied',
    withCredentials
      ? `The registry ${registry} refused the credentials from ${where} for ${feature}: they are wrong, expired, or lack access to it. Log in again (docker login ${registry}), or ask for access.`
      : `The registry ${registry} refused access to ${feature}: it is private, or does not exist. Check the Feature's name; if it is private, add credentials for ${registry} to the "auths" of ${where}.`,
  );
}
