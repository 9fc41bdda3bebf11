import { promises as fs } from 'node:fs';
import { loadExeca } from './execa';

/**
 * A process is its PID *and* its start time: PIDs are reused, so "is PID N
 * alive?" alone says nothing about whether N is still the process that wrote
 * a marker or took a lock. The start time is read the way each system keeps
 * it (Linux: field 22 of /proc/<pid>/stat, in clock ticks since boot; macOS:
 * `ps -o lstart=`), and only ever compared with another reading of the same
 * kind, never converted.
 */

/** An opaque token for the process's start, or `undefined` when there is no such process (or no way to tell). */
export async function processStartToken(pid: number): Promise<string | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) {
    return undefined;
  }
  if (process.platform === 'linux') {
    try {
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces or
      // parentheses itself: count fields after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = fields[19];
      return ticks !== undefined && /^\d+$/.test(ticks) ? `linux:${ticks}` : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'darwin') {
    try {
      const { execa } = await loadExeca();
      const { stdout } = await execa('/bin/ps', ['-o', 'lstart=', '-p', String(pid)], {
        timeout: 3_000,
      });
      return stdout.trim() === '' ? undefined : `darwin:${stdout.trim()}`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether a PID names some process now (of any user). */
export function pidExists(pid: number): boolean {
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

/**
 * Whether the process that had `pid` and start `token` is still running.
 * Without a token (a marker from an older Slipway, or a system where the
 * start cannot be read) the PID alone decides, as before.
 */
export async function isSameProcessAlive(pid: number, token: string | undefined): Promise<boolean> {
  if (!pidExists(pid)) {
    return false;
  }
  if (token === undefined || token === '') {
    return true;
  }
  const now = await processStartToken(pid);
  return now === undefined ? true : now === token;
}

/** When this process started, as a wall-clock time (for messages). */
export function ownStartTime(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}
