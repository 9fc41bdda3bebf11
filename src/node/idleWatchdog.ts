/**
 * Fires once when nothing has been heard for `idleMs`: the bound for a
 * long-running `container exec` whose length is unknown but whose silence
 * is suspicious (Apple #1916 leaves the client hanging with no output).
 */
export class IdleWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private firedFlag = false;

  constructor(
    readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.arm();
  }

  get fired(): boolean {
    return this.firedFlag;
  }

  /** Output arrived: the silence starts again. */
  heard(): void {
    if (!this.firedFlag && this.timer !== undefined) {
      this.arm();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.firedFlag = true;
      this.timer = undefined;
      this.onIdle();
    }, this.idleMs);
    // A watchdog alone must not keep the process alive.
    this.timer.unref();
  }
}
