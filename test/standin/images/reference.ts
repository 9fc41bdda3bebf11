/**
 * Image references the way Apple's ContainerizationOCI.Reference reads them:
 * `alpine` is `docker.io/library/alpine:latest`, a first component with a dot,
 * a colon or `localhost` is a registry, and a missing tag is `latest`.
 */
import { AppleError } from '../errors';

export interface ImageReference {
  readonly domain: string;
  /** The repository path, `library/alpine`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DEFAULT_DOMAIN = 'docker.io';

export function parseReference(text: string): ImageReference | undefined {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      return undefined;
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return undefined;
    }
  }
  const parts = rest.split('/');
  let domain = DEFAULT_DOMAIN;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((part) => COMPONENT.test(part))) {
    return undefined;
  }
  if (domain === DEFAULT_DOMAIN && parts.length === 1) {
    parts.unshift('library');
  }
  return {
    domain,
    path: parts.join('/'),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

export function formatReference(ref: ImageReference): string {
  const tag = ref.tag === undefined && ref.digest === undefined ? 'latest' : ref.tag;
  return `${ref.domain}/${ref.path}${tag === undefined ? '' : `:${tag}`}${
    ref.digest === undefined ? '' : `@${ref.digest}`
  }`;
}

/** `alpine` → `docker.io/library/alpine:latest`. */
export function normalizeReference(text: string): string {
  const parsed = parseReference(text);
  if (!parsed) {
    throw new AppleError('invalidArgument', `invalid reference ${text}`);
  }
  return formatReference(parsed);
}

/** What `image list` shows: the default registry and `library/` left out. */
export function denormalizeReference(normalized: string): string {
  if (normalized.startsWith(`${DEFAULT_DOMAIN}/library/`)) {
    return normalized.slice(`${DEFAULT_DOMAIN}/library/`.length);
  }
  if (normalized.startsWith(`${DEFAULT_DOMAIN}/`)) {
    return normalized.slice(`${DEFAULT_DOMAIN}/`.length);
  }
  return normalized;
}

/** Splits a denormalized reference into the NAME and TAG columns of `image list`. */
export function nameAndTag(display: string): { name: string; tag: string } {
  const withoutDigest = display.split('@')[0] ?? display;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0
    ? { name: withoutDigest, tag: '<none>' }
    : { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

/**
 * The manifest URL Apple's registry client asks for; its 404 is what `run`
 * prints for an image nobody has. Docker Hub's API lives on registry-1.docker.io.
 */
export function manifestUrl(normalized: string): string {
  const ref = parseReference(normalized);
  if (!ref) {
    return normalized;
  }
  const host = ref.domain === DEFAULT_DOMAIN ? 'registry-1.docker.io' : ref.domain;
  return `https://${host}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
}
