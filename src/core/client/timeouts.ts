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
} as const;

/** Apple's default for `stop -t`. */
export const DEFAULT_STOP_SECONDS = 5;
