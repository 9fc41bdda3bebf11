/**
 * The statistics a benchmark step reports: the median (robust to the one
 * slow run a busy Mac always has) and the spread around it.
 */

export interface StepStats {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Interquartile range: how far apart the middle half of the runs are. */
  iqrMs: number;
}

/** The q-quantile of sorted values, interpolating between neighbours (like numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (position - lower);
}

/** Median and spread of a step's timings; undefined when nothing was measured. */
export function summarize(durationsMs: readonly number[]): StepStats | undefined {
  const sorted = durationsMs.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return undefined;
  }
  return {
    runs: sorted.length,
    medianMs: quantile(sorted, 0.5),
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    iqrMs: quantile(sorted, 0.75) - quantile(sorted, 0.25),
  };
}
