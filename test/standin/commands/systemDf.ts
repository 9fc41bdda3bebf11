/**
 * `system df` (0.7+), in the shape of Apple's SystemDF.swift and DiskUsage.swift
 * (unchanged 0.7.0 through 1.2.2 and today's main; see the README): a TYPE /
 * TOTAL / ACTIVE / SIZE / RECLAIMABLE table, or `--format json` as
 * DiskUsageStats, pretty-printed with sorted keys. The figures are podman's
 * real sizes for this state folder's images, containers and volumes, counted
 * the way Apple's DiskUsageService counts them.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Context } from '../context';
import { INFRA_PREFIX } from '../images/store';
import { encodeJson, PRETTY_SORTED, type JsonValue } from '../json';
import { loadSnapshots } from '../containers/runtime';
import { podmanVolumeName, STATE_LABEL } from '../podman/createArgs';
import { podman, podmanOk } from '../podman/podman';
import { fullSize } from '../render/images';
import { formatTable } from '../render/table';
import { readVolumes } from '../state/volumes';
import type { Snapshot } from '../model/types';
import { requireService, unsupportedFormat } from './common';

/** Apple's ResourceUsage. */
interface ResourceUsage {
  total: number;
  active: number;
  sizeInBytes: number;
  reclaimable: number;
}

interface PodmanImageEntry {
  readonly Id?: string;
  readonly Names?: readonly string[];
  readonly Size?: number;
}

/**
 * Images: every reference `image list` shows counts, active when a container
 * (running or not) uses it; bytes count once per image ID, and an ID no
 * container uses is reclaimable. One podman call for the whole store.
 */
async function imageUsage(snapshots: readonly Snapshot[]): Promise<ResourceUsage> {
  const used = new Set(snapshots.map((s) => s.record.configuration.image.reference));
  const stdout = await podmanOk(['images', '--format', 'json'], 'images');
  // podman may list an image once per tag, each entry with all its names.
  const idByName = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const image of JSON.parse(stdout === '' ? '[]' : stdout) as PodmanImageEntry[]) {
    for (const name of image.Names ?? []) {
      if (image.Id !== undefined && !name.startsWith(INFRA_PREFIX)) {
        idByName.set(name, image.Id);
        sizes.set(image.Id, image.Size ?? 0);
      }
    }
  }
  const activeIds = new Set<string>();
  let active = 0;
  for (const [name, id] of idByName) {
    if (used.has(name)) {
      active++;
      activeIds.add(id);
    }
  }
  const total = idByName.size;
  let sizeInBytes = 0;
  let reclaimable = 0;
  for (const [id, size] of sizes) {
    sizeInBytes += size;
    reclaimable += activeIds.has(id) ? 0 : size;
  }
  return { total, active, sizeInBytes, reclaimable };
}

interface PodmanSizedEntry {
  readonly Names?: readonly string[];
  readonly Size?: { readonly rootFsSize?: number };
}

/**
 * Containers: each one's root filesystem (Apple's bundle holds a whole
 * rootfs image; podman's rootFsSize is the same idea), active when running,
 * reclaimable when stopped. The builder has no podman container: 0 bytes.
 */
async function containerUsage(
  ctx: Context,
  snapshots: readonly Snapshot[],
): Promise<ResourceUsage> {
  const stdout = await podmanOk(
    [
      'ps',
      '--all',
      '--size',
      '--format',
      'json',
      '--filter',
      `label=${STATE_LABEL}=${ctx.paths.tag}`,
    ],
    'ps',
  );
  const sizeByName = new Map<string, number>();
  for (const entry of JSON.parse(stdout === '' ? '[]' : stdout) as PodmanSizedEntry[]) {
    for (const name of entry.Names ?? []) {
      sizeByName.set(name, entry.Size?.rootFsSize ?? 0);
    }
  }
  const usage: ResourceUsage = { total: 0, active: 0, sizeInBytes: 0, reclaimable: 0 };
  for (const { record, state } of snapshots) {
    const size = record.podmanName === undefined ? 0 : (sizeByName.get(record.podmanName) ?? 0);
    usage.total++;
    usage.sizeInBytes += size;
    if (state === 'running') {
      usage.active++;
    } else {
      usage.reclaimable += size;
    }
  }
  return usage;
}

