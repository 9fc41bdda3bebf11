import type * as vscode from 'vscode';
import type { BackgroundStep } from '../../core/engine/up';
import { applyHookStep, waitingHooks, type BackgroundHook } from '../../core/view/backgroundHooks';
import { withBackgroundHook, type StartRecord } from '../../core/view/startupHistory';
import { describeError, oneLine } from '../../core/userFacing';
import { reportFailure } from '../userErrors';
import type { StartHistoryStore } from './historyStore';
import type { StartupStatusBar } from './statusBar';

/**
 * Follows the hooks after `waitFor` once the container is ready: the status
 * bar tooltip shows each as it runs and ends, the Startup Timeline gets it
 * with its own time, and a failure raises its own notification. The start
 * stays "ready", because it was; the hook's failure is its own news.
 *
 * Steps can arrive before the start is recorded (the first hook begins while
 * the window is still being handed over), so they are kept until `ready`.
 */
export class BackgroundHooksWatch {
  private hooks: BackgroundHook[] = [];
  private record: StartRecord | undefined;
  private readonly failures: unknown[] = [];

  constructor(
    private readonly deps: {
      statusBar: StartupStatusBar;
      history: StartHistoryStore;
      log: vscode.LogOutputChannel;
    },
  ) {}

  /** For `up`'s onBackgroundStep. */
  readonly onStep = (step: BackgroundStep): void => {
    const message = step.state === 'failed' ? oneLine(describeError(step.error)) : undefined;
    this.hooks = applyHookStep(this.hooks, {
      hook: step.hook,
      state: step.state,
      ...(step.ms !== undefined ? { ms: step.ms } : {}),
      ...(message !== undefined ? { message: describeError(step.error).message } : {}),
    });
    if (step.state === 'running') {
      this.deps.log.info(`${step.hook} is running in the background`);
    } else {
      const how = step.state === 'done' ? 'finished' : `failed: ${message ?? ''}`;
      this.deps.log.info(`${step.hook} ${how} after ${step.ms ?? 0} ms`);
    }
    if (this.record === undefined) {
      if (step.state === 'failed') {
        this.failures.push(step.error);
      }
      return;
    }
    void this.update(step);
  };

  /** The start is recorded and shown as ready: from here on, the status bar and timeline follow the hooks. */
  async ready(record: StartRecord, hooks: readonly string[]): Promise<void> {
    // Hooks already heard of keep their state; the others wait their turn.
    this.hooks = waitingHooks(hooks).map(
      (waiting) => this.hooks.find((known) => known.hook === waiting.hook) ?? waiting,
    );
    this.record = record;
    let updated = record;
    for (const hook of this.hooks) {
      if ((hook.state === 'done' || hook.state === 'failed') && hook.ms !== undefined) {
        updated = withBackgroundHook(updated, {
          phase: hook.hook,
          ms: hook.ms,
          failed: hook.state === 'failed',
        });
      }
    }
    if (updated !== record) {
      await this.save(updated);
    }
    this.show();
    for (const error of this.failures.splice(0)) {
      void this.announce(error);
    }
  }

  get current(): readonly BackgroundHook[] {
    return this.hooks;
  }

  private async update(step: BackgroundStep): Promise<void> {
    if (this.record !== undefined && step.state !== 'running' && step.ms !== undefined) {
      await this.save(
        withBackgroundHook(this.record, {
          phase: step.hook,
          ms: step.ms,
          failed: step.state === 'failed',
        }),
      );
    }
    this.show();
    if (step.state === 'failed') {
      void this.announce(step.error);
    }
  }

  private async save(record: StartRecord): Promise<void> {
    this.record = record;
    await this.deps.history.replace(record);
  }

  /** Only while the status bar still shows this start: a newer start has its own. */
  private show(): void {
    const shown = this.deps.statusBar.current;
    const record = this.record;
    if (record === undefined || shown.kind !== 'ready' || shown.record.at !== record.at) {
      return;
    }
    this.deps.statusBar.show({
      kind: 'ready',
      record,
      history: this.deps.history.all(),
      background: this.hooks,
    });
  }

  private async announce(error: unknown): Promise<void> {
    const name = this.record?.containerName ?? 'The dev container';
    await reportFailure(error, `${name} is ready, but a lifecycle command`, this.deps.log);
  }
}
