import { APPLE_MIN_MEMORY_BYTES, GIB } from '../plan/sizes';

/**
 * How much memory to suggest for a dev container: half again what it was
 * seen to need, in whole GiB (the sizes people pick, and Apple's VM takes any),
 * never below Apple's minimum and never more than the Mac has.
 */

/** Head room over the peak: builds and language servers spike above what a sample catches. */
const HEADROOM = 1.5;

export function suggestedMemoryBytes(input: {
  /** The highest usage seen, if any. */
  peakBytes?: number;
  /** The container's limit now. */
  limitBytes?: number;
  /** It was killed for lack of memory: it wanted at least its whole limit. */
  outOfMemory?: boolean;
  /** The Mac's physical memory, when known. */
  hostMemoryBytes?: number;
}): number | undefined {
  const seen = [input.peakBytes, input.outOfMemory ? input.limitBytes : undefined].filter(
    (n): n is number => n !== undefined && Number.isFinite(n) && n > 0,
  );
  if (seen.length === 0) {
    return undefined;
  }
  const wanted = Math.ceil((Math.max(...seen) * HEADROOM) / GIB) * GIB;
  return withinHost(wanted, input.hostMemoryBytes);
}

/** A size no smaller than Apple's minimum and no larger than the Mac's whole GiB. */
export function withinHost(bytes: number, hostMemoryBytes?: number): number {
  const floor = Math.max(bytes, APPLE_MIN_MEMORY_BYTES);
  const host = hostMemoryBytes;
  if (host === undefined || !Number.isFinite(host) || host <= 0) {
    return floor;
  }
  return Math.max(Math.min(floor, Math.floor(host / GIB) * GIB), APPLE_MIN_MEMORY_BYTES);
}
