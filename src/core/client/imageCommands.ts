import { decodeLabels } from '../plan/labels';
import {
  asArray,
  asRecord,
  asString,
  asStringArray,
  asStringRecord,
  type JsonRecord,
} from '../json/read';
import { parseJsonOutput, unexpectedOutput } from './json';
import { TIMEOUTS } from './timeouts';
import { ContainerCliError, type ContainerCommand, type ImageInfo } from './types';

/**
 * `image inspect` in both shapes: 1.x `{id, configuration: {name, …},
 * variants: [{platform, digest, size, config}]}` and 0.x `{name, index,
 * variants: [{platform, config, size}]}`. Each variant's `config` is the OCI
 * image config, whose inner `config` holds `User`, `Env`, `Labels`, ….
 */

/** The platform Slipway runs natively, preferred when the caller names none. */
const NATIVE_PLATFORM = 'linux/arm64';

interface Variant {
  platform?: string;
  /** The OCI config's inner `config` object. */
  config?: JsonRecord;
}

function platformString(value: unknown): string | undefined {
  const record = asRecord(value);
  const os = asString(record?.os);
  const architecture = asString(record?.architecture);
  // Attestation manifests carry `unknown/unknown`; they are not runnable platforms.
  if (!os || !architecture || os === 'unknown' || architecture === 'unknown') {
    return undefined;
  }
  const variant = asString(record?.variant);
  return variant ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`;
}

function readVariant(value: unknown): Variant {
  const record = asRecord(value);
  const imageConfig = asRecord(record?.config);
  // Tolerate a flattened config (keys at the top) in case an era printed it so.
  const inner = asRecord(imageConfig?.config) ?? imageConfig;
  return { platform: platformString(record?.platform), config: inner };
}

function matches(variant: Variant, platform: string): boolean {
  return variant.platform === platform || variant.platform?.startsWith(`${platform}/`) === true;
}

function optionalStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? asStringArray(value) : undefined;
}

function imageName(image: JsonRecord): string | undefined {
  return asString(asRecord(image.configuration)?.name) ?? asString(image.name);
}

/** Parses `image inspect` output for `reference`, reading the config of `platform` if given. */
export function parseImageInspect(stdout: string, reference: string, platform?: string): ImageInfo {
  const value = parseJsonOutput(stdout, 'an image');
  const images = (Array.isArray(value) ? value : [value])
    .map(asRecord)
    .filter((image): image is JsonRecord => image !== undefined);
  const image = images.find((candidate) => imageName(candidate) === reference) ?? images[0];
  if (image === undefined) {
    throw new ContainerCliError(
      'imageNotFound',
      `container printed no image for ${reference}. Pull it first, or check the image name and tag.`,
    );
  }
  const variants = (asArray(image.variants) ?? []).map(readVariant);
  if (variants.length === 0) {
    throw unexpectedOutput('an image', 'no variants', stdout);
  }
  const withConfig = variants.filter((variant) => variant.config !== undefined);
  const chosen =
    withConfig.find((variant) => matches(variant, platform ?? NATIVE_PLATFORM)) ??
    withConfig.find((variant) => variant.platform !== undefined) ??
    withConfig[0];
  const config = chosen?.config ?? {};
  const labelled = [chosen, ...withConfig].find(
    (variant) => variant?.config !== undefined && asRecord(variant.config.Labels) !== undefined,
  );
  const platforms = [
    ...new Set(variants.map((v) => v.platform).filter((p): p is string => p !== undefined)),
  ];
  const info: ImageInfo = {
    reference: imageName(image) ?? reference,
    platforms,
    labels: decodeLabels(asStringRecord(labelled?.config?.Labels)),
    env: asStringArray(config.Env),
  };
  const user = asString(config.User);
  // 1.x has `id`; 0.x only the index descriptor's digest.
  const id =
    asString(image.id) ??
    asString(asRecord(asRecord(image.configuration)?.descriptor)?.digest) ??
    asString(asRecord(image.index)?.digest);
  const entrypoint = optionalStrings(config.Entrypoint);
  const cmd = optionalStrings(config.Cmd);
  const workingDir = asString(config.WorkingDir);
  return {
    ...info,
    ...(id ? { id } : {}),
    ...(user ? { user } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    ...(cmd ? { cmd } : {}),
    ...(workingDir ? { workingDir } : {}),
  };
}

/**
 * `image inspect <ref>` for a locally stored image. `platform` (`linux/amd64`)
 * picks whose config to read; by default the native arm64 one.
 */
export function imageInspectCommand(
  reference: string,
  options: { platform?: string } = {},
): ContainerCommand<ImageInfo> {
  return {
    args: ['image', 'inspect', reference],
    parse: (stdout) => parseImageInspect(stdout, reference, options.platform),
    timeoutMs: TIMEOUTS.query,
    summary: `inspect the image ${reference}`,
  };
}

/** `image pull <ref>`; no time limit, since it downloads. */
export function imagePullCommand(reference: string): ContainerCommand<void> {
  return {
    args: ['image', 'pull', reference],
    parse: () => undefined,
    summary: `pull the image ${reference}`,
  };
}
