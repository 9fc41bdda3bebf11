import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Which editor processes have a window open on which container, as one
 * marker file per process under Slipway's state folder. A marker whose
 * process is gone (a crash) does not count, so the last window to close
 * really is the last.
 */
export class WindowRegistry {
  constructor(private readonly folder: string) {}

  private dir(containerId: string): string {
    return path.join(this.folder, encodeURIComponent(containerId));
  }

  async register(containerId: string, pid: number = process.pid): Promise<void> {
    await fs.mkdir(this.dir(containerId), { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(this.dir(containerId), String(pid)), '', { mode: 0o600 });
  }

  /** Removes this process's marker; returns how many live windows are left. */
  async unregister(containerId: string, pid: number = process.pid): Promise<number> {
    await fs.rm(path.join(this.dir(containerId), String(pid)), { force: true });
    const entries = await fs.readdir(this.dir(containerId)).catch(() => [] as string[]);
    let live = 0;
    for (const entry of entries) {
      if (isAlive(Number(entry))) {
        live++;
      } else {
        await fs.rm(path.join(this.dir(containerId), entry), { force: true });
      }
    }
    return live;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
