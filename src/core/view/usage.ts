import type { ContainerStats } from '../client/types';
import { describeSize } from '../plan/sizes';

/**
 * Live usage of running containers from `container stats --no-stream`.
 * Apple reports CPU as cumulative microseconds, so a percentage needs two
 * samples: this one and the one from the previous refresh.
 */

export interface StatsSample {
  stats: ContainerStats;
  /** Milliseconds (monotonic) when the sample was read. */
  atMs: number;
}

export interface ContainerUsage {
  /** Of one CPU, as `top` and Container Tools count it (200% = two busy cores); needs two samples. */
  cpuPercent?: number;
  memoryUsedBytes?: number;
  memoryLimitBytes?: number;
  processes?: number;
}

export function usageFrom(current: StatsSample, previous?: StatsSample): ContainerUsage {
  const usage: ContainerUsage = {};
  const now = current.stats.cpuUsageUsec;
  const before = previous?.stats.cpuUsageUsec;
  const elapsedUsec = previous === undefined ? 0 : (current.atMs - previous.atMs) * 1000;
  // A restarted container's counter starts again from zero: no percentage until the next sample.
  if (now !== undefined && before !== undefined && elapsedUsec > 0 && now >= before) {
    usage.cpuPercent = ((now - before) / elapsedUsec) * 100;
  }
  if (current.stats.memoryUsageBytes !== undefined) {
    usage.memoryUsedBytes = current.stats.memoryUsageBytes;
  }
  if (current.stats.memoryLimitBytes !== undefined) {
    usage.memoryLimitBytes = current.stats.memoryLimitBytes;
  }
  if (current.stats.numProcesses !== undefined) {
    usage.processes = current.stats.numProcesses;
  }
  return usage;
}

/** `CPU 12% · memory 512 MiB of 4 GiB (13%) · 7 processes`, or undefined with nothing to say. */
export function usageText(usage: ContainerUsage | undefined): string | undefined {
  if (usage === undefined) {
    return undefined;
  }
  const parts: string[] = [];
  if (usage.cpuPercent !== undefined) {
    parts.push(`CPU ${Math.round(usage.cpuPercent)}%`);
  }
  if (usage.memoryUsedBytes !== undefined) {
    const limit = usage.memoryLimitBytes;
    parts.push(
      limit !== undefined && limit > 0
        ? `memory ${describeSize(usage.memoryUsedBytes)} of ${describeSize(limit)} (${Math.round((usage.memoryUsedBytes / limit) * 100)}%)`
        : `memory ${describeSize(usage.memoryUsedBytes)}`,
    );
  }
  if (usage.processes !== undefined) {
    parts.push(`${usage.processes} process${usage.processes === 1 ? '' : 'es'}`);
  }
  return parts.length === 0 ? undefined : parts.join(' · ');
}
