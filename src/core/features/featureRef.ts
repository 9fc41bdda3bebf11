import * as path from 'node:path';
import { ConfigError } from '../errors';
import { mapLegacyFeatureId } from './legacyIds';
import { errorAt, type ValueSite } from './site';

/**
 * Feature references: the keys of `features` in devcontainer.json (and of a
 * Feature's `dependsOn`, its `installsAfter` entries and the config's
 * `overrideFeatureInstallOrder`), classified the way the reference CLI's
 * `getFeatureIdType`, `processFeatureIdentifier` and `getRef`
 * (containerFeaturesConfiguration.ts, containerCollectionsOCI.ts) do:
 *
 * - `https://...` is a tarball, whose file is `devcontainer-feature-<id>.tgz`;
 * - `./x`, `../x` (and `/x`, rejected) are local folders;
 * - anything else is an OCI reference `registry/namespace/name[:tag|@digest]`.
 *
 * Two legacy forms. Bare ids such as `node` are handled as the reference
 * CLI (0.88) handles them today: mapped to
 * `ghcr.io/devcontainers/features/node:1` when it maps them (legacyIds.ts),
 * rejected otherwise. `owner/repo/feature[@tag]`, which the reference still
 * reaches as a last fallback through GitHub's release API, is rejected on
 * purpose: the spec deprecated it, it serves v1 Feature packages, and every
 * maintained Feature is published to a registry.
 */

export interface OciFeatureRef {
  kind: 'oci';
  /** The id as written, which is also its key in devcontainer-lock.json. */
  userId: string;
  /** `ghcr.io`, or `localhost:5000`. */
  registry: string;
  /** `devcontainers/features`. */
  namespace: string;
  /** The repository in the registry: `devcontainers/features/node`. */
  path: string;
  /** `registry/path`: the Feature without its version, its identity for ordering. */
  resource: string;
  /** The last segment of the path: `node`. */
  id: string;
  /** `1`, `1.2.3`, `latest` (the default); absent for a digest reference. */
  tag?: string;
  /** `sha256:<64 hex>`, for `...@sha256:...` references. */
  digest?: string;
  /** What the manifest is fetched by: the digest, else the tag. */
  reference: string;
  /** The bare legacy id (`node`) this reference was mapped from. */
  legacyId?: string;
}

export interface LocalFeatureRef {
  kind: 'local';
  userId: string;
  /** The folder name, which the reference uses as the Feature's id. */
  id: string;
  /** Absolute path of the Feature's folder. */
  path: string;
}

export interface TarballFeatureRef {
  kind: 'tarball';
  userId: string;
  /** `<id>` of `devcontainer-feature-<id>.tgz`. */
  id: string;
  /** The URL, normalised by the WHATWG URL parser. */
  url: string;
}

export type FeatureRef = OciFeatureRef | LocalFeatureRef | TarballFeatureRef;

export interface FeatureRefContext {
  /** Absolute path of devcontainer.json: local Features are relative to its folder. */
  configFile: string;
  /** Absolute path of the workspace folder, whose `.devcontainer` holds local Features. */
  workspaceFolder: string;
  /**
   * Map legacy bare ids as the reference does (its `--skip-feature-auto-mapping`
   * turns this off). Default: true.
   */
  mapLegacyIds?: boolean;
}

/** The regular expressions of the reference's `getRef`, from the OCI distribution spec. */
const REPOSITORY_PATH = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/**
 * Stricter than the reference (which only checks the tag pattern, and does
 * not stop when it fails): a sha256 digest is 64 hex digits, and anything
 * else would only fail later at the registry with a less useful message.
 */
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/**
 * The reference only contacts hosts that contain a dot or start with
 * `localhost`; this also rejects characters no host name has.
 */
const REGISTRY_HOST = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/;
/** `allowedFeatureIdRegex` of the reference, for tarball names. */
const TARBALL_NAME = /devcontainer-feature-([a-zA-Z0-9_-]+)\.tgz$/;

const EXAMPLE = '"ghcr.io/devcontainers/features/node:1"';

