import * as path from 'node:path';
import * as vscode from 'vscode';
import { windowShutdown } from '../../core/windowShutdown';
import { closeWindow } from '../../node/lastWindow';
import { slipwayStateDir } from '../../node/stateDir';
import { WindowRegistry } from '../../node/windowRegistry';
import type { SlipwayContext } from '../context';
import { installContainerExtensions } from './containerExtensions';
import { watchContainerWindow } from './containerWatch';
import { currentContainerWindow, type ContainerWindow } from './containerWindows';
import { startContainer } from './startContainer';

/** Set in a container window whose config stops the container (or its project) with its last window. */
let onLastWindowClosed: (() => Promise<void>) | undefined;

/**
 * In a window Slipway connected to a dev container: say so (context key,
 * status bar) and run postAttachCommand, as every attach does.
 */
export async function attachToContainerWindow(ctx: SlipwayContext): Promise<boolean> {
  const window = currentContainerWindow(ctx.globalState);
  if (window === undefined) {
    return false;
  }
  await vscode.commands.executeCommand('setContext', 'slipway.inContainerWindow', true);
  if (window.host !== undefined) {
    // Slipway here (the user's machine) has no `container` of that Mac to watch, attach or stop.
    ctx.log.info(
      `${window.containerName} runs on ${window.host}; Slipway on this computer cannot reach its container command, so postAttachCommand and the stop when the last window closes are skipped. Manage it from a window on ${window.host}.`,
    );
    return true;
  }
  ctx.extension.subscriptions.push(
    watchContainerWindow(ctx.services, window, ctx.log, ctx.globalState),
  );
  await registerContainerWindow(ctx, window);
  const folder: vscode.WorkspaceFolder = {
    uri: vscode.Uri.file(window.workspaceFolder),
    name: window.workspaceFolder.split('/').pop() ?? window.workspaceFolder,
    index: 0,
  };
  const attached = await startContainer(ctx, {
    operation: 'attach',
    folder,
    configFile: window.configFile,
    removeExisting: false,
    noCache: false,
    connect: false,
  });
  if (attached !== undefined) {
    await installContainerExtensions(
      ctx.globalState,
      attached.containerId,
      window.extensions,
      ctx.log,
    );
  }
  return true;
}

async function registerContainerWindow(
  ctx: SlipwayContext,
  window: ContainerWindow,
): Promise<void> {
  const shutdown = windowShutdown(window);
  if (shutdown === undefined) {
    return;
  }
  const registry = new WindowRegistry(path.join(slipwayStateDir(process.env), 'windows'));
  await registry.register(shutdown.key);
  const runners = {
    containerPath: await ctx.services.runner().executable(),
    runtime: process.execPath,
    cliScript: path.join(ctx.extension.extensionPath, 'dist', 'cli.js'),
    env: process.env,
  };
  onLastWindowClosed = async () => {
    await closeWindow(registry, shutdown, runners);
  };
}

/** For `deactivate`: stops the container when this was its last window and its config says so. */
export async function closeContainerWindow(): Promise<void> {
  await onLastWindowClosed?.();
}
