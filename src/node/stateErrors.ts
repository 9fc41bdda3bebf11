import { ConfigError } from '../core/errors';

/**
 * A failure to write Slipway's own state (~/.slipway, or SLIPWAY_STATE_DIR)
 * as something the user can fix, naming the path: a read-only or full disk
 * is not Slipway's bug. Other errors pass through unchanged.
 */
export function stateFolderError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code === undefined ? undefined : STATE_PROBLEMS[code];
  if (why === undefined) {
    return error;
  }
  return new ConfigError(
    `Slipway cannot write its state at ${file}: ${why}. ` +
      'Fix that, or point SLIPWAY_STATE_DIR at a writable folder.',
  );
}

const STATE_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of that path is a file, not a folder',
  EEXIST: 'something that is not a folder is in the way',
  ELOOP: 'a symbolic link in that path loops',
  ENAMETOOLONG: 'the path is too long',
};