export function parseFeatureRef(
  userId: string,
  context: FeatureRefContext,
  site?: ValueSite,
): FeatureRef {
  const fail = (message: string): never => {
    throw site === undefined
      ? new ConfigError(message, context.configFile)
      : errorAt(site, message);
  };
  const shown = JSON.stringify(userId);

  if (userId.trim() === '') {
    return fail(`A Feature id is empty. Write a Feature reference such as ${EXAMPLE}.`);
  }
  if (userId.includes('\\')) {
    return fail(`The Feature id ${shown} contains a backslash; Feature ids and paths use "/".`);
  }
  if (/^https?:\/\//i.test(userId)) {
    return parseTarball(userId, fail);
  }
  if (userId.startsWith('./') || userId.startsWith('../') || userId.startsWith('/')) {
    return parseLocal(userId, context, fail);
  }
  if (userId.startsWith('.')) {
    return fail(
      `The Feature id ${shown} starts with "." but is not a relative path: a local Feature starts with "./" or "../", as in "./my-feature".`,
    );
  }
  if (!userId.includes('/')) {
    const mapped = context.mapLegacyIds === false ? undefined : mapLegacyFeatureId(userId);
    if (mapped !== undefined) {
      return { ...parseOci(mapped, mapped, fail), userId, legacyId: userId };
    }
    return fail(
      `${shown} is a legacy Feature id, which is no longer supported. Use its replacement from https://containers.dev/features ` +
        `(for example ${EXAMPLE}); for a Feature in a folder next to devcontainer.json, start the id with "./", as in "./${userId}".`,
    );
  }
  return parseOci(userId, userId, fail);
}

function parseTarball(userId: string, fail: (message: string) => never): TarballFeatureRef {
  const shown = JSON.stringify(userId);
  if (!/^https:/i.test(userId)) {
    return fail(
      `The Feature ${shown} is fetched over plain HTTP; Feature tarballs must come over HTTPS: write "https://" instead of "http://".`,
    );
  }
  let url: URL;
  try {
    url = new URL(userId);
  } catch {
    return fail(`The Feature ${shown} is not a valid URL.`);
  }
  const fileName = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const match = TARBALL_NAME.exec(fileName);
  if (match?.[1] === undefined) {
    return fail(
      `The Feature tarball ${shown} must name a file devcontainer-feature-<id>.tgz, where <id> is the Feature's id ` +
        `(letters, digits, "-" and "_"); this URL names ${JSON.stringify(fileName || url.pathname)}.`,
    );
  }
  return { kind: 'tarball', userId, id: match[1], url: url.toString() };
}

function parseLocal(
  userId: string,
  context: FeatureRefContext,
  fail: (message: string) => never,
): LocalFeatureRef {
  const shown = JSON.stringify(userId);
  const allowed = path.posix.join(context.workspaceFolder, '.devcontainer');
  if (path.posix.isAbsolute(userId)) {
    return fail(
      `The local Feature ${shown} is an absolute path, which the spec does not allow. Put the Feature in a sub-folder of ` +
        `${allowed} and reference it relative to devcontainer.json, as in "./my-feature".`,
    );
  }
  const folder = path.posix
    .join(path.posix.dirname(context.configFile), userId)
    .replace(/(.)\/+$/, '$1');
  const relative = path.posix.relative(allowed, folder);
  // The spec's rule (features-distribution, "Locally referenced Features"):
  // the folder must be a sub-folder of the workspace's .devcontainer folder.
  if (relative === '' || relative === '..' || relative.startsWith('../')) {
    return fail(
      `The local Feature ${shown} is the folder ${folder}, which is not inside ${allowed}. Local Features must be ` +
        'in a sub-folder of the .devcontainer folder: move it there and reference it relative to devcontainer.json.',
    );
  }
  return { kind: 'local', userId, id: path.posix.basename(folder), path: folder };
}

