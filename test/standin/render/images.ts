/**
 * Images as `image list --format json` and `image inspect` print them.
 * 1.0+: ImageResource `{id, configuration{creationDate, name, descriptor}, variants}`;
 * 0.9–0.12 list: `{reference, fullSize, descriptor}` (0.5–0.8 without fullSize).
 * The stand-in's images are single-platform podman images; they are reported
 * as linux/amd64 + linux/arm64 indexes, as the published images they stand for are.
 */
import { createHash } from 'node:crypto';
import type { LocalImage } from '../images/store';
import { denormalizeReference, nameAndTag } from '../images/reference';
import type { JsonValue } from '../json';
import type { Era } from '../version';
import { iso8601 } from './containers';

const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
const INDEX_SIZE = 9218;
const PLATFORMS = [
  { architecture: 'amd64', os: 'linux' },
  { architecture: 'arm64', os: 'linux' },
] as const;

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function descriptor(image: LocalImage): JsonValue {
  return { mediaType: INDEX_MEDIA_TYPE, digest: `sha256:${image.id}`, size: INDEX_SIZE };
}

/** The OCI image config, keys as the OCI spec writes them; absent fields left out. */
function ociConfig(image: LocalImage, architecture: string): JsonValue {
  const c = image.config;
  return {
    created: image.created,
    architecture,
    os: 'linux',
    config: {
      User: c.User === '' ? undefined : c.User,
      Env: c.Env,
      Entrypoint: c.Entrypoint,
      Cmd: c.Cmd,
      WorkingDir: c.WorkingDir === '' ? undefined : c.WorkingDir,
      Labels: c.Labels,
      StopSignal: c.StopSignal === '' ? undefined : c.StopSignal,
    },
    rootfs: { type: 'layers', diff_ids: image.rootfsLayers },
    history: image.history as JsonValue,
  };
}

export function imageResourceJson(image: LocalImage): JsonValue {
  return {
    id: image.id,
    configuration: {
      creationDate: image.created === undefined ? '1970-01-01T00:00:00Z' : iso8601(image.created),
      name: image.reference,
      descriptor: descriptor(image),
    },
    variants: PLATFORMS.map((platform) => ({
      platform,
      digest: sha256(`${image.id}/${platform.architecture}`),
      size: image.size,
      config: ociConfig(image, platform.architecture),
    })),
  };
}

/** Foundation's ByteCountFormatter in file mode: decimal units, three significant digits. */
export function fullSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

export function imageListJson(image: LocalImage, era: Era, withFullSize: boolean): JsonValue {
  if (era.jsonV1) {
    return imageResourceJson(image);
  }
  return {
    reference: image.reference,
    fullSize: withFullSize ? fullSize(image.size) : undefined,
    descriptor: descriptor(image),
  };
}

/** 0.x `image inspect`: `{name, index, variants:[{platform, config, size}]}`. */
export function legacyImageInspectJson(image: LocalImage): JsonValue {
  return {
    name: image.reference,
    index: descriptor(image),
    variants: PLATFORMS.map((platform) => ({
      platform,
      config: ociConfig(image, platform.architecture),
      size: image.size,
    })),
  };
}

export function imageRow(image: LocalImage): string[] {
  const { name, tag } = nameAndTag(denormalizeReference(image.reference));
  return [name, tag, image.id.slice(0, 12)];
}

export function verboseImageRows(image: LocalImage): string[][] {
  const { name, tag } = nameAndTag(denormalizeReference(image.reference));
  return PLATFORMS.map((platform) => [
    name,
    tag,
    image.id.slice(0, 12),
    platform.os,
    platform.architecture,
    '',
    fullSize(image.size),
    image.created ?? '',
    sha256(`${image.id}/${platform.architecture}`).slice('sha256:'.length, 'sha256:'.length + 12),
  ]);
}
