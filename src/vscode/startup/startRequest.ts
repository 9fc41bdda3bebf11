import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { WindowConnector } from './connector';
import type { StartHistoryStore } from './historyStore';
import type { StartupStatusBar } from './statusBar';

/** What a start needs from the extension, and what the user asked it to do. */

export interface StartupDeps {
  services: Services;
  statusBar: StartupStatusBar;
  history: StartHistoryStore;
  connector: WindowConnector;
  log: vscode.LogOutputChannel;
  /** Refreshes the containers view after the action. */
  refresh(): void;
}

export interface StartRequest {
  operation: 'reopen' | 'rebuild' | 'attach';
  folder: vscode.WorkspaceFolder;
  configFile: string;
  removeExisting: boolean;
  noCache: boolean;
  /** Hand the window over once ready (Reopen, Rebuild and Reopen). */
  connect: boolean;
  newWindow?: boolean;
}
