import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { timelineHtml } from '../core/view/timelineHtml';
import type { StartHistoryStore } from './startup/historyStore';

/**
 * The Startup Timeline: the last start's phases and the recent totals, as a
 * view in Slipway's sidebar and, from Show Startup Timeline, as an editor tab
 * with room to read it. No scripts and no network: the page is rebuilt from
 * workspace state whenever a start is recorded.
 */
export class TimelineView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'slipway.timeline';
  private view: vscode.WebviewView | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly history: StartHistoryStore,
    /** "on mac-studio" when Slipway runs on another Mac. */
    private readonly host?: string,
  ) {
    this.subscription = history.onDidChange(() => this.render());
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: false, localResourceRoots: [] };
    view.onDidChangeVisibility(() => this.render());
    view.onDidDispose(() => (this.view = undefined));
    this.render();
  }

  /** Show Startup Timeline, the status bar's link: an editor tab, reused while open. */
  show(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    this.panel = vscode.window.createWebviewPanel(
      'slipway.timelinePanel',
      this.host === undefined ? 'Startup Timeline' : `Startup Timeline ${this.host}`,
      vscode.ViewColumn.Active,
      { enableScripts: false, localResourceRoots: [] },
    );
    this.panel.onDidDispose(() => (this.panel = undefined));
    this.render();
  }

  private render(): void {
    for (const webview of [
      this.view?.visible ? this.view.webview : undefined,
      this.panel?.webview,
    ]) {
      if (webview !== undefined) {
        webview.html = timelineHtml({
          history: this.history.all(),
          nonce: randomBytes(16).toString('base64'),
          cspSource: webview.cspSource,
          ...(this.host !== undefined ? { host: this.host } : {}),
        });
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscription.dispose();
  }
}
