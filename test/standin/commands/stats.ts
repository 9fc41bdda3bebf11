/**
 * `container stats` in its static form (`--no-stream`, or any non-table
 * format): two samples about 2 s apart, as Apple takes them to compute CPU %.
 * CONTAINER_STANDIN_STATS_INTERVAL_MS shortens the wait for tests. The
 * streaming form (alternate screen, redraw every 2 s) is not modelled: the
 * stand-in prints one static sample for it.
 */
import type { Command } from '../context';
import { loadSnapshots } from '../containers/runtime';
import { AppleError } from '../errors';
import type { JsonValue } from '../json';
import type { Snapshot } from '../model/types';
import { podman } from '../podman/podman';
import { formatTable } from '../render/table';
import { LIST_FAILED, printListJson, requireService, sleep, unsupportedFormat } from './common';

interface Sample {
  readonly id: string;
  readonly memoryUsageBytes?: number;
  readonly memoryLimitBytes: number;
  readonly cpuUsageUsec?: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly blockReadBytes?: number;
  readonly blockWriteBytes?: number;
  readonly numProcesses?: number;
}

interface PodmanStats {
  readonly name?: string;
  readonly cpu_time?: string;
  readonly mem_usage?: string;
  readonly block_io?: string;
  readonly pids?: string;
}

const SI: Readonly<Record<string, number>> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** podman's "1.872MB" (decimal units). */
function bytes(text: string | undefined): number | undefined {
  const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec((text ?? '').trim());
  return match ? Math.round(Number(match[1]) * (SI[match[2] ?? 'B'] ?? 1)) : undefined;
}

/** A Go duration such as "1m2.5s" or "68.997336ms", in microseconds. */
function microseconds(text: string | undefined): number | undefined {
  const units: Readonly<Record<string, number>> = {
    h: 3.6e9,
    m: 6e7,
    s: 1e6,
    ms: 1e3,
    us: 1,
    µs: 1,
    ns: 1e-3,
  };
  let total = 0;
  let matched = false;
  for (const [, value, unit] of (text ?? '').matchAll(/([\d.]+)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number(value) * (units[unit ?? 's'] ?? 0);
    matched = true;
  }
  return matched ? Math.round(total) : undefined;
}

async function sample(snapshots: readonly Snapshot[]): Promise<Map<string, Sample>> {
  const byName = new Map(
    snapshots.flatMap((s) => (s.record.podmanName ? [[s.record.podmanName, s] as const] : [])),
  );
  const result = new Map<string, Sample>();
  const names = [...byName.keys()];
  const raw =
    names.length === 0
      ? undefined
      : await podman(['stats', '--no-stream', '--format', 'json', ...names]);
  const entries = raw?.code === 0 ? (JSON.parse(raw.stdout) as PodmanStats[]) : [];
  for (const entry of entries) {
    const snapshot = byName.get(entry.name ?? '');
    if (!snapshot) {
      continue;
    }
    const [read, write] = (entry.block_io ?? '').split('/');
    result.set(snapshot.record.configuration.id, {
      id: snapshot.record.configuration.id,
      memoryUsageBytes: bytes(entry.mem_usage?.split('/')[0]),
      // The VM's memory is the limit Apple reports.
      memoryLimitBytes: snapshot.record.configuration.resources.memoryInBytes,
      cpuUsageUsec: microseconds(entry.cpu_time),
      // No network here; a real VM would count its traffic.
      networkRxBytes: 0,
      networkTxBytes: 0,
      blockReadBytes: bytes(read),
      blockWriteBytes: bytes(write),
      numProcesses: entry.pids === undefined ? undefined : Number(entry.pids),
    });
  }
  for (const snapshot of snapshots) {
    const id = snapshot.record.configuration.id;
    if (!result.has(id)) {
      result.set(id, {
        id,
        memoryLimitBytes: snapshot.record.configuration.resources.memoryInBytes,
        networkRxBytes: 0,
        networkTxBytes: 0,
      });
    }
  }
  return result;
}

function formatBytes(value: number): string {
  const kib = 1024;
  const mib = kib * 1024;
  const gib = mib * 1024;
  if (value >= gib) {
    return `${(value / gib).toFixed(2)} GiB`;
  }
  return value >= mib ? `${(value / mib).toFixed(2)} MiB` : `${(value / kib).toFixed(2)} KiB`;
}

function row(first: Sample, second: Sample, intervalUsec: number): string[] {
  const na = '--';
  const cpu =
    first.cpuUsageUsec !== undefined && second.cpuUsageUsec !== undefined
      ? `${((Math.max(0, second.cpuUsageUsec - first.cpuUsageUsec) / intervalUsec) * 100).toFixed(2)}%`
      : na;
  const pair = (a?: number, b?: number): string =>
    `${a === undefined ? na : formatBytes(a)} / ${b === undefined ? na : formatBytes(b)}`;
  return [
    second.id,
    cpu,
    pair(second.memoryUsageBytes, second.memoryLimitBytes),
    pair(second.networkRxBytes, second.networkTxBytes),
    pair(second.blockReadBytes, second.blockWriteBytes),
    second.numProcesses === undefined ? na : String(second.numProcesses),
  ];
}

function selected(snapshots: readonly Snapshot[], ids: readonly string[]): Snapshot[] {
  if (ids.length === 0) {
    return snapshots.filter((s) => s.state === 'running');
  }
  for (const id of ids) {
    if (!snapshots.some((s) => s.record.configuration.id === id)) {
      throw new AppleError('notFound', `no such container: ${id}`);
    }
  }
  // Stopped containers that were named are silently skipped.
  return snapshots.filter((s) => ids.includes(s.record.configuration.id) && s.state === 'running');
}

export const stats: Command = async (ctx, invocation) => {
  requireService(ctx, LIST_FAILED);
  const format = invocation.options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const shown = selected(await loadSnapshots(ctx), invocation.positionals);
  const interval = Number(ctx.env.CONTAINER_STANDIN_STATS_INTERVAL_MS ?? '2000');
  const first = await sample(shown);
  await sleep(interval);
  const second = await sample(shown);
  const ids = shown.map((s) => s.record.configuration.id);
  if (format === 'json') {
    printListJson(
      ctx,
      ids.map((id) => second.get(id) as unknown as JsonValue),
    );
    return 0;
  }
  const header = ['Container ID', 'Cpu %', 'Memory Usage', 'Net Rx/Tx', 'Block I/O', 'Pids'];
  const rows = ids.map((id) =>
    row(first.get(id) as Sample, second.get(id) as Sample, interval * 1000),
  );
  ctx.print(formatTable([header, ...rows]));
  return 0;
};
