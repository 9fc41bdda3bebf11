import { DOCKER_BUILD_FLAGS, isOn, parseDockerArgs } from './dockerFlags';
import { ValueProblem, type PlanWarning } from './problems';
import { argumentValueProblem } from './argValues';
import { BUILD_FLAG_SINCE, type VersionRequirement } from './versions';

/**
 * `container build` for a Dockerfile config. `build.options` are Docker build
 * options: those Apple's `build` has are kept, the rest left out with a
 * warning (Apple has no `--build-context`, `--cache-from`, `--network`, ...).
 */

/** Apple's BuildKit shim rejects a Dockerfile of this size or more (apple/container#735). */
export const APPLE_MAX_DOCKERFILE_BYTES = 16 * 1024;

export interface BuildInput {
  dockerfile: string;
  context: string;
  tag: string;
  platform: string;
  target?: string;
  args: Readonly<Record<string, string>>;
  options: readonly string[];
  cacheFrom?: string | readonly string[];
  noCache?: boolean;
}

export interface BuildCommand {
  argv: string[];
  requirements: VersionRequirement[];
  warnings: PlanWarning[];
  /** `--platform` from build.options, which the platform choice takes into account. */
  optionsPlatform?: string;
}

const APPLE_PROGRESS = new Set(['auto', 'plain', 'tty']);

const SET_BY_SLIPWAY = new Set(['--file', '--tag', '--platform', '--arch']);

/** Reads the `--platform` a config's `build.options` ask for, if any. */
export function buildOptionsPlatform(options: readonly string[]): string | undefined {
  const { flags } = parseDockerArgs(options, DOCKER_BUILD_FLAGS);
  const flag = flags.filter((f) => f.name === '--platform' || f.name === '--arch').at(-1);
  if (flag?.value === undefined) {
    return undefined;
  }
  return flag.name === '--arch' ? `linux/${flag.value}` : flag.value;
}

function translateOptions(options: readonly string[], out: BuildCommand, extra: string[]): void {
  const warn = (message: string) => out.warnings.push({ property: 'build.options', message });
  const { flags, positionals } = parseDockerArgs(options, DOCKER_BUILD_FLAGS);
  for (const flag of flags) {
    const value = flag.value;
    const problem =
      value === undefined || !flag.takesValue
        ? undefined
        : argumentValueProblem(value, `The value of "${flag.name}" in build.options`);
    if (problem !== undefined) {
      throw new ValueProblem(problem, flag.index);
    }
    switch (flag.name) {
      case '--build-arg':
      case '--label':
      case '--target':
        if (value === undefined) {
          throw new ValueProblem(`"${flag.name}" in build.options needs a value`, flag.index);
        }
        if (flag.name === '--build-arg' && !(value.indexOf('=') > 0)) {
          throw new ValueProblem(
            `"--build-arg ${value}" in build.options is not NAME=value; Apple's container build takes only that form (put the value in build.args)`,
            flag.index,
          );
        }
        extra.push(flag.name, value);
        break;
      case '--secret':
        if (value === undefined) {
          throw new ValueProblem(`"--secret" in build.options needs a value`, flag.index);
        }
        if (!isAppleSecret(value)) {
          throw new ValueProblem(
            `"--secret ${value}" in build.options is not id=<key>[,env=<VAR> or ,src=<path>], the form Apple's container build takes`,
            flag.index,
          );
        }
        extra.push('--secret', value);
        out.requirements.push({
          flag: '--secret',
          since: BUILD_FLAG_SINCE['--secret'] ?? '0.11.0',
        });
        break;
      case '--no-cache':
      case '--pull':
      case '--quiet':
        if (isOn(flag)) {
          extra.push(flag.name === '--quiet' ? '-q' : flag.name);
          const since = BUILD_FLAG_SINCE[flag.name];
          if (since !== undefined) {
            out.requirements.push({ flag: flag.name, since });
          }
        }
        break;
      case '--progress':
        if (value !== undefined && APPLE_PROGRESS.has(value)) {
          extra.push('--progress', value);
        } else {
          warn(`Left out "--progress ${value ?? ''}": Apple's build takes auto, plain or tty.`);
        }
        break;
      case '--ssh':
        if (value === 'default') {
          extra.push('--ssh', 'default');
          out.requirements.push({ flag: '--ssh', since: BUILD_FLAG_SINCE['--ssh'] ?? '1.2.2' });
        } else {
          warn(
            `Left out "--ssh ${value ?? ''}": Apple's build forwards only the default agent ("--ssh default").`,
          );
        }
        break;
      default:
        if (SET_BY_SLIPWAY.has(flag.name)) {
          if (flag.name === '--file' || flag.name === '--tag') {
            warn(`Left out "${flag.name}" from build.options: Slipway sets it from the config.`);
          }
          break;
        }
        warn(
          `Left out ${flag.known ? flag.name : `unknown option "${flag.name}"`} from build.options: Apple's container build has no such option.`,
        );
    }
  }
  for (const positional of positionals) {
    warn(`Left out "${positional.value}" from build.options: it is not an option.`);
  }
}

/** `id=<key>` (no "=" in the key), then optionally `env=<VAR>` or `src=<path>`. */
function isAppleSecret(value: string): boolean {
  const [first = '', second, ...more] = value.split(',');
  const key = first.startsWith('id=') ? first.slice(3) : undefined;
  return (
    key !== undefined &&
    !key.includes('=') &&
    more.length === 0 &&
    (second === undefined || second.startsWith('env=') || second.startsWith('src='))
  );
}

export function buildCommand(input: BuildInput): BuildCommand {
  const out: BuildCommand = {
    argv: [],
    requirements: [],
    warnings: [],
    optionsPlatform: buildOptionsPlatform(input.options),
  };
  const extra: string[] = [];
  translateOptions(input.options, out, extra);
  const cacheFrom =
    typeof input.cacheFrom === 'string' ? [input.cacheFrom] : (input.cacheFrom ?? []);
  if (cacheFrom.length > 0) {
    out.warnings.push({
      property: 'build.cacheFrom',
      message: `Apple's container build has no --cache-from; ${cacheFrom.join(', ')} will not be used as a cache.`,
    });
  }
  const argv = [
    'container',
    'build',
    '-f',
    input.dockerfile,
    '-t',
    input.tag,
    '--platform',
    input.platform,
  ];
  if (input.target !== undefined && input.target !== '') {
    argv.push('--target', input.target);
  }
  for (const [name, value] of Object.entries(input.args)) {
    argv.push('--build-arg', `${name}=${value}`);
  }
  if (input.noCache === true && !extra.includes('--no-cache')) {
    argv.push('--no-cache');
  }
  argv.push(...extra, input.context);
  out.argv = argv;
  return out;
}
