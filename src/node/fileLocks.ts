import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceLocks } from '../core/engine/deps';

/**
 * One lock file per dev container, created exclusively (`wx`), holding the
 * owner's pid. A lock whose owner is gone is taken over, so a crashed `up`
 * never blocks the next one.
 */
export class FileLocks implements WorkspaceLocks {
  constructor(
    private readonly folder: string,
    private readonly pollMs = 100,
  ) {}

  async acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>> {
    await fs.mkdir(this.folder, { recursive: true });
    const file = path.join(this.folder, `${key}.lock`);
    for (;;) {
      signal?.throwIfAborted();
      try {
        await fs.writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
        let released = false;
        return async () => {
          if (!released) {
            released = true;
            await fs.rm(file, { force: true });
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
      }
      if (await this.ownerIsGone(file)) {
        await fs.rm(file, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async ownerIsGone(file: string): Promise<boolean> {
    const pid = Number(await fs.readFile(file, 'utf8').catch(() => ''));
    if (!Number.isInteger(pid) || pid <= 0) {
      return false;
    }
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}
