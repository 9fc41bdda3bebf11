import * as path from 'node:path';
import type { FileInfo, HostFileSystem } from '../../src/core/host';

/**
 * An in-memory `HostFileSystem` for tests. Built from absolute POSIX paths
 * and their contents; the folders above every file exist implicitly. A path
 * ending in `/` (with any content) makes an empty folder.
 */
export class MemoryFileSystem implements HostFileSystem {
  private readonly files = new Map<string, string>();
  private readonly directories = new Set<string>(['/']);

  constructor(entries: Record<string, string> = {}) {
    for (const [entry, content] of Object.entries(entries)) {
      if (entry.endsWith('/')) {
        this.addDirectory(normalize(entry));
      } else {
        this.writeFile(entry, content);
      }
    }
  }

  /** Adds or replaces a file (and its folders). */
  writeFile(filePath: string, content: string): void {
    const file = normalize(filePath);
    this.files.set(file, content);
    this.addDirectory(path.posix.dirname(file));
  }

  async readTextFile(filePath: string): Promise<string | undefined> {
    return this.files.get(normalize(filePath));
  }

  async stat(filePath: string): Promise<FileInfo | undefined> {
    const target = normalize(filePath);
    const content = this.files.get(target);
    if (content !== undefined) {
      return { kind: 'file', size: Buffer.byteLength(content, 'utf8') };
    }
    return this.directories.has(target) ? { kind: 'directory', size: 0 } : undefined;
  }

  async listDirectory(directory: string): Promise<string[]> {
    const folder = normalize(directory);
    if (!this.directories.has(folder)) {
      return [];
    }
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.directories]) {
      if (entry !== folder && path.posix.dirname(entry) === folder) {
        names.add(path.posix.basename(entry));
      }
    }
    return [...names];
  }

  private addDirectory(directory: string): void {
    for (let current = directory; !this.directories.has(current);) {
      this.directories.add(current);
      current = path.posix.dirname(current);
    }
  }
}

function normalize(filePath: string): string {
  if (!path.posix.isAbsolute(filePath)) {
    throw new Error(`MemoryFileSystem wants absolute paths, got ${filePath}`);
  }
  const normalized = path.posix.normalize(filePath);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
