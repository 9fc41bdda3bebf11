import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { timelineHtml } from '../core/view/timelineHtml';
import type { StartHistoryStore } from './startup/historyStore';

/**
 * The Startup Timeline view: a webview in Slipway's sidebar drawing the last
 * start's phases and the recent totals. No scripts and no network: the page
 * is rebuilt from workspace state whenever a start is recorded.
 */
export class TimelineView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'slipway.timeline';
  private view: vscode.WebviewView | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly history: StartHistoryStore) {
    this.subscription = history.onDidChange(() => this.render());
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: false, localResourceRoots: [] };
    view.onDidChangeVisibility(() => this.render());
    view.onDidDispose(() => (this.view = undefined));
    this.render();
  }

  /** Brings the view forward (Show Startup Timeline, the status bar's link). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${TimelineView.viewId}.focus`);
  }

  private render(): void {
    if (this.view === undefined || !this.view.visible) {
      return;
    }
    this.view.webview.html = timelineHtml({
      history: this.history.all(),
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.view.webview.cspSource,
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
