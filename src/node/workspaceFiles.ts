import { constants, promises as fs, type Stats } from 'node:fs';
import { ConfigError } from '../core/errors';

/**
 * The one way Slipway reads a file that a repository controls
 * (devcontainer.json, devcontainer-lock.json, a local Feature's
 * devcontainer-feature.json). A repository can commit a symlink to
 * /dev/stdin or /dev/zero, a FIFO, or a huge file: the file is opened with
 * O_NONBLOCK (so opening a FIFO cannot wait for a writer), checked with
 * fstat on the open handle (no race with a swap after an lstat) to be a
 * regular file under the size cap, and read no further than the cap.
 */

/** Configs, lockfiles and Feature metadata are kilobytes; 10 MiB is far beyond any real one. */
export const WORKSPACE_FILE_MAX_BYTES = 10 * 1024 * 1024;

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** The file's text; `undefined` when nothing is there. Anything else wrong is a ConfigError naming the path. */
export async function readWorkspaceText(
  file: string,
  maxBytes: number = WORKSPACE_FILE_MAX_BYTES,
): Promise<string | undefined> {
  refuseNul(file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) {
      return undefined;
    }
    throw fileProblem(error, file);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new ConfigError(
        `This is ${kindName(stats)}, not a regular file; Slipway reads only regular files from a workspace. Replace it with the file it should be.`,
        file,
      );
    }
    if (stats.size > maxBytes) {
      throw tooBig(file, maxBytes);
    }
    // The size can change between fstat and read: read at most one byte past the cap.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) {
        break;
      }
      total += bytesRead;
      if (total > maxBytes) {
        throw tooBig(file, maxBytes);
      }
      if (total === buffer.length) {
        break;
      }
    }
    return buffer.subarray(0, total).toString('utf8');
  } catch (error) {
    throw fileProblem(error, file);
  } finally {
    await handle.close();
  }
}

function tooBig(file: string, maxBytes: number): ConfigError {
  return new ConfigError(
    `This file is larger than ${formatBytes(maxBytes)}, the most Slipway reads from one workspace file. Is it the file you meant?`,
    file,
  );
}

/** Missing, or a path through something that is not a directory: both mean "nothing there". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Node refuses NUL bytes in paths with a TypeError; say which path instead. */
export function refuseNul(file: string): void {
  if (file.includes('\0')) {
    throw new ConfigError(
      `The path ${JSON.stringify(file)} contains a NUL byte (\\u0000), which no file name can hold. Remove it from the config.`,
    );
  }
}

const PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied; check the permissions of the file and the folders above it',
  EPERM: 'permission denied; check the permissions of the file and the folders above it',
  ELOOP: 'symbolic links there loop (or are nested too deep); fix or remove the link',
  ENAMETOOLONG: 'the path is too long for the file system; use a shorter one',
  EISDIR: 'it is a folder, where a file is expected',
  EIO: 'the disk reported an I/O error',
  EMFILE: 'too many files are open; close some programs and try again',
  ERR_FS_CP_FIFO_PIPE:
    'it holds a FIFO (named pipe), which cannot be copied into a build; remove it',
  ERR_FS_CP_SOCKET: 'it holds a socket, which cannot be copied into a build; remove it',
  ERR_FS_CP_UNKNOWN:
    'it holds a device or other special file, which cannot be copied into a build; remove it',
  ENFILE: 'too many files are open; close some programs and try again',
};

/** A file-system error as a ConfigError naming the path; ConfigErrors pass through. */
export function fileProblem(error: unknown, file: string): unknown {
  if (error instanceof ConfigError || (error as Error | undefined)?.name === 'SlipwayConfigError') {
    return error;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) {
    return error;
  }
  const why = PROBLEMS[code] ?? `${code}, ${(error as Error).message}`;
  // The path is the error's file: shown before the message ("<path>: ..."), and in --json.
  return new ConfigError(`Slipway cannot read this: ${why}.`, file);
}

function kindName(stats: Stats): string {
  if (stats.isDirectory()) {
    return 'a folder';
  }
  if (stats.isFIFO()) {
    return 'a FIFO (named pipe)';
  }
  if (stats.isCharacterDevice() || stats.isBlockDevice()) {
    return 'a device';
  }
  if (stats.isSocket()) {
    return 'a socket';
  }
  return 'not a regular file';
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
