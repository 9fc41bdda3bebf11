/**
 * The stand-in's image store is podman's, seen through Apple's eyes:
 * - an image is known under its normalized Apple reference
 *   (`docker.io/library/busybox:latest`), which is also its podman name;
 * - "pulling" a reference from the table below tags the matching locally
 *   built test image under that name (setup.sh builds them), so `FROM busybox`
 *   in a build and `image list` both see it afterwards;
 * - any other reference that podman doesn't already hold fails the way Apple's
 *   registry client does. Nothing here ever reaches a registry.
 */
import { AppleError, RawError } from '../errors';
import { podman, podmanOk } from '../podman/podman';
import { manifestUrl } from './reference';

/** setup.sh builds these; they are infrastructure, hidden from `image list`. */
export const INFRA_PREFIX = 'localhost/slipway-standin/';
const BUSYBOX = `${INFRA_PREFIX}busybox:latest`;
const DEBIAN = `${INFRA_PREFIX}debian:bookworm`;

/** Which local test image plays which published one. */
const IMAGE_TABLE: ReadonlyArray<{ readonly pattern: RegExp; readonly image: string }> = [
  { pattern: /^docker\.io\/library\/busybox:[^@]+$/, image: BUSYBOX },
  { pattern: /^docker\.io\/library\/debian:(bookworm|12|stable|latest)(-slim)?$/, image: DEBIAN },
  { pattern: /^mcr\.microsoft\.com\/devcontainers\/base:[^@]+$/, image: DEBIAN },
  { pattern: /^mcr\.microsoft\.com\/vscode\/devcontainers\/base:[^@]+$/, image: DEBIAN },
];

/** The OCI image config fields Apple reads (ContainerizationOCI.ImageConfig). */
export interface ImageConfig {
  readonly User?: string;
  readonly Env?: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
}

export interface LocalImage {
  /** The normalized Apple reference, also podman's name for it. */
  readonly reference: string;
  /** podman's image ID (hex), which plays the index digest. */
  readonly id: string;
  readonly created?: string;
  readonly size: number;
  readonly config: ImageConfig;
  readonly rootfsLayers: readonly string[];
  readonly history: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

interface PodmanImageInspect {
  readonly Id: string;
  readonly Created?: string;
  readonly Size?: number;
  readonly Config?: ImageConfig;
  readonly RootFS?: { readonly Layers?: readonly string[] };
  readonly History?: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export async function imageExists(name: string): Promise<boolean> {
  return (await podman(['image', 'exists', name])).code === 0;
}

/** Apple's registry client, answering for an image that nobody publishes. */
export function registryNotFound(normalized: string): RawError {
  return new RawError(
    `HTTP request to ${manifestUrl(normalized)} failed with response: 404 Not Found. Reason: Unknown`,
  );
}

/** "Pull": make sure podman holds `normalized`, from the table if need be. */
export async function ensureImage(normalized: string): Promise<void> {
  if (await imageExists(normalized)) {
    return;
  }
  const entry = IMAGE_TABLE.find((e) => e.pattern.test(normalized));
  if (!entry) {
    throw registryNotFound(normalized);
  }
  if (!(await imageExists(entry.image))) {
    throw new AppleError(
      'internalError',
      `stand-in: test image ${entry.image} is missing; run npm run test:setup`,
    );
  }
  await podmanOk(['tag', entry.image, normalized], 'tag');
}

export async function inspectImage(normalized: string): Promise<LocalImage | undefined> {
  const result = await podman(['image', 'inspect', normalized]);
  if (result.code !== 0) {
    return undefined;
  }
  const [raw] = JSON.parse(result.stdout) as PodmanImageInspect[];
  if (!raw) {
    return undefined;
  }
  return {
    reference: normalized,
    id: raw.Id,
    ...(raw.Created === undefined ? {} : { created: raw.Created }),
    size: raw.Size ?? 0,
    config: raw.Config ?? {},
    rootfsLayers: raw.RootFS?.Layers ?? [],
    history: raw.History ?? [],
  };
}

/** Every image under an Apple-style name, infrastructure left out, sorted by reference. */
export async function listImageReferences(): Promise<string[]> {
  const stdout = await podmanOk(['images', '--format', '{{.Repository}}:{{.Tag}}'], 'images');
  const names = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('<none>') && !line.startsWith(INFRA_PREFIX));
  return [...new Set(names)].sort();
}
