/**
 * Starting and stopping containers on podman while keeping the records in
 * step: addresses are handed out at start and taken back at stop (see
 * addresses.ts). The podman
 * container is created once and only ever stopped and started again, so its
 * root filesystem survives stop/start as Apple's does.
 */
import type { Context } from '../context';
import type { ContainerRecord } from '../model/types';
import { podman, podmanAttached, podmanFailure } from '../podman/podman';
import { withLock } from '../state/lock';
import { readRecord, writeRecord } from '../state/store';
import { recordPodmanAddresses, reserveAddresses } from './addresses';
import { destroy, loadSnapshots, markStopped } from './runtime';
import { checkVolumeSharing } from './volumeSharing';

/** Whether podman gives containers real addresses (a netns), or they are made up. */
function realNetworking(ctx: Context, record: ContainerRecord): boolean {
  return ctx.host.netns !== undefined && record.podmanName !== undefined;
}

function markRunning(ctx: Context, id: string, attached: boolean): void {
  withLock(ctx.paths.lock, () => {
    const record = readRecord(ctx.paths, id);
    if (!record) {
      return;
    }
    record.state = 'running';
    record.startedDate = new Date().toISOString();
    delete record.stopping;
    if (attached) {
      record.attachedPid = process.pid;
    }
    writeRecord(ctx.paths, record);
  });
}

/** `podman create` for a record that has none yet. */
export async function createPodmanContainer(record: ContainerRecord): Promise<void> {
  if (!record.podman) {
    return;
  }
  const result = await podman([
    ...record.podman.createArgs,
    record.podman.image,
    ...record.configuration.initProcess.arguments,
  ]);
  if (result.code !== 0) {
    throw podmanFailure('create', result);
  }
}

/**
 * A podman container that has gone missing (podman's store reset under us) is
 * created again from the record: the root filesystem is new, but `start` works.
 */
async function ensurePodmanContainer(record: ContainerRecord): Promise<void> {
  if (record.podmanName === undefined) {
    return;
  }
  if ((await podman(['container', 'exists', record.podmanName])).code !== 0) {
    await createPodmanContainer(record);
  }
}

/** Starts a stopped container in the background. */
export async function startDetached(ctx: Context, record: ContainerRecord): Promise<void> {
  const id = record.configuration.id;
  checkVolumeSharing(record, await loadSnapshots(ctx));
  await ensurePodmanContainer(record);
  if (!realNetworking(ctx, record)) {
    reserveAddresses(ctx, id);
  }
  if (record.podmanName !== undefined) {
    const result = await podman(['start', record.podmanName]);
    if (result.code !== 0) {
      markStopped(ctx, id);
      throw podmanFailure('start', result);
    }
  }
  markRunning(ctx, id, false);
  if (realNetworking(ctx, record)) {
    await recordPodmanAddresses(ctx, record);
  }
}

/**
 * Starts a container attached to our stdio and waits for its process: the
 * exit code is the process's. Afterwards it is stopped, and gone if `--rm`.
 */
export async function startAttached(
  ctx: Context,
  record: ContainerRecord,
  interactive: boolean,
): Promise<number> {
  const id = record.configuration.id;
  const podmanName = record.podmanName ?? id;
  checkVolumeSharing(record, await loadSnapshots(ctx));
  await ensurePodmanContainer(record);
  const real = realNetworking(ctx, record);
  if (!real) {
    reserveAddresses(ctx, id);
  }
  // Marked running before podman starts it: others must not take the
  // not-yet-started container for a stopped one (attachedPid says so).
  markRunning(ctx, id, true);
  const args = ['start', '--attach', ...(interactive ? ['--interactive'] : []), podmanName];
  let attached = true;
  const addresses = real ? recordPodmanAddresses(ctx, record, () => attached) : undefined;
  const code = await podmanAttached(args, interactive ? 'inherit' : 'ignore');
  attached = false;
  await addresses;
  const stopped = markStopped(ctx, id);
  if (stopped?.autoRemove) {
    await destroy(ctx, stopped);
  }
  return code;
}

function isRunning(result: { code: number; stdout: string }): boolean {
  return result.code === 0 && result.stdout.trim() === 'true';
}

async function waitStopped(podmanName: string, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const result = await podman([
      'container',
      'inspect',
      '--format',
      '{{.State.Running}}',
      podmanName,
    ]);
    if (!isRunning(result)) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Stops a container: `signal` (or the image's stop signal, or SIGTERM), then
 * SIGKILL after `seconds`. Stopping a stopped container does nothing.
 */
export async function stopContainer(
  ctx: Context,
  record: ContainerRecord,
  seconds: number,
  signal: string | undefined,
): Promise<void> {
  const id = record.configuration.id;
  if (record.podmanName !== undefined) {
    withLock(ctx.paths.lock, () => {
      const current = readRecord(ctx.paths, id);
      if (current && current.state === 'running') {
        current.stopping = true;
        writeRecord(ctx.paths, current);
      }
    });
    if (signal === undefined) {
      await podman(['stop', '--time', String(Math.max(0, seconds)), record.podmanName]);
    } else {
      await podman(['kill', '--signal', signal, record.podmanName]);
      if (!(await waitStopped(record.podmanName, Math.max(0, seconds)))) {
        await podman(['kill', '--signal', 'KILL', record.podmanName]);
        await waitStopped(record.podmanName, 10);
      }
    }
  }
  const stopped = markStopped(ctx, id);
  if (stopped?.autoRemove) {
    await destroy(ctx, stopped);
  }
}

/** Sends a signal; a container whose process dies of it is stopped. */
export async function killContainer(record: ContainerRecord, signal: string): Promise<void> {
  if (record.podmanName === undefined) {
    return;
  }
  const result = await podman(['kill', '--signal', signal, record.podmanName]);
  if (result.code !== 0) {
    throw podmanFailure('kill', result);
  }
}
