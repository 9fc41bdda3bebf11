import type * as vscode from 'vscode';
import { afterActivation } from './afterActivation';
import { commandHandlers, registerCommands } from './commandHandlers';
import type { ContainerNode } from './containers/containersTree';
import { watchMemory } from './containers/memoryWatch';
import { registerViews } from './containers/viewEvents';
import { createSlipwayContext } from './context';
import { closeContainerWindow } from './startup/attachWindow';

/** What `activate` returns: read by the workbench tests, not a public API. */
export interface SlipwayTestApi {
  containers(): ContainerNode[];
  refresh(): Promise<void>;
  /** Settles when the post-activation checks (config detection, the Reopen offer) are done. */
  settled: Promise<void>;
}

/**
 * Entry point: builds the one context (services, the containers view, the
 * status bar, the timeline), and registers every command from it, each owned
 * by the extension context so that deactivation cleans up. Nothing here calls
 * `container`: the view polls once it is visible, commands run when invoked.
 */
export function activate(context: vscode.ExtensionContext): SlipwayTestApi {
  const ctx = createSlipwayContext(context);
  registerViews(ctx);
  context.subscriptions.push(watchMemory(ctx));
  registerCommands(ctx, commandHandlers(ctx));
  const settled = afterActivation(ctx);
  ctx.log.info(`Slipway ${String(context.extension.packageJSON.version)} activated`);
  return {
    containers: () => ctx.tree.getChildren(),
    refresh: () => ctx.source.refresh(),
    settled,
  };
}

/** Everything else is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await closeContainerWindow();
}
