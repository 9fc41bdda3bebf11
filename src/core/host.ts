/**
 * The effects the core needs, as small interfaces. `src/node` implements them
 * on the real machine; tests implement them in memory.
 */

export interface FileInfo {
  kind: 'file' | 'directory' | 'other';
  size: number;
}

export interface HostFileSystem {
  /**
   * The file's text, or `undefined` when it does not exist. Only a regular
   * file, of at most a size cap, is read: anything else (a folder, a FIFO, a
   * device, a huge file, no permission, a symlink loop) is a ConfigError
   * naming the path, never a hang.
   */
  readTextFile(path: string): Promise<string | undefined>;
  /** What is at the path (following symlinks), or `undefined` when nothing is; trouble is a ConfigError naming the path. */
  stat(path: string): Promise<FileInfo | undefined>;
  /** The names of the entries of a directory; empty when it does not exist; trouble is a ConfigError naming the path. */
  listDirectory(path: string): Promise<string[]>;
}

/** The host environment variables, as `${localEnv:...}` sees them. */
export type HostEnvironment = Readonly<Record<string, string | undefined>>;
