import { promises as fs } from 'node:fs';
import type { FileInfo, HostFileSystem } from '../core/host';
import { fileProblem, isMissing, readWorkspaceText, refuseNul } from './workspaceFiles';

/**
 * The host's real file system, for the core's `HostFileSystem` seam. Files
 * are read through the guarded reader (regular files only, size-capped);
 * any trouble other than "nothing there" is a ConfigError naming the path.
 */
export class NodeFileSystem implements HostFileSystem {
  async readTextFile(filePath: string): Promise<string | undefined> {
    return readWorkspaceText(filePath);
  }

  async stat(filePath: string): Promise<FileInfo | undefined> {
    refuseNul(filePath);
    try {
      const stats = await fs.stat(filePath);
      const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
      return { kind, size: stats.size };
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw fileProblem(error, filePath);
    }
  }

  async listDirectory(directory: string): Promise<string[]> {
    refuseNul(directory);
    try {
      return await fs.readdir(directory);
    } catch (error) {
      if (isMissing(error)) {
        return [];
      }
      throw fileProblem(error, directory);
    }
  }
}
