import * as vscode from 'vscode';
import { listCommand } from '../../core/client/containerCommands';
import { statsCommand } from '../../core/client/statsCommand';
import {
  isContainerCliError,
  type ContainerInfo,
  type ContainerRunner,
} from '../../core/client/types';
import { pollDelayMs } from '../../core/view/pollDelay';
import { usageFrom, type ContainerUsage, type StatsSample } from '../../core/view/usage';
import { systemClock, type Clock } from './clock';

/**
 * What the containers view knows: the last `list`, the live usage of the
 * running containers, or why there is nothing to show. Polled only while the
 * view is visible, one poll at a time, the next one an interval after the
 * last one ended (longer while `container` is missing or stopped); a failed
 * poll becomes a state the view shows (and a welcome view explains), never a
 * pop-up.
 */
export type SourceState =
  | { kind: 'loading' }
  | { kind: 'ok'; containers: ContainerInfo[]; usage: ReadonlyMap<string, ContainerUsage> }
  | { kind: 'missing'; message: string }
  | { kind: 'serviceStopped'; message: string }
  | { kind: 'error'; message: string };

export class ContainersSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SourceState>();
  readonly onDidChange = this.changed.event;
  private current: SourceState = { kind: 'loading' };
  private inFlight: Promise<void> | undefined;
  private usageInFlight: Promise<void> | undefined;
  private again = false;
  private samples = new Map<string, StatsSample>();
  private usage = new Map<string, ContainerUsage>();
  private timer: { cancel(): void } | undefined;
  private visible = false;
  /** Polls in a row that found `container` missing or its service stopped. */
  private unavailablePolls = 0;

  constructor(
    private readonly runner: () => ContainerRunner,
    private readonly intervalMs: () => number,
    private readonly log: Pick<vscode.LogOutputChannel, 'warn' | 'debug'>,
    private readonly clock: Clock = systemClock,
  ) {}

  get state(): SourceState {
    return this.current;
  }

  /** Polling runs only while someone looks at the view. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      // The poll schedules the next one when it ends.
      void this.refresh();
    } else {
      this.cancelTimer();
    }
  }

  /** Restarts the timer, e.g. after `slipway.refreshInterval` changed. */
  reschedule(): void {
    this.cancelTimer();
    if (this.visible && this.inFlight === undefined) {
      const delay = pollDelayMs(this.intervalMs(), this.unavailablePolls);
      this.timer = this.clock.schedule(() => void this.refresh(), delay);
    }
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /**
   * Single-flight: a refresh asked for during a poll runs once more right
   * after it, so the result is never older than the request. Whoever asks
   * (the timer, the Refresh button, Slipway's own actions) polls now, and
   * the next timed poll counts from the end of this one.
   */
  refresh(): Promise<void> {
    if (this.inFlight !== undefined) {
      this.again = true;
      return this.inFlight;
    }
    this.cancelTimer();
    this.inFlight = this.poll().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      } else {
        this.reschedule();
      }
    });
    return this.inFlight;
  }

  private set(state: SourceState): void {
    this.current = state;
    this.changed.fire(state);
  }

  private async poll(): Promise<void> {
    let containers: ContainerInfo[];
    try {
      containers = await this.runner().run(listCommand());
    } catch (error) {
      const state = failureState(error);
      this.unavailablePolls =
        state.kind === 'missing' || state.kind === 'serviceStopped' ? this.unavailablePolls + 1 : 0;
      this.set(state);
      this.log.warn(`Listing containers failed: ${String((error as Error).message ?? error)}`);
      return;
    }
    this.unavailablePolls = 0;
    this.set({ kind: 'ok', containers, usage: this.usage });
    const running = containers.filter((c) => c.state === 'running').map((c) => c.id);
    // Apple samples for a couple of seconds before answering: the list shows
    // first, usage follows, and a slow sample never holds up the next list.
    if (running.length > 0 && this.usageInFlight === undefined) {
      this.usageInFlight = this.readUsage(running).finally(() => {
        this.usageInFlight = undefined;
      });
    }
  }

  private async readUsage(ids: string[]): Promise<void> {
    try {
      const stats = await this.runner().run(statsCommand(ids));
      const at = this.clock.now();
      const next = new Map<string, StatsSample>();
      const usage = new Map<string, ContainerUsage>();
      for (const entry of stats) {
        const sample = { stats: entry, atMs: at };
        usage.set(entry.id, usageFrom(sample, this.samples.get(entry.id)));
        next.set(entry.id, sample);
      }
      this.samples = next;
      this.usage = usage;
      if (this.current.kind === 'ok') {
        this.set({ kind: 'ok', containers: this.current.containers, usage });
      }
    } catch (error) {
      // Usage is extra: the list stays, the log says why the numbers are missing.
      this.log.debug(`Reading container statistics failed: ${String(error)}`);
    }
  }

  dispose(): void {
    this.visible = false;
    this.cancelTimer();
    this.changed.dispose();
  }
}

export function failureState(error: unknown): SourceState {
  const message = error instanceof Error ? error.message : String(error);
  if (isContainerCliError(error)) {
    if (error.kind === 'cliMissing' || error.kind === 'cliTooOld') {
      return { kind: 'missing', message };
    }
    if (error.kind === 'serviceNotRunning') {
      return { kind: 'serviceStopped', message };
    }
  }
  return { kind: 'error', message };
}
