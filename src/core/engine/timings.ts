/** Per-phase timings, in milliseconds, in the order the phases ran. */
export class Timings {
  readonly phases: Record<string, number> = {};
  /** The phase running now, for saying where a cancellation stopped. */
  current: string | undefined;
  /** Phases begun from a stream (see `begin`), with their start time and the phase they interrupted. */
  private readonly open = new Map<string, { start: number; outer: string | undefined }>();
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
      this.add(phase, start);
    }
  }

  /**
   * A phase whose start and end are only seen in a command's output (each
   * Feature's install inside one `container build`), so it cannot wrap a
   * promise. Ended by `end`, or left out if it never ends.
   */
  begin(phase: string): void {
    this.open.set(phase, { start: this.now(), outer: this.current });
    this.current = phase;
    this.onPhase?.(phase);
  }

  end(phase: string): void {
    const open = this.open.get(phase);
    if (open === undefined) {
      return;
    }
    this.open.delete(phase);
    this.add(phase, open.start);
    if (this.current === phase) {
      this.current = open.outer;
      // Back to the enclosing phase (the rest of the build), so progress does not name a finished Feature.
      if (open.outer !== undefined) {
        this.onPhase?.(open.outer);
      }
    }
  }

  private add(phase: string, start: number): void {
    this.phases[phase] = Math.round((this.now() - start) * 10) / 10 + (this.phases[phase] ?? 0);
  }
}
