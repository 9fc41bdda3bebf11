import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isSameProcessAlive, processStartToken } from './processIdentity';
import { stateFolderError } from './stateErrors';

/**
 * Which editor processes have a window open on which container, as one
 * marker file per process under Slipway's state folder: named by the PID,
 * holding the process's start time. A marker counts only while that very
 * process runs: not after a crash, and not when its PID has been reused by
 * some other process (which would otherwise keep the container running
 * after its last window closed).
 */
export class WindowRegistry {
  constructor(private readonly folder: string) {}

  private dir(containerId: string): string {
    return path.join(this.folder, encodeURIComponent(containerId));
  }

  async register(containerId: string, pid: number = process.pid): Promise<void> {
    const marker = path.join(this.dir(containerId), String(pid));
    const started = (await processStartToken(pid)) ?? '';
    try {
      await fs.mkdir(this.dir(containerId), { recursive: true, mode: 0o700 });
      await fs.writeFile(marker, started, { mode: 0o600 });
    } catch (error) {
      throw stateFolderError(error, marker);
    }
  }

  /** Removes this process's marker; returns how many live windows are left. */
  async unregister(containerId: string, pid: number = process.pid): Promise<number> {
    await fs.rm(path.join(this.dir(containerId), String(pid)), { force: true });
    const entries = await fs.readdir(this.dir(containerId)).catch(() => [] as string[]);
    let live = 0;
    for (const entry of entries) {
      const marker = path.join(this.dir(containerId), entry);
      // A marker that cannot be read is some other file, or one being written: not a window.
      const started = await fs.readFile(marker, 'utf8').catch(() => undefined);
      if (started !== undefined && (await isSameProcessAlive(Number(entry), started.trim()))) {
        live++;
      } else {
        await fs.rm(marker, { force: true });
      }
    }
    return live;
  }
}
