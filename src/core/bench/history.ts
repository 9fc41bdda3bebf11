import type { BenchResult } from './runner';

/**
 * Past benchmark runs, newest last, as kept in Slipway's state folder. A file
 * that is not ours (or half of one) reads as no history rather than an error:
 * losing old figures is better than refusing to benchmark.
 */

export interface BenchRecord {
  /** When the run finished, ISO 8601. */
  at: string;
  result: BenchResult;
}

export const BENCH_HISTORY_LIMIT = 20;

function isRecord(value: unknown): value is BenchRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Partial<BenchRecord>;
  return (
    typeof record.at === 'string' &&
    typeof record.result === 'object' &&
    record.result !== null &&
    Array.isArray(record.result.runtimes)
  );
}

export function parseBenchHistory(text: string): BenchRecord[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
  } catch {
    return [];
  }
}

export function appendBenchRecord(
  history: readonly BenchRecord[],
  record: BenchRecord,
  limit = BENCH_HISTORY_LIMIT,
): BenchRecord[] {
  return [...history, record].slice(-limit);
}