function parseOci(
  userId: string,
  written: string,
  fail: (message: string) => never,
): OciFeatureRef {
  const shown = JSON.stringify(written);
  // The spec: "Feature identifiers should be assumed to be case-insensitive
  // and should be normalized to lowercase." The reference lower-cases all of it.
  const input = userId.toLowerCase();
  const registry = input.slice(0, input.indexOf('/'));
  if (!REGISTRY_HOST.test(registry)) {
    if (input.split('/').length === 3 && !registry.includes('.')) {
      return fail(
        `${shown} looks like a Feature from a GitHub release (owner/repo/feature[@tag]), a form the spec deprecated and ` +
          'Slipway does not fetch. Use the Feature\'s registry reference instead (such as "ghcr.io/owner/repo/feature:1"), ' +
          'or the https:// URL of its devcontainer-feature-<id>.tgz.',
      );
    }
    return fail(
      `The Feature ${shown} does not start with a registry host: OCI Features are written registry/namespace/name[:tag], ` +
        `as in ${EXAMPLE}, and the registry is a host name with a dot (or localhost).`,
    );
  }
  const at = input.lastIndexOf('@');
  let resource: string;
  let tag: string | undefined;
  let digest: string | undefined;
  if (at >= 0) {
    resource = input.slice(0, at);
    digest = input.slice(at + 1);
    if (!DIGEST.test(digest)) {
      return fail(
        `The Feature ${shown} has the digest ${JSON.stringify(digest)}; a digest is "sha256:" followed by 64 hexadecimal digits.`,
      );
    }
    if (resource.lastIndexOf(':') > resource.lastIndexOf('/')) {
      return fail(
        `The Feature ${shown} has both a tag and a digest; keep one: "name:tag" or "name@sha256:...".`,
      );
    }
  } else {
    const colon = input.lastIndexOf(':');
    // A colon before the last slash is a registry port (localhost:5000/...).
    if (colon > input.lastIndexOf('/')) {
      resource = input.slice(0, colon);
      tag = input.slice(colon + 1);
    } else {
      resource = input;
      tag = 'latest';
    }
    if (!TAG.test(tag)) {
      return fail(
        `The Feature ${shown} has the tag ${JSON.stringify(tag)}; a tag starts with a letter, digit or "_" and has at most ` +
          '128 letters, digits, ".", "-" and "_", as in ":1" or ":1.2.3".',
      );
    }
  }

  const segments = resource.split('/');
  if (segments.length < 3) {
    return fail(
      `The Feature ${shown} has no namespace: OCI Features are written registry/namespace/name[:tag], as in ${EXAMPLE}.`,
    );
  }
  // The `devcontainers-contrib` organisation moved to `devcontainers-extra`;
  // the reference redirects it. Unlike the reference, the resource follows
  // too, so that both spellings are the same Feature for ordering.
  if (segments[1] === 'devcontainers-contrib') {
    segments[1] = 'devcontainers-extra';
  }
  const id = segments[segments.length - 1] ?? '';
  const namespace = segments.slice(1, -1).join('/');
  const repository = `${namespace}/${id}`;
  if (!REPOSITORY_PATH.test(repository)) {
    return fail(
      `The Feature ${shown} has the path ${JSON.stringify(repository)}, which a registry does not accept: each part uses ` +
        'lowercase letters and digits, separated by single ".", "_" or "-", and no part is empty.',
    );
  }
  const ref: OciFeatureRef = {
    kind: 'oci',
    userId: written,
    registry,
    namespace,
    path: repository,
    resource: `${registry}/${repository}`,
    id,
    reference: digest ?? tag ?? 'latest',
  };
  if (tag !== undefined) {
    ref.tag = tag;
  }
  if (digest !== undefined) {
    ref.digest = digest;
  }
  return ref;
}

/**
 * What to fetch, as one string: `registry/path@digest` or `registry/path:tag`
 * for OCI, the URL for a tarball, the folder for a local Feature. Two
 * references with the same key fetch the same thing.
 */
export function featureRefKey(ref: FeatureRef): string {
  switch (ref.kind) {
    case 'oci':
      return ref.digest !== undefined
        ? `${ref.resource}@${ref.digest}`
        : `${ref.resource}:${ref.tag}`;
    case 'tarball':
      return ref.url;
    case 'local':
      return ref.path;
  }
}
