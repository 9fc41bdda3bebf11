import { promises as fs } from 'node:fs';
import type { FileInfo, HostFileSystem } from '../core/host';

/** The host's real file system, for the core's `HostFileSystem` seam. */
export class NodeFileSystem implements HostFileSystem {
  async readTextFile(filePath: string): Promise<string | undefined> {
    try {
      return await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async stat(filePath: string): Promise<FileInfo | undefined> {
    try {
      const stats = await fs.stat(filePath);
      const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
      return { kind, size: stats.size };
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async listDirectory(directory: string): Promise<string[]> {
    try {
      return await fs.readdir(directory);
    } catch (error) {
      if (isMissing(error)) {
        return [];
      }
      throw error;
    }
  }
}

/** Missing, or a path through something that is not a directory: both mean "nothing there". */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
