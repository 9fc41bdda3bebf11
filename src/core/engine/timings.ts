/** Per-phase timings, in milliseconds, in the order the phases ran. */
export class Timings {
  readonly phases: Record<string, number> = {};
  /** The phase running now, for saying where a cancellation stopped. */
  current: string | undefined;
  constructor(
    private readonly now: () => number,
    /** Told as each phase begins, for live progress (the editor's status bar). */
    private readonly onPhase?: (phase: string) => void,
  ) {}

  async measure<T>(phase: string, action: () => Promise<T>): Promise<T> {
    const start = this.now();
    this.current = phase;
    this.onPhase?.(phase);
    try {
      return await action();
    } finally {
      this.phases[phase] = Math.round((this.now() - start) * 10) / 10 + (this.phases[phase] ?? 0);
    }
  }
}
