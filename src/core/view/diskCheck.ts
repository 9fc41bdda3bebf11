import * as semver from 'semver';
import { describeSize, GIB } from '../plan/sizes';
import type { SetupCheck, SetupProbe } from './checkSetup';
import type { DiskUsage } from './diskUsage';

/**
 * Check Setup's disk row from `system df`: what images, containers and
 * volumes take, what removing the unused ones would free, and the commands
 * that free it on the release in use (reference §1 and Apple's sources:
 * `system df` and `image prune -a` 0.7, `prune` 0.9, `volume prune` 0.6,
 * `clean <ids>` 1.4.1).
 */

const WHY =
  'Images, containers and volumes live on the Mac’s disk and are not freed until removed.';
const DF_SINCE = '0.7.0';
const PRUNE_SINCE = '0.9.0';
const CLEAN_SINCE = '1.4.1';
/**
 * Past this much reclaimable the row warns: a few GiB is a normal cache of
 * images, tens of GiB is disk a Mac user wants back.
 */
export const RECLAIMABLE_WARN_BYTES = 10 * GIB;

function part(name: string, usage: DiskUsage['images']): string {
  const free = usage.reclaimable > 0 ? ` (${describeSize(usage.reclaimable)} reclaimable)` : '';
  return `${name} ${describeSize(usage.sizeInBytes)}${free}`;
}

/** The commands that free what `system df` calls reclaimable, for this release. */
function freeingCommands(usage: DiskUsage, client: string | null, runningIds: string[]): string[] {
  const commands: string[] = [];
  if (usage.images.reclaimable > 0) {
    // Without -a, prune removes only untagged images; df counts every unused one.
    commands.push('`container image prune -a` removes images no container uses');
  }
  if (usage.containers.reclaimable > 0) {
    commands.push(
      client !== null && semver.gte(client, PRUNE_SINCE)
        ? '`container prune` removes stopped containers'
        : '`container delete <ids>` removes stopped containers',
    );
  }
  if (usage.volumes.reclaimable > 0) {
    commands.push('`container volume prune` removes volumes no container mounts');
  }
  if (client !== null && semver.gte(client, CLEAN_SINCE) && runningIds.length > 0) {
    commands.push(
      `\`container clean ${runningIds.join(' ')}\` returns the blocks running containers freed`,
    );
  }
  return commands;
}

export function diskCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'disk', title: 'Disk used', why: WHY };
  const client = probe.cli.found ? semver.valid(probe.cli.version ?? '') : null;
  if (client !== null && semver.lt(client, DF_SINCE)) {
    return {
      ...base,
      status: 'skipped',
      detail: `container ${client} has no \`system df\` (it arrived in 0.7.0).`,
      actions: [],
    };
  }
  const { disk } = probe;
  if (disk === undefined) {
    return { ...base, status: 'skipped', detail: 'Needs the running service.', actions: [] };
  }
  if ('error' in disk) {
    const detail = `\`container system df\` failed: ${disk.error}`;
    return { ...base, status: 'skipped', detail, actions: [] };
  }
  const { usage } = disk;
  const used = usage.images.sizeInBytes + usage.containers.sizeInBytes + usage.volumes.sizeInBytes;
  const reclaimable =
    usage.images.reclaimable + usage.containers.reclaimable + usage.volumes.reclaimable;
  const runningIds = Array.isArray(probe.containers)
    ? probe.containers.filter((c) => c.state === 'running' && c.builder !== true).map((c) => c.id)
    : [];
  const commands = freeingCommands(usage, client, runningIds);
  const detail =
    `${describeSize(used)} used, ${describeSize(reclaimable)} reclaimable: ` +
    `${part('images', usage.images)}, ${part('containers', usage.containers)}, ` +
    `${part('volumes', usage.volumes)}.` +
    (commands.length > 0 ? ` ${commands.join('; ')}.` : '');
  if (reclaimable >= RECLAIMABLE_WARN_BYTES) {
    return {
      ...base,
      status: 'warning',
      detail,
      fix: `Free ${describeSize(reclaimable)}: ${commands.join('; ')}.`,
      actions: [],
    };
  }
  return { ...base, status: 'ok', detail, actions: [] };
}
