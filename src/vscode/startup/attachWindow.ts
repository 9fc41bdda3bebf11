import * as path from 'node:path';
import * as vscode from 'vscode';
import { macRouteUrl } from '../../core/remote/macRoute';
import { describeError } from '../../core/userFacing';
import { windowShutdown } from '../../core/windowShutdown';
import { closeWindow, type ShutdownRunners } from '../../node/lastWindow';
import { slipwayStateDir } from '../../node/stateDir';
import { WindowRegistry } from '../../node/windowRegistry';
import type { SlipwayContext } from '../context';
import type { Services } from '../services';
import { installContainerExtensions } from './containerExtensions';
import { watchContainerWindow } from './containerWatch';
import { currentContainerWindow, windowRoute, type ContainerWindow } from './containerWindows';
import { startContainer } from './startContainer';

/** Set in a container window whose config stops the container (or its project) with its last window. */
let onLastWindowClosed: (() => Promise<void>) | undefined;

/**
 * In a window Slipway connected to a dev container: say so (context key,
 * status bar) and run postAttachCommand, as every attach does. A container
 * on another Mac is driven there, over the route its Reopen recorded.
 */
export async function attachToContainerWindow(ctx: SlipwayContext): Promise<boolean> {
  const window = currentContainerWindow(ctx.globalState);
  if (window === undefined) {
    return false;
  }
  await vscode.commands.executeCommand('setContext', 'slipway.inContainerWindow', true);
  let services: Services;
  try {
    services = ctx.services.onMac(windowRoute(window));
  } catch (error) {
    ctx.log.error(describeError(error).message);
    return true;
  }
  if (window.host !== undefined) {
    ctx.log.info(`${window.containerName} runs on ${window.host}: driving its container there.`);
  }
  ctx.extension.subscriptions.push(
    watchContainerWindow(services, window, ctx.log, ctx.globalState),
  );
  await registerContainerWindow(ctx, services, window);
  const folder: vscode.WorkspaceFolder = {
    uri: vscode.Uri.file(window.workspaceFolder),
    name: window.workspaceFolder.split('/').pop() ?? window.workspaceFolder,
    index: 0,
  };
  const attached = await startContainer(
    { ...ctx, services },
    {
      operation: 'attach',
      folder,
      configFile: window.configFile,
      removeExisting: false,
      noCache: false,
      connect: false,
    },
  );
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
  services: Services,
  window: ContainerWindow,
): Promise<void> {
  const found = windowShutdown(window);
  if (found === undefined) {
    return;
  }
  const route = windowRoute(window);
  const session = services.session;
  // The same ID on two Macs is two containers, counted apart.
  const shutdown =
    route === undefined ? found : { ...found, key: `${found.key}@${macRouteUrl(route)}` };
  let containerPath: string;
  try {
    containerPath = await services.runner().executable();
  } catch (error) {
    // The Mac cannot be reached now: the window works on, without the stop on close.
    const facing = describeError(error);
    ctx.log.warn(
      `${window.containerName} will not be stopped when its last window closes: ${facing.message}${facing.remedy !== undefined ? ` ${facing.remedy}` : ''}`,
    );
    return;
  }
  const registry = new WindowRegistry(path.join(slipwayStateDir(process.env), 'windows'));
  await registry.register(shutdown.key);
  const runners: ShutdownRunners = {
    containerPath,
    runtime: process.execPath,
    cliScript: path.join(ctx.extension.extensionPath, 'dist', 'cli.js'),
    env: process.env,
    ...(route !== undefined && session !== undefined
      ? {
          remote: {
            sshArgv: (argv: readonly string[]) => session.argv(argv),
            hostUrl: macRouteUrl(route),
            ...(route.configFile !== undefined ? { configFile: route.configFile } : {}),
          },
        }
      : {}),
  };
  onLastWindowClosed = async () => {
    await closeWindow(registry, shutdown, runners);
  };
}

/** For `deactivate`: stops the container when this was its last window and its config says so. */
export async function closeContainerWindow(): Promise<void> {
  await onLastWindowClosed?.();
}
