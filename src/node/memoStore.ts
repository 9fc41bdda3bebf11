import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicFile';
import { stateFolderError } from './stateErrors';
import type { ContainerMemo, MemoStore } from '../core/engine/deps';

/**
 * What Slipway learnt about a container (remote user, home, shell, probed
 * environment) kept as one JSON file per container, so that a second `up`
 * on a running container needs no set-up round trip. Files are 0600: the
 * probed environment can hold tokens from the user's profile.
 */
export class FileMemoStore implements MemoStore {
  constructor(private readonly folder: string) {}

  private file(containerId: string): string {
    return path.join(this.folder, `${encodeURIComponent(containerId)}.json`);
  }

  async read(containerId: string): Promise<ContainerMemo | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file(containerId), 'utf8')) as ContainerMemo;
    } catch {
      return undefined;
    }
  }

  async write(memo: ContainerMemo): Promise<void> {
    const file = this.file(memo.containerId);
    try {
      await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, JSON.stringify(memo));
    } catch (error) {
      throw stateFolderError(error, file);
    }
  }

  async forget(containerId: string): Promise<void> {
    await fs.rm(this.file(containerId), { force: true });
  }
}
