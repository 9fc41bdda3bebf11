/**
 * Durations for people, in the status bar, its tooltip and the timeline. The
 * precision drops as the duration grows: milliseconds matter for a 40 ms
 * `find`, tenths of a second for a boot, whole seconds for a long build.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export function formatDuration(ms: number): string {
  // Clocks can step backwards and a broken timer can give NaN; neither is worth an error.
  if (!Number.isFinite(ms) || ms < 0) {
    return '0 ms';
  }
  // Each branch tests the value it will print, so 999.6 ms reads '1.0 s', not '1000 ms'.
  const wholeMs = Math.round(ms);
  if (wholeMs < SECOND) {
    return `${wholeMs} ms`;
  }
  const tenths = Math.round(ms / 100);
  if (tenths < MINUTE / 100) {
    return `${(tenths / 10).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / SECOND);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
