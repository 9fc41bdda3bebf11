import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { FIX_COMMANDS, type SetupCheck } from '../core/view/checkSetup';
import { checkSetupHtml } from '../core/view/checkSetupHtml';

/**
 * The Check Setup editor tab, reused while open. It shows "Checking…" as soon
 * as a run starts and the run's own result when it ends, so an earlier
 * report never passes for the current one. No scripts: the fix buttons are
 * `command:` links, and only the fix commands may run from it.
 */
export class CheckSetupPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Counts runs, so a slow earlier run cannot overwrite a later one's result. */
  private run = 0;

  /** Opens (or reveals) the tab in its checking state; returns the run's ticket. */
  begin(): number {
    this.run += 1;
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel(
        'slipway.checkSetup',
        'Slipway: Check Setup',
        vscode.ViewColumn.Active,
        {
          enableScripts: false,
          enableCommandUris: FIX_COMMANDS,
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal();
    }
    this.render(undefined);
    return this.run;
  }

  isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows the checks of run `ticket`, unless a newer run has started since. */
  finish(ticket: number, checks: readonly SetupCheck[]): void {
    if (ticket === this.run) {
      this.render(checks);
    }
  }

  private render(checks: readonly SetupCheck[] | undefined): void {
    const webview = this.panel?.webview;
    if (webview === undefined) {
      return;
    }
    webview.html = checkSetupHtml({
      checks,
      checkedAt: checks === undefined ? undefined : new Date().toISOString(),
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
