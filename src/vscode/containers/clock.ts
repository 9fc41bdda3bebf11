/**
 * The time the containers view runs on: a monotonic `now` for usage samples
 * and one-shot timers for polls. Injected, so that tests drive time
 * themselves instead of patching the globals.
 */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `callback` once after `ms`, unless cancelled first. */
  schedule(callback: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => performance.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};
