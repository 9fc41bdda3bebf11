import { asNumber, asRecord, asString } from '../json/read';
import { parseJsonOutput, unexpectedOutput } from './json';
import { TIMEOUTS } from './timeouts';
import type { ContainerCommand, ContainerStats } from './types';

/**
 * `stats --no-stream --format json [ids]` (0.7+): one sample per running
 * container. Stopped IDs are skipped by Apple, so the result may be shorter
 * than the list asked for; every field but `id` is optional.
 */
export function parseStats(stdout: string): ContainerStats[] {
  const value = parseJsonOutput(stdout, 'container statistics');
  if (!Array.isArray(value)) {
    throw unexpectedOutput('container statistics', 'not a JSON array', stdout);
  }
  return value.map((element) => {
    const record = asRecord(element);
    const id = asString(record?.id);
    if (record === undefined || id === undefined) {
      throw unexpectedOutput('container statistics', 'an entry without an id', stdout);
    }
    const stats: ContainerStats = { id };
    const fields = [
      'cpuUsageUsec',
      'memoryUsageBytes',
      'memoryLimitBytes',
      'numProcesses',
    ] as const satisfies readonly (keyof ContainerStats)[];
    for (const field of fields) {
      const number = asNumber(record[field]);
      if (number !== undefined) {
        stats[field] = number;
      }
    }
    return stats;
  });
}

export function statsCommand(ids: readonly string[] = []): ContainerCommand<ContainerStats[]> {
  return {
    args: ['stats', '--no-stream', '--format', 'json', ...ids],
    parse: parseStats,
    timeoutMs: TIMEOUTS.stats,
    summary: 'read container statistics',
  };
}
