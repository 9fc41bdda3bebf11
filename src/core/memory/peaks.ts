/**
 * Each container's highest memory use, from the samples the containers view
 * already takes, so Configure Container Resources can say what the container
 * really needed. Kept small: a few numbers per container, for the most
 * recently seen containers only.
 */

export interface MemoryPeak {
  peakBytes: number;
  /** The limit it was seen under: a container rebuilt with another size starts a new peak. */
  limitBytes?: number;
  /** When the peak was last raised (ISO 8601), for pruning the oldest. */
  at: string;
}

export type MemoryPeaks = Readonly<Record<string, MemoryPeak>>;

/** How many containers' peaks are kept. */
export const KEPT_PEAKS = 50;

export interface MemorySample {
  memoryUsedBytes?: number;
  memoryLimitBytes?: number;
}

const isSize = (n: number | undefined): n is number =>
  n !== undefined && Number.isFinite(n) && n > 0;

/**
 * The peaks with these samples taken in, or `undefined` when none rose (so
 * the caller writes only when something changed).
 */
export function withSamples(
  peaks: MemoryPeaks,
  samples: ReadonlyMap<string, MemorySample>,
  nowIso: string,
  keep: number = KEPT_PEAKS,
): MemoryPeaks | undefined {
  const next: Record<string, MemoryPeak> = { ...peaks };
  let changed = false;
  for (const [id, sample] of samples) {
    const used = sample.memoryUsedBytes;
    if (!isSize(used)) {
      continue;
    }
    const limit = isSize(sample.memoryLimitBytes) ? sample.memoryLimitBytes : undefined;
    const known = next[id];
    const sameSize = known !== undefined && known.limitBytes === limit;
    if (sameSize && known.peakBytes >= used) {
      continue;
    }
    next[id] = {
      peakBytes: used,
      ...(limit !== undefined ? { limitBytes: limit } : {}),
      at: nowIso,
    };
    changed = true;
  }
  if (!changed) {
    return undefined;
  }
  const newestFirst = Object.entries(next).sort(([, a], [, b]) => b.at.localeCompare(a.at));
  return Object.fromEntries(newestFirst.slice(0, keep));
}

/** Only well-formed entries of what was stored (state from an older version, or edited by hand). */
export function readPeaks(stored: unknown): MemoryPeaks {
  if (typeof stored !== 'object' || stored === null) {
    return {};
  }
  const peaks: Record<string, MemoryPeak> = {};
  for (const [id, value] of Object.entries(stored as Record<string, unknown>)) {
    const entry = value as Partial<MemoryPeak> | null;
    if (entry !== null && isSize(entry.peakBytes) && typeof entry.at === 'string') {
      peaks[id] = {
        peakBytes: entry.peakBytes,
        ...(isSize(entry.limitBytes) ? { limitBytes: entry.limitBytes } : {}),
        at: entry.at,
      };
    }
  }
  return peaks;
}
