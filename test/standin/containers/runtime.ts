/**
 * The live state of the containers: the records, checked against what podman
 * says. A container whose process has exited is `stopped` whatever the record
 * remembers (Apple's containers live as long as their init process), and one
 * made with `--rm` is deleted the first time it is seen stopped.
 */
import type { Context } from '../context';
import type { ContainerRecord, RuntimeState, Snapshot } from '../model/types';
import { podman, podmanOk } from '../podman/podman';
import { STATE_LABEL } from '../podman/createArgs';
import { withLock } from '../state/lock';
import { readAllRecords, readRecord, removeRecord, writeRecord } from '../state/store';

interface PodmanPsEntry {
  readonly Names?: readonly string[];
  readonly State?: string;
}

/** podman's state per podman container name, for this state folder's containers. */
export async function podmanStates(ctx: Context): Promise<Map<string, string>> {
  const stdout = await podmanOk(
    ['ps', '--all', '--format', 'json', '--filter', `label=${STATE_LABEL}=${ctx.paths.tag}`],
    'ps',
  );
  const entries = JSON.parse(stdout === '' ? '[]' : stdout) as PodmanPsEntry[];
  const states = new Map<string, string>();
  for (const entry of entries) {
    for (const name of entry.Names ?? []) {
      states.set(name, entry.State ?? 'unknown');
    }
  }
  return states;
}

/** Whether an attached run/start still owns the record (see ContainerRecord.attachedPid). */
export function attachedElsewhere(record: ContainerRecord): boolean {
  if (record.attachedPid === undefined || record.attachedPid === process.pid) {
    return false;
  }
  try {
    process.kill(record.attachedPid, 0);
    return true;
  } catch {
    return false;
  }
}

function liveState(record: ContainerRecord, podmanStateByName: Map<string, string>): RuntimeState {
  if (record.podmanName === undefined) {
    // The builder has no podman container: the record is the truth.
    return record.state;
  }
  const state = podmanStateByName.get(record.podmanName);
  if (record.attachedPid !== undefined && attachedElsewhere(record) && state !== 'exited') {
    // Still being started by an attached run: about to be running.
    return record.stopping === true ? 'stopping' : 'running';
  }
  if (state === 'running') {
    return record.stopping === true ? 'stopping' : 'running';
  }
  if (state === 'stopping') {
    return 'stopping';
  }
  return 'stopped';
}

/** Marks a record stopped: no IP, no longer stopping. */
export function markStopped(ctx: Context, id: string): ContainerRecord | undefined {
  return withLock(ctx.paths.lock, () => {
    const record = readRecord(ctx.paths, id);
    if (!record) {
      return undefined;
    }
    record.state = 'stopped';
    delete record.attachments;
    delete record.stopping;
    delete record.attachedPid;
    writeRecord(ctx.paths, record);
    return record;
  });
}

/** Removes a container for good: its podman container (and process) and its record. */
export async function destroy(ctx: Context, record: ContainerRecord): Promise<void> {
  if (record.podmanName !== undefined) {
    await podman(['rm', '--force', '--time', '0', record.podmanName]);
  }
  withLock(ctx.paths.lock, () => removeRecord(ctx.paths, record.configuration.id));
}

/**
 * Every container with its live state, oldest first. Records that say running
 * but whose process is gone are brought up to date, and `--rm` ones removed.
 */
export async function loadSnapshots(ctx: Context): Promise<Snapshot[]> {
  const records = readAllRecords(ctx.paths);
  const states = records.some((r) => r.podmanName !== undefined)
    ? await podmanStates(ctx)
    : new Map<string, string>();
  const snapshots: Snapshot[] = [];
  for (const record of records) {
    const state = liveState(record, states);
    if (attachedElsewhere(record)) {
      // The attached process marks it stopped (and removes it) itself.
      snapshots.push({ record, state });
      continue;
    }
    if (state === 'stopped' && record.state === 'running') {
      const updated = markStopped(ctx, record.configuration.id) ?? record;
      if (updated.autoRemove) {
        await destroy(ctx, updated);
        continue;
      }
      snapshots.push({ record: updated, state });
      continue;
    }
    if (state === 'stopped' && record.autoRemove && record.startedDate !== undefined) {
      // Started once and now stopped: an --rm container's life is over.
      await destroy(ctx, record);
      continue;
    }
    snapshots.push({ record, state });
  }
  return snapshots;
}

export async function findSnapshot(ctx: Context, id: string): Promise<Snapshot | undefined> {
  if (readRecord(ctx.paths, id) === undefined) {
    return undefined;
  }
  return (await loadSnapshots(ctx)).find((s) => s.record.configuration.id === id);
}