/** Allocated bytes under a folder, as FileManager.allocatedSize adds them up. */
function allocatedSize(path: string): number {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 0;
  }
  let bytes = stat.blocks * 512;
  if (stat.isDirectory()) {
    let names: string[] = [];
    try {
      names = readdirSync(path);
    } catch {
      // An unreadable folder (a container's own 0700 one) counts as what its inode takes.
    }
    for (const name of names) {
      bytes += allocatedSize(join(path, name));
    }
  }
  return bytes;
}

/** Volumes: each one's data, active when any container mounts it, else reclaimable. */
async function volumeUsage(ctx: Context, snapshots: readonly Snapshot[]): Promise<ResourceUsage> {
  const mounted = new Set<string>();
  for (const { record } of snapshots) {
    for (const mount of record.configuration.mounts) {
      if ('volume' in mount.type) {
        mounted.add(mount.type.volume.name);
      }
    }
  }
  const volumes = readVolumes(ctx.paths);
  const usage: ResourceUsage = { total: volumes.length, active: 0, sizeInBytes: 0, reclaimable: 0 };
  if (volumes.length === 0) {
    return usage;
  }
  const inspected = await podman([
    'volume',
    'inspect',
    '--format',
    '{{.Name}}\t{{.Mountpoint}}',
    ...volumes.map((v) => podmanVolumeName(ctx.paths.tag, v.name)),
  ]);
  const mountpoints = new Map(
    inspected.stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cells): cells is [string, string] => cells.length === 2),
  );
  for (const volume of volumes) {
    const mountpoint = mountpoints.get(podmanVolumeName(ctx.paths.tag, volume.name));
    const size = mountpoint === undefined ? 0 : allocatedSize(mountpoint);
    usage.sizeInBytes += size;
    if (mounted.has(volume.name)) {
      usage.active++;
    } else {
      usage.reclaimable += size;
    }
  }
  return usage;
}

/** SystemDF.formatSize: "0 B" for nothing, else ByteCountFormatter's file style. */
function formatSize(bytes: number): string {
  return bytes === 0 ? '0 B' : fullSize(bytes);
}

function formatReclaimable(usage: ResourceUsage): string {
  const size = formatSize(usage.reclaimable);
  if (usage.sizeInBytes === 0) {
    return `${size} (0%)`;
  }
  const percent = Math.min(100, Math.round((usage.reclaimable / usage.sizeInBytes) * 100));
  return `${size} (${percent}%)`;
}

function row(type: string, usage: ResourceUsage): string[] {
  return [
    type,
    String(usage.total),
    String(usage.active),
    formatSize(usage.sizeInBytes),
    formatReclaimable(usage),
  ];
}

function usageJson(usage: ResourceUsage): JsonValue {
  return { ...usage };
}

export const systemDf: Command = async (ctx, invocation) => {
  const format = invocation.options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  requireService(ctx);
  const snapshots = await loadSnapshots(ctx);
  const [images, containers, volumes] = await Promise.all([
    imageUsage(snapshots),
    containerUsage(ctx, snapshots),
    volumeUsage(ctx, snapshots),
  ]);
  if (format === 'json') {
    const stats = {
      containers: usageJson(containers),
      images: usageJson(images),
      volumes: usageJson(volumes),
    };
    ctx.print(encodeJson(stats, PRETTY_SORTED));
    return 0;
  }
  ctx.print(
    formatTable([
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      row('Images', images),
      row('Containers', containers),
      row('Local Volumes', volumes),
    ]),
  );
  return 0;
};
