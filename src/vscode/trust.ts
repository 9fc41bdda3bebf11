import * as vscode from 'vscode';

/**
 * Workspace Trust for everything that makes a container out of the
 * workspace's config. A devcontainer.json can mount any host folder, copy
 * host variables into the container and run its own commands there, so in
 * Restricted Mode Slipway asks for trust first (modal, as Dev Containers
 * does) and does nothing without it. Actions on containers that already
 * exist (start, stop, remove, logs, inspect, terminal) need no trust: they
 * read nothing from the workspace.
 */

/** `requestWorkspaceTrust` is still a proposed API: present, and callable, only where the editor allows it. */
interface TrustRequestApi {
  requestWorkspaceTrust?(options: {
    modal: boolean;
    message: string;
  }): Thenable<boolean | undefined>;
}

const MANAGE = 'Manage Workspace Trust';

export class WorkspaceTrust {
  private asking = false;
  private grantedToCommand = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * Whether trust is being, or was, granted to a Slipway command in this
   * window: the user has chosen what to do already, so nothing else should
   * offer to reopen when the grant arrives (it may arrive before the answer).
   */
  get askedByCommand(): boolean {
    return this.asking || this.grantedToCommand;
  }

  /** True when the workspace is trusted; asks the user first when it is not. */
  async require(action: string): Promise<boolean> {
    if (vscode.workspace.isTrusted) {
      return true;
    }
    const message = `${action} uses this folder's dev container configuration, which can mount your files into a container, pass on your environment and run its own commands. Slipway does that only for a folder you trust.`;
    this.asking = true;
    let granted: boolean;
    try {
      granted = (await this.request(message)) && vscode.workspace.isTrusted;
    } finally {
      this.asking = false;
    }
    this.grantedToCommand ||= granted;
    if (!granted) {
      this.log.info(`${action}: not done, the workspace is not trusted.`);
    }
    return granted;
  }

  /** The command, run only in a trusted workspace. */
  gate<A extends unknown[]>(action: string, handler: (...args: A) => unknown) {
    return async (...args: A): Promise<unknown> =>
      (await this.require(action)) ? handler(...args) : undefined;
  }

  private async request(message: string): Promise<boolean> {
    const workspace = vscode.workspace as typeof vscode.workspace & TrustRequestApi;
    if (typeof workspace.requestWorkspaceTrust === 'function') {
      try {
        return (await workspace.requestWorkspaceTrust({ modal: true, message })) === true;
      } catch (error) {
        // An editor that keeps the proposal from extensions throws here; ask our own way.
        this.log.debug(`requestWorkspaceTrust is not available: ${String(error)}`);
      }
    }
    const choice = await vscode.window.showWarningMessage(
      'This folder is not trusted.',
      { modal: true, detail: message },
      MANAGE,
    );
    if (choice === MANAGE) {
      // The editor's own trust dialog; the action can be run again once it is trusted.
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
    return false;
  }
}
