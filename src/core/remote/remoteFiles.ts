import { ConfigError } from '../errors';
import type { FileInfo } from '../host';

/**
 * The workspace's files when they live on the remote Mac: tiny POSIX `sh`
 * scripts run over the SSH connection, with the same rules as the local
 * guarded reader (regular files only, read no further than the cap, never
 * a FIFO or a device) and exit codes that say why a file was not read.
 * Each runs as `sh -c <script> sh <path> [<max bytes + 1>]`.
 */

const MISSING = 3;
const DIRECTORY = 4;
const NOT_REGULAR = 5;
const NO_PERMISSION = 6;

export const READ_SCRIPT = [
  'f=$1',
  `[ -e "$f" ] || exit ${MISSING}`,
  `[ -d "$f" ] && exit ${DIRECTORY}`,
  // `-f` is false for a FIFO or a device: never opened, so never a hang.
  `[ -f "$f" ] || exit ${NOT_REGULAR}`,
  `[ -r "$f" ] || exit ${NO_PERMISSION}`,
  'exec head -c "$2" -- "$f"',
].join('\n');

export const STAT_SCRIPT = [
  'f=$1',
  `[ -e "$f" ] || exit ${MISSING}`,
  'if [ -d "$f" ]; then echo directory 0',
  `elif [ -f "$f" ]; then printf 'file %s\\n' "$(wc -c <"$f" | tr -d ' ')"`,
  'else echo other 0; fi',
].join('\n');

export const LIST_SCRIPT = [
  `[ -d "$1" ] || exit ${MISSING}`,
  `cd -- "$1" || exit ${NO_PERMISSION}`,
  'exec find . -mindepth 1 -maxdepth 1 -print0',
].join('\n');

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export interface ScriptResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: string;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function otherProblem(file: string, label: string, result: ScriptResult): ConfigError {
  if (result.exitCode === NO_PERMISSION) {
    return new ConfigError(
      `Slipway cannot read this on ${label}: permission denied; check the permissions of the file and the folders above it.`,
      file,
    );
  }
  const said = result.stderr.trim().split('\n').at(-1);
  return new ConfigError(
    `Slipway cannot read this on ${label}${said ? `: ${said}` : ` (exit ${result.exitCode})`}.`,
    file,
  );
}

/** The file's text, `undefined` when missing; anything else wrong is a ConfigError naming the path. */
export function readResult(
  file: string,
  label: string,
  maxBytes: number,
  result: ScriptResult,
): string | undefined {
  switch (result.exitCode) {
    case 0:
      if (result.stdout.length > maxBytes) {
        throw new ConfigError(
          `This file is larger than ${formatBytes(maxBytes)}, the most Slipway reads from one workspace file. Is it the file you meant?`,
          file,
        );
      }
      return decode(result.stdout);
    case MISSING:
      return undefined;
    case DIRECTORY:
      return throwNotRegular(file, 'a folder');
    case NOT_REGULAR:
      return throwNotRegular(file, 'not a regular file');
    default:
      throw otherProblem(file, label, result);
  }
}

function throwNotRegular(file: string, what: string): never {
  throw new ConfigError(
    `This is ${what}, not a regular file; Slipway reads only regular files from a workspace. Replace it with the file it should be.`,
    file,
  );
}

export function statResult(
  file: string,
  label: string,
  result: ScriptResult,
): FileInfo | undefined {
  if (result.exitCode === MISSING) {
    return undefined;
  }
  const match = /^(file|directory|other) (\d+)\s*$/.exec(decode(result.stdout));
  if (result.exitCode !== 0 || match === null) {
    throw otherProblem(file, label, result);
  }
  return { kind: match[1] as FileInfo['kind'], size: Number(match[2]) };
}

export function listResult(directory: string, label: string, result: ScriptResult): string[] {
  if (result.exitCode === MISSING) {
    return [];
  }
  if (result.exitCode !== 0) {
    throw otherProblem(directory, label, result);
  }
  return decode(result.stdout)
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => entry.replace(/^\.\//, ''));
}
