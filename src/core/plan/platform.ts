import { ValueProblem, type PlanWarning } from './problems';
import type { PlatformSetting } from './settings';

/**
 * The platform of the dev container. The host is always an Apple-silicon Mac,
 * so arm64 runs natively and amd64 runs through Rosetta, which Apple turns on
 * by itself for amd64 images.
 */

export interface PlatformChoice {
  /** `linux/arm64` or `linux/amd64`, with a variant if one was asked for. */
  platform: string;
  architecture: 'arm64' | 'amd64';
  rosetta: boolean;
  /** Whether `--rosetta` must be passed (arm64 with Rosetta on). */
  rosettaFlag: boolean;
  from: 'setting' | 'runArgs' | 'build.options' | 'image' | 'default';
  warnings: PlanWarning[];
}

const ARCH_ALIASES: Record<string, 'arm64' | 'amd64'> = {
  arm64: 'arm64',
  aarch64: 'arm64',
  amd64: 'amd64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
};

/**
 * Images published for amd64 only, which would fail on arm64 with an
 * "exec format error". Later stages feed real platform lists from the image.
 */
const KNOWN_AMD64_ONLY = [/^(mcr\.microsoft\.com\/)?mssql\/server(:|@|$)/];

/** Normalises `linux/aarch64`, `linux/arm64/v8`, ... Throws for platforms Apple cannot run. */
export function normalizePlatform(text: string): {
  platform: string;
  architecture: 'arm64' | 'amd64';
} {
  const [os = '', arch = '', variant] = text.trim().toLowerCase().split('/');
  const architecture = ARCH_ALIASES[arch];
  if (os !== 'linux' || architecture === undefined) {
    throw new ValueProblem(
      `Apple container runs linux/arm64 images, and linux/amd64 images through Rosetta; it cannot run "${text}"`,
    );
  }
  const suffix = variant !== undefined && variant !== '' ? `/${variant}` : '';
  return { platform: `linux/${architecture}${suffix}`, architecture };
}

export interface PlatformInput {
  setting?: PlatformSetting;
  rosettaSetting?: boolean;
  runArgsPlatform?: string;
  buildOptionsPlatform?: string;
  image?: string;
  /** Platforms the image is published for, when known (`os/arch[/variant]`). */
  imagePlatforms?: readonly string[];
}

function imageDefault(input: PlatformInput): string | undefined {
  const platforms = input.imagePlatforms;
  if (platforms !== undefined && platforms.length > 0) {
    const archs = platforms.map((p) => ARCH_ALIASES[p.split('/')[1] ?? '']);
    if (!archs.includes('arm64') && archs.includes('amd64')) {
      return 'linux/amd64';
    }
    return undefined;
  }
  const image = input.image?.toLowerCase();
  if (image !== undefined && KNOWN_AMD64_ONLY.some((pattern) => pattern.test(image))) {
    return 'linux/amd64';
  }
  return undefined;
}

export function choosePlatform(input: PlatformInput): PlatformChoice {
  const warnings: PlanWarning[] = [];
  let chosen: string;
  let from: PlatformChoice['from'];
  if (input.setting !== undefined && input.setting !== 'auto') {
    [chosen, from] = [input.setting, 'setting'];
  } else if (input.runArgsPlatform !== undefined) {
    [chosen, from] = [input.runArgsPlatform, 'runArgs'];
  } else if (input.buildOptionsPlatform !== undefined) {
    [chosen, from] = [input.buildOptionsPlatform, 'build.options'];
  } else {
    const fromImage = imageDefault(input);
    [chosen, from] = fromImage === undefined ? ['linux/arm64', 'default'] : [fromImage, 'image'];
  }
  const { platform, architecture } = normalizePlatform(chosen);
  if (
    input.runArgsPlatform !== undefined &&
    input.buildOptionsPlatform !== undefined &&
    normalizePlatform(input.runArgsPlatform).architecture !==
      normalizePlatform(input.buildOptionsPlatform).architecture
  ) {
    warnings.push({
      property: 'build.options',
      message: `runArgs asks for ${input.runArgsPlatform} but build.options for ${input.buildOptionsPlatform}; the image is built and run for ${platform}.`,
    });
  }
  const rosettaFlag = architecture === 'arm64' && input.rosettaSetting === true;
  return {
    platform,
    architecture,
    rosetta: architecture === 'amd64' || rosettaFlag,
    rosettaFlag,
    from,
    warnings,
  };
}
