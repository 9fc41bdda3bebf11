import { promises as fs } from 'node:fs';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import type { WorkspaceLocks } from '../core/engine/deps';
import { ConfigError } from '../core/errors';
import { describeHolder, readHolder, writeHolder, type LockHolder } from './lockHolder';
import { stateFolderError } from './stateErrors';

/**
 * One lock per dev container (and one for Slipway's SSH files), across
 * processes.
 *
 * The lock itself is `proper-lockfile` (widely used, e.g. by npm's own
 * tooling): the lock is a directory made with mkdir, which is atomic on
 * every file system, and its holder touches it every couple of seconds, so a
 * lock nobody has touched for `staleMs` belongs to a process that is gone.
 * No PID is guessed at: a crashed holder, a reused PID, an empty or corrupt
 * lock file left by a full disk all end the same way, with the lock going
 * stale. proper-lockfile's own stale takeover (stat, then rmdir) leaves a
 * window in which two waiters both "take over" the same stale lock, the
 * second removing the first's fresh one, and its rmdir cannot remove the
 * lock *file* an older Slipway left (possibly empty, after a full disk); so
 * Slipway breaks a stale lock itself, one waiter at a time (under a second
 * mkdir lock), and only after checking again that it is still stale.
 *
 * Who holds the lock (PID, process start, host, command, since when) is kept
 * beside it, so that a wait that goes on too long ends with an error naming
 * the holder and saying how to clear the lock.
 */

export interface FileLocksOptions {
  /** What the holder is doing, for others' messages: `slipway up`. */
  command?: string;
  /** How long to wait for another holder before giving up. */
  waitMs?: number;
  pollMs?: number;
  /** A lock untouched for this long is a dead holder's. */
  staleMs?: number;
  /** How often a holder touches its lock (proper-lockfile allows no less than 1 s). */
  updateMs?: number;
  /** Progress: the wait begins; a held lock was lost. */
  log?: (line: string) => void;
}

const DEFAULTS = { waitMs: 60_000, pollMs: 200, staleMs: 15_000, updateMs: 2_000 };
/** A breaker is held for milliseconds; one this old was left by a crash mid-break. */
const BREAKER_STALE_MS = 10_000;

export class FileLocks implements WorkspaceLocks {
  private readonly options: Required<Omit<FileLocksOptions, 'log'>> & Pick<FileLocksOptions, 'log'>;

  constructor(
    private readonly folder: string,
    options: FileLocksOptions = {},
  ) {
    this.options = {
      ...DEFAULTS,
      ...options,
      command: options.command ?? defaultCommand(),
    };
  }

  async acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>> {
    signal?.throwIfAborted();
    await fs
      .mkdir(this.folder, { recursive: true, mode: 0o700 })
      .catch((error: unknown) => Promise.reject(stateFolderError(error, this.folder)));
    const target = path.join(this.folder, key);
    const lockDir = `${target}.lock`;
    const holderFile = `${target}.holder.json`;
    const deadline = Date.now() + this.options.waitMs;
    let waiting = false;
    for (;;) {
      signal?.throwIfAborted();
      const release = await this.tryLock(target, lockDir, holderFile);
      if (release !== undefined) {
        return release;
      }
      if (await this.breakIfStale(lockDir, holderFile)) {
        continue;
      }
      const holder = await readHolder(holderFile);
      if (!waiting) {
        waiting = true;
        this.options.log?.(`Waiting for ${describeHolder(holder)} to finish...\n`);
      }
      if (Date.now() >= deadline) {
        throw await this.timedOut(lockDir, holder);
      }
      await sleep(this.options.pollMs, signal);
    }
  }

  /** The release function when the lock was free, `undefined` when someone holds it. */
  private async tryLock(
    target: string,
    lockDir: string,
    holderFile: string,
  ): Promise<(() => Promise<void>) | undefined> {
    let compromised = false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(target, {
        lockfilePath: lockDir,
        realpath: false,
        retries: 0,
        // Staleness is decided (and broken) by breakIfStale, never by proper-lockfile.
        stale: Number.POSITIVE_INFINITY,
        update: this.options.updateMs,
        fs: withHolderRemoval(holderFile),
        onCompromised: (error) => {
          // The default throws from a timer, ending the process. The lock was
          // lost (removed by hand, or taken over after the machine slept):
          // the work goes on, but the user should know it was unprotected.
          compromised = true;
          this.options.log?.(
            `Slipway's lock ${lockDir} was lost (${error.message}); another Slipway may now work on this dev container at the same time.\n`,
          );
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        return undefined;
      }
      throw stateFolderError(error, lockDir);
    }
    // Who holds it, for others' messages; without it (a full disk) the lock still holds.
    await writeHolder(holderFile, this.options.command).catch(() => undefined);
    let released = false;
    return async () => {
      if (released || compromised) {
        return;
      }
      released = true;
      await release().catch(() => undefined);
    };
  }

  /** Removes a stale lock, one waiter at a time; true when the caller should try again at once. */
  private async breakIfStale(lockDir: string, holderFile: string): Promise<boolean> {
    const before = await fs.lstat(lockDir).catch(() => undefined);
    if (before === undefined) {
      return true;
    }
    if (!this.isStale(before, this.options.staleMs)) {
      return false;
    }
    const breaker = `${lockDir}.break`;
    try {
      await fs.mkdir(breaker);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw stateFolderError(error, breaker);
      }
      const held = await fs.lstat(breaker).catch(() => undefined);
      if (held !== undefined && this.isStale(held, BREAKER_STALE_MS)) {
        await fs.rmdir(breaker).catch(() => undefined);
      }
      return false;
    }
    try {
      // Another waiter may have broken it and taken a fresh lock meanwhile.
      const now = await fs.lstat(lockDir).catch(() => undefined);
      if (now !== undefined && this.isStale(now, this.options.staleMs)) {
        await fs.rm(holderFile, { force: true });
        // A directory from proper-lockfile, or a file from an older Slipway (maybe empty).
        await fs.rm(lockDir, { recursive: true, force: true });
      }
    } finally {
      await fs.rmdir(breaker).catch(() => undefined);
    }
    return true;
  }

  private isStale(stats: nodeFs.Stats, ageMs: number): boolean {
    return stats.mtimeMs < Date.now() - ageMs;
  }

  private async timedOut(lockDir: string, holder: LockHolder | undefined): Promise<ConfigError> {
    const seconds = Math.round(this.options.waitMs / 1000);
    return new ConfigError(
      `Another Slipway is working on this dev container: ${describeHolder(holder)}. ` +
        `Gave up after waiting ${seconds} s: wait for it to finish, then try again. ` +
        `If no Slipway is running any more, remove the lock folder ${lockDir}.`,
    );
  }
}

/**
 * proper-lockfile removes the lock through this `fs` (on release, and on
 * exit): the holder record goes first, so a record exists only while its lock does.
 */
function withHolderRemoval(holderFile: string): typeof nodeFs {
  return {
    ...nodeFs,
    rmdir: ((dir: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
      nodeFs.rm(holderFile, { force: true }, () => nodeFs.rmdir(dir, callback));
    }) as typeof nodeFs.rmdir,
    rmdirSync: ((dir: string) => {
      nodeFs.rmSync(holderFile, { force: true });
      nodeFs.rmdirSync(dir);
    }) as typeof nodeFs.rmdirSync,
  };
}

function defaultCommand(): string {
  const script = process.argv[1];
  return script === undefined ? path.basename(process.execPath) : path.basename(script);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
