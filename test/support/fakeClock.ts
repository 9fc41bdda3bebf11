import type { Clock } from '../../src/vscode/containers/clock';

/**
 * Time that moves only when a test says so. `advance` fires the timers that
 * fall due in order, letting the promises each one starts settle before the
 * next, as the event loop would.
 */
export class FakeClock implements Clock {
  private nowMs = 0;
  private sequence = 0;
  private timers: Array<{ at: number; seq: number; callback: () => void }> = [];

  now(): number {
    return this.nowMs;
  }

  schedule(callback: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.nowMs + ms, seq: this.sequence++, callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** How far ahead each pending timer is, soonest first. */
  pending(): number[] {
    return [...this.timers].sort(byDue).map((t) => t.at - this.nowMs);
  }

  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      const next = [...this.timers].sort(byDue)[0];
      if (next === undefined || next.at > end) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = next.at;
      next.callback();
      await settle();
    }
    this.nowMs = end;
    await settle();
  }
}

function byDue(a: { at: number; seq: number }, b: { at: number; seq: number }): number {
  return a.at - b.at || a.seq - b.seq;
}

/** Lets every promise chain that is not waiting on I/O or a timer run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
