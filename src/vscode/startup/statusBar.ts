import * as vscode from 'vscode';
import { presentStatus, type StartupStatus } from '../../core/view/statusModel';

/** Commands the tooltip's links may run; anything else in the Markdown stays inert. */
const TOOLTIP_COMMANDS = [
  'slipway.showLog',
  'slipway.openTerminal',
  'slipway.rebuild',
  'slipway.stop',
  'slipway.showTimeline',
];

/**
 * The one status bar item for start-up latency: a spinner with the phase and
 * the elapsed time while a container starts, then the time to ready with a
 * per-phase tooltip, or the error. The words come from the pure model.
 */
export class StartupStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private status: StartupStatus = { kind: 'idle' };

  /** `host`: "on mac-studio" when the containers run on another Mac (the window is on it). */
  constructor(private readonly host?: string) {
    this.item = vscode.window.createStatusBarItem(
      'slipway.startup',
      vscode.StatusBarAlignment.Left,
      100,
    );
    this.item.name = 'Slipway Start-up';
  }

  get current(): StartupStatus {
    return this.status;
  }

  show(status: StartupStatus): void {
    this.status = status;
    const presentation = presentStatus(status);
    const text = withHost(presentation.text, this.host);
    this.item.text = text;
    const tooltip = new vscode.MarkdownString(
      this.host === undefined
        ? presentation.tooltip
        : `${presentation.tooltip}\n\nContainers ${this.host}.`,
      true,
    );
    tooltip.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      presentation.background === undefined
        ? undefined
        : new vscode.ThemeColor(presentation.background);
    this.item.command = presentation.command;
    this.item.accessibilityInformation = {
      label: text.replace(/\$\([^)]+\)\s*/g, ''),
    };
    if (presentation.visible) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** "Ready in 2.1 s" → "Ready in 2.1 s on mac-studio"; nothing added to a hidden item. */
function withHost(text: string, host: string | undefined): string {
  return host === undefined || text === '' ? text : `${text} ${host}`;
}
