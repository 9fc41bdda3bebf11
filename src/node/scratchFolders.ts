import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ScratchFile, ScratchFolders } from '../core/engine/deps';

/**
 * Slipway's temporary folders for generated build inputs: made with
 * mkdtemp (mode 0700, a fresh name each time), so nothing is ever written
 * into the user's workspace and another user cannot swap the file in
 * between the write and the build.
 */
export const tempScratchFolders: ScratchFolders = {
  async write(files: readonly ScratchFile[]) {
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'slipway-build-'));
    const dispose = () => fs.rm(dir, { recursive: true, force: true });
    try {
      for (const file of files) {
        const target = path.join(dir, ...file.path.split('/'));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.content, { mode: file.mode });
      }
    } catch (error) {
      await dispose();
      throw error;
    }
    return { dir, dispose };
  },
};
