/** Per-phase timings, in milliseconds, in the order the phases ran. */
export class Timings {
  readonly phases: Record<string, number> = {};
  constructor(private readonly now: () => number) {}

  async measure<T>(phase: string, action: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await action();
    } finally {
      this.phases[phase] = Math.round((this.now() - start) * 10) / 10 + (this.phases[phase] ?? 0);
    }
  }
}
