/**
 * How long each kind of `container` call may take before the runner kills it.
 * Queries answer in well under a second when the service is up; the limits
 * are there so a wedged service shows up as an error instead of a spinner
 * that never stops. Anything that may download (run, create, build, image
 * pull, system start with its kernel install) has no limit: its time depends
 * on the network, and the user cancels it from the progress notification.
 */
export const TIMEOUTS = {
  /** `--version`: no service involved, so anything slow is a broken install. */
  version: 15_000,
  /** `system status` waits up to 10 s for the service's ping itself. */
  systemStatus: 30_000,
  /** `list`, `inspect`, `image inspect`, `logs -n`, `kill`. */
  query: 30_000,
  /** `stats --no-stream` sleeps 2 s to measure CPU use. */
  stats: 30_000,
  /** `start` boots the container's VM; it never downloads. */
  start: 120_000,
  /** Added to the grace period of `stop -t N` (5 s by default) before SIGKILL. */
  stopMargin: 30_000,
  /** `delete -f` may have to stop the VM first. */
  delete: 60_000,
  /**
   * A lifecycle hook run with `container exec` may rightly take an hour, so
   * its bound is silence, not duration: no output for this long and the
   * `container exec` client is taken as stuck (Apple #1916) and stopped.
   * Generous, because a quiet `npm ci` can say nothing for minutes.
   */
  hookIdle: 600_000,
} as const;

/** Lets a user with a long, quiet hook raise the silence bound (seconds). */
export const HOOK_IDLE_ENV = 'SLIPWAY_HOOK_IDLE_SECONDS';

/** The hook silence bound from the environment value, or the default. */
export function hookIdleMs(value: string | undefined): number {
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : TIMEOUTS.hookIdle;
}

/** Apple's default for `stop -t`. */
export const DEFAULT_STOP_SECONDS = 5;
