import { Timings } from '../../core/engine/timings';
import { phasesFromTimings, type StartRecord } from '../../core/view/startupHistory';
import type { StartRequest, StartupDeps } from './startRequest';

const TICK_MS = 100;

/**
 * One start as it goes: its phase and the container's name for the status
 * bar (repainted every tick so the elapsed time moves), the phases' times,
 * and its entry in the Startup Timeline once it ends, however it ends.
 */
export class StartRun {
  readonly title: string;
  phase = 'plan';
  containerName: string | undefined;
  /** The phases' times once known: the engine's, then the hand-over's. */
  timings: Record<string, number> = {};
  /** The engine's clock, kept so that a failed start still has its phases for the timeline. */
  engineTimings: Timings | undefined;
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: Pick<StartupDeps, 'statusBar' | 'history'>,
    private readonly request: StartRequest,
  ) {
    this.title =
      request.operation === 'rebuild' ? 'Rebuilding dev container' : 'Starting dev container';
    this.showBusy();
    this.ticker = setInterval(() => this.showBusy(), TICK_MS);
  }

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  /** Moves to the next phase; `report` tells the progress notification. */
  enter(next: string, report: (phase: string) => void): void {
    this.phase = next;
    report(next);
    this.showBusy();
  }

  /** A clock on this run's time that announces each phase as it begins. */
  clock(report: (phase: string) => void): Timings {
    return new Timings(
      () => performance.now(),
      (next) => this.enter(next, report),
    );
  }

  /** The start has ended: the status bar stops ticking. */
  stop(): void {
    clearInterval(this.ticker);
  }

  async record(
    outcome: StartRecord['outcome'],
    action: StartRecord['action'],
  ): Promise<StartRecord> {
    const entry: StartRecord = {
      at: this.startedAt.toISOString(),
      containerName: this.containerName ?? this.request.folder.name,
      action,
      outcome,
      totalMs: this.elapsedMs(),
      phases: phasesFromTimings(this.timings, outcome === 'failed' ? this.phase : undefined),
    };
    await this.deps.history.add(entry);
    return entry;
  }

  private showBusy(): void {
    this.deps.statusBar.show({
      kind: 'busy',
      operation: this.request.operation,
      containerName: this.containerName,
      phase: this.phase,
      elapsedMs: this.elapsedMs(),
    });
  }
}
