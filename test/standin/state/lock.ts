/**
 * A cross-process lock for the read-modify-write steps on the state folder
 * (name checks, IP allocation, record updates). Held for milliseconds, never
 * across a podman call that can take seconds. An O_EXCL lock file holding the
 * owner's pid; a lock whose owner has died is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const RETRY_MS = 10;
const GIVE_UP_MS = 30_000;
/** A lock older than this is stale even if its pid is alive (pid reuse). */
const STALE_MS = 60_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ownerIsGone(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) {
      return true;
    }
    if (!Number.isInteger(pid) || pid <= 0) {
      return false;
    }
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function acquire(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    if (ownerIsGone(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`stand-in: timed out waiting for the state lock ${path}`);
    }
    sleepSync(RETRY_MS);
  }
}

export function withLock<T>(path: string, body: () => T): T {
  acquire(path);
  try {
    return body();
  } finally {
    rmSync(path, { force: true });
  }
}
