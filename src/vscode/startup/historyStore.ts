import * as vscode from 'vscode';
import {
  addStart,
  parseHistory,
  replaceStart,
  type StartRecord,
} from '../../core/view/startupHistory';

/** The last starts of this workspace's dev containers, in workspace state (not synced, not shared). */
export class StartHistoryStore {
  private static readonly key = 'slipway.startHistory';
  private readonly changed = new vscode.EventEmitter<readonly StartRecord[]>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  all(): StartRecord[] {
    return parseHistory(this.memento.get(StartHistoryStore.key));
  }

  async add(record: StartRecord): Promise<StartRecord[]> {
    const history = addStart(this.all(), record);
    await this.memento.update(StartHistoryStore.key, history);
    this.changed.fire(history);
    return history;
  }

  /** The same start with news (a hook that ended after it was ready). */
  async replace(record: StartRecord): Promise<StartRecord[]> {
    const history = replaceStart(this.all(), record);
    await this.memento.update(StartHistoryStore.key, history);
    this.changed.fire(history);
    return history;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
