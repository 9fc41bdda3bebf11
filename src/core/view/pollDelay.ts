/**
 * How long the containers view waits before its next poll. While
 * `container` is missing or its service is stopped, each poll fails the same
 * way and costs a process start (and, on a Mac without the CLI, a PATH
 * search), so the wait doubles per such poll up to a cap; the first poll
 * that succeeds (or fails for another reason) brings it back to the interval.
 */

/** The longest wait while `container` is unavailable: a fix is noticed within a minute. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * `intervalMs` after an answer; after `unavailablePolls` polls in a row
 * found `container` missing or stopped, `intervalMs × 2^n`, capped at
 * MAX_BACKOFF_MS (or the interval itself when the user chose a longer one).
 */
export function pollDelayMs(intervalMs: number, unavailablePolls: number): number {
  if (unavailablePolls <= 0) {
    return intervalMs;
  }
  const cap = Math.max(intervalMs, MAX_BACKOFF_MS);
  // 2 ** 30 × any interval exceeds the cap: no need to let the exponent grow.
  return Math.min(cap, intervalMs * 2 ** Math.min(unavailablePolls, 30));
}
