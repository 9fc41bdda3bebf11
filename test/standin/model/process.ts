/**
 * The init process of a new container, as Apple's Parser.process builds it
 * from the flags and the image config: environment (image, then env files,
 * then -e), working directory, executable and arguments, user, rlimits.
 */
import { readFileSync } from 'node:fs';
import { AppleError } from '../errors';
import type { ImageConfig } from '../images/store';
import type { ProcessConfiguration, ProcessUser, Rlimit } from './types';

/** `-e KEY=VAL` sets, `-e KEY` copies the host's value or is dropped, `KEY=` sets empty. */
export function envFromFlags(values: readonly string[], hostEnv: NodeJS.ProcessEnv): string[] {
  return values.flatMap((entry) => {
    if (entry.includes('=')) {
      return [entry];
    }
    const value = hostEnv[entry];
    return value === undefined ? [] : [`${entry}=${value}`];
  });
}

/** A Docker-style env file, ported from Apple's Parser.envFile. */
export function envFile(path: string, hostEnv: NodeJS.ProcessEnv): string[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    throw new AppleError('invalidArgument', `failed to read envfile at ${path}`);
  }
  const lines: string[] = [];
  for (const line of content.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/^\s+/, '');
    if (trimmed === '' || trimmed.startsWith('#')) {
      continue;
    }
    const equals = trimmed.indexOf('=');
    const variable = (equals < 0 ? trimmed : trimmed.slice(0, equals)).replace(/^[ \t]+/, '');
    if (/[ \t]/.test(variable)) {
      throw new AppleError('invalidArgument', `variable '${variable}' contains whitespaces`);
    }
    if (variable === '') {
      throw new AppleError('invalidArgument', `no variable name on line '${trimmed}'`);
    }
    if (equals >= 0) {
      lines.push(`${variable}=${trimmed.slice(equals + 1)}`);
    } else if (hostEnv[variable] !== undefined) {
      lines.push(`${variable}=${hostEnv[variable]}`);
    }
  }
  return lines;
}

/**
 * Image env (only entries with `=`: image config is untrusted), env files, then
 * -e, one entry per name with the last value winning. Apple dedupes through a
 * Swift Dictionary, so its order is arbitrary; first appearance is kept here.
 */
export function combineEnv(
  imageEnv: readonly string[],
  envFiles: readonly string[],
  envFlags: readonly string[],
  hostEnv: NodeJS.ProcessEnv,
): string[] {
  const combined = [
    ...imageEnv.filter((entry) => entry.includes('=')),
    ...envFiles.flatMap((path) => envFile(path, hostEnv)),
    ...envFromFlags(envFlags, hostEnv),
  ];
  const byName = new Map<string, string>();
  for (const entry of combined) {
    byName.set(entry.split('=', 1)[0] ?? entry, entry);
  }
  return [...byName.values()];
}

/** Parser.user: --user wins, then --uid with --gid; --gid alone is a supplementary group. */
export function resolveUser(
  user: string | undefined,
  uid: string | undefined,
  gid: string | undefined,
  defaultUser: ProcessUser,
): { user: ProcessUser; groups: number[] } {
  if (user !== undefined && user !== '') {
    return { user: { raw: { userString: user } }, groups: [] };
  }
  if (uid !== undefined && gid !== undefined) {
    return { user: { id: { uid: Number(uid), gid: Number(gid) } }, groups: [] };
  }
  if (uid !== undefined) {
    return { user: { raw: { userString: uid } }, groups: [] };
  }
  return { user: defaultUser, groups: gid === undefined ? [] : [Number(gid)] };
}

const UINT64_MAX = '18446744073709551615';

function rlimitValue(text: string): string {
  const trimmed = text.trim().toLowerCase();
  return trimmed === 'unlimited' || trimmed === '-1' ? UINT64_MAX : BigInt(trimmed).toString();
}

/** `--ulimit nofile=1024:2048` → RLIMIT_NOFILE. The grammar has already checked the syntax. */
export function rlimits(specs: readonly string[]): Rlimit[] {
  return specs.map((spec) => {
    const equals = spec.indexOf('=');
    const type = spec.slice(0, equals).toLowerCase();
    const [soft = '', hard = soft] = spec.slice(equals + 1).split(':', 2);
    return {
      limit: `RLIMIT_${type.toUpperCase()}`,
      soft: rlimitValue(soft),
      hard: rlimitValue(hard),
    };
  });
}

export interface ProcessFlags {
  readonly arguments: readonly string[];
  readonly entrypoint?: string;
  readonly env: readonly string[];
  readonly envFiles: readonly string[];
  readonly workdir?: string;
  readonly user?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly tty: boolean;
  readonly ulimits: readonly string[];
}

export function initProcess(
  flags: ProcessFlags,
  image: ImageConfig,
  hostEnv: NodeJS.ProcessEnv,
): ProcessConfiguration {
  const environment = combineEnv(image.Env ?? [], flags.envFiles, flags.env, hostEnv);
  const workingDirectory =
    flags.workdir ??
    (image.WorkingDir !== undefined && image.WorkingDir !== '' ? image.WorkingDir : '/');
  const command: string[] = [];
  const entrypointOverride = flags.entrypoint !== undefined && flags.entrypoint !== '';
  if (entrypointOverride) {
    command.push(flags.entrypoint as string);
  } else if (image.Entrypoint && image.Entrypoint.length > 0) {
    command.push(...image.Entrypoint);
  }
  if (flags.arguments.length > 0) {
    command.push(...flags.arguments);
  } else if (!entrypointOverride && image.Cmd && image.Cmd.length > 0) {
    command.push(...image.Cmd);
  }
  const [executable, ...args] = command;
  if (executable === undefined) {
    throw new AppleError(
      'invalidArgument',
      'command/entrypoint not specified for container process',
    );
  }
  const defaultUser: ProcessUser =
    image.User !== undefined && image.User !== ''
      ? { raw: { userString: image.User } }
      : { id: { uid: 0, gid: 0 } };
  const { user, groups } = resolveUser(flags.user, flags.uid, flags.gid, defaultUser);
  return {
    executable,
    arguments: args,
    environment,
    workingDirectory,
    terminal: flags.tty,
    user,
    supplementalGroups: groups,
    rlimits: rlimits(flags.ulimits),
  };
}
