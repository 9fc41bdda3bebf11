import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FeatureContextFile } from '../../core/features/buildContext';
import { fileProblem } from '../workspaceFiles';

/**
 * The two things done with Feature folders on disk: hashing a local
 * Feature's folder (its identity in the Features image tag, so that an
 * edited local Feature is built again), and writing a generated build
 * context.
 */

/** sha256 over every entry's relative path, kind, executable bit and content, in a fixed order. */
export async function hashFeatureFolder(folder: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (relative: string): Promise<void> => {
    const entries = await fs.readdir(path.join(folder, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = path.posix.join(relative, entry.name);
      const full = path.join(folder, name);
      if (entry.isDirectory()) {
        hash.update(`d ${name}\0`);
        await visit(name);
      } else if (entry.isSymbolicLink()) {
        hash.update(`l ${name}\0${await fs.readlink(full)}\0`);
      } else if (entry.isFile()) {
        const { mode } = await fs.stat(full);
        // Only the executable bit survives into the image in a way that matters.
        hash.update(`f ${name} ${mode & 0o111 ? 'x' : '-'}\0`);
        // Streamed: a local Feature may hold files too big to read at once.
        for await (const chunk of createReadStream(full)) {
          hash.update(chunk as Buffer);
        }
        hash.update('\0');
      }
    }
  };
  await visit('');
  return `sha256:${hash.digest('hex')}`;
}

/** Writes the files in order into a new temporary folder: copied folders first, then generated files. */
export async function writeFeaturesContext(
  files: readonly FeatureContextFile[],
): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'slipway-features-'));
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  try {
    for (const file of files) {
      const target = path.join(dir, ...file.path.split('/'));
      if (file.source !== undefined) {
        // Shared cache folders are copied, never linked: the build may not change them.
        // Links are copied as written: fs.cp would otherwise point relative
        // ones at this machine's cache, a path that means nothing in the image.
        // A FIFO or socket in a local Feature's folder cannot be copied: say which.
        await fs
          .cp(file.source, target, {
            recursive: true,
            preserveTimestamps: true,
            verbatimSymlinks: true,
          })
          .catch((error: unknown) => Promise.reject(fileProblem(error, file.source ?? '')));
        continue;
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, { mode: file.mode });
      // The umask may have taken bits away; the mode is part of what is built.
      await fs.chmod(target, file.mode);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { dir, dispose };
}
