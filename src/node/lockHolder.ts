import { hostname } from 'node:os';
import { writeFileAtomic } from './atomicFile';
import { isSameProcessAlive, ownStartTime, processStartToken } from './processIdentity';
import { readWorkspaceText } from './workspaceFiles';

/** Who holds a lock, as the holder wrote it beside the lock. */
export interface LockHolder {
  pid: number;
  /** The process's start, as processStartToken reads it (to tell a reused PID apart). */
  startToken?: string;
  /** When the process started (ISO), for people. */
  startedAt: string;
  hostname: string;
  command: string;
  /** When it took the lock (ISO). */
  since: string;
  /** Set by readHolder: the process is on this machine and has ended. */
  gone?: boolean;
}

export async function writeHolder(file: string, command: string): Promise<void> {
  const holder: Omit<LockHolder, 'gone'> = {
    pid: process.pid,
    startToken: await processStartToken(process.pid),
    startedAt: ownStartTime().toISOString(),
    hostname: hostname(),
    command,
    since: new Date().toISOString(),
  };
  await writeFileAtomic(file, `${JSON.stringify(holder)}\n`);
}

/** The holder record, or `undefined` when there is none or it is not one (half written, or foreign). */
export async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    // A record is a few hundred bytes; anything bigger (or not a file) is not one.
    const text = await readWorkspaceText(file, 4096);
    if (text === undefined) {
      return undefined;
    }
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.command !== 'string') {
      return undefined;
    }
    const holder: LockHolder = {
      pid: value.pid,
      startedAt: String(value.startedAt ?? ''),
      hostname: String(value.hostname ?? ''),
      command: value.command,
      since: String(value.since ?? ''),
    };
    if (typeof value.startToken === 'string') {
      holder.startToken = value.startToken;
    }
    // Only a holder on this machine can be checked.
    if (
      holder.hostname === hostname() &&
      !(await isSameProcessAlive(holder.pid, holder.startToken))
    ) {
      holder.gone = true;
    }
    return holder;
  } catch {
    return undefined;
  }
}

/** "slipway up (pid 4242, started 15:02, holding the lock since 15:03)". */
export function describeHolder(holder: LockHolder | undefined): string {
  if (holder === undefined) {
    return 'another Slipway (it did not say which)';
  }
  const facts = [`pid ${holder.pid}`];
  if (holder.hostname !== hostname()) {
    facts.push(`on ${holder.hostname}`);
  }
  const started = clock(holder.startedAt);
  if (started !== undefined) {
    facts.push(`started ${started}`);
  }
  const since = clock(holder.since);
  if (since !== undefined) {
    facts.push(`holding the lock since ${since}`);
  }
  if (holder.gone === true) {
    facts.push('and that process has ended');
  }
  return `${holder.command} (${facts.join(', ')})`;
}

function clock(iso: string): string | undefined {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return undefined;
  }
  return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
}
