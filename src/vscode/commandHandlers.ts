import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { containerActions } from './commands/containerActions';
import { configureResourcesCommand } from './commands/configureResources';
import { openContainerPathSetting } from './commands/containerPathSetting';
import { projectActions } from './commands/projectActions';
import { installCliCommand, uninstallCliCommand } from './commands/installCli';
import {
  openFolderCommand,
  openInWindowCommand,
  reopenLocallyCommand,
  startCommand,
  VARIANTS,
} from './commands/reopen';
import { showPlanCommand } from './commands/showPlan';
import { statusActionsCommand } from './commands/statusActions';
import { benchCommand } from './benchPanel';
import {
  checkSetupCommand,
  restartBuilderCommand,
  restartSystemCommand,
  startSystemCommand,
} from './commands/system';
import type { SlipwayContext } from './context';
import { openWalkthrough } from './walkthrough';

type Handler = (...args: never[]) => unknown;

/** Every command's handler, each made from the one context. */
export function commandHandlers(ctx: SlipwayContext): Record<CommandId, Handler> {
  const actions = containerActions(ctx);
  const project = projectActions(ctx);
  return {
    ...gatedHandlers(ctx),
    'slipway.reopenLocally': reopenLocallyCommand(ctx),
    'slipway.start': actions.start,
    'slipway.stop': actions.stop,
    'slipway.restart': actions.restart,
    'slipway.remove': actions.remove,
    'slipway.openTerminal': actions.openTerminal,
    'slipway.showContainerLog': actions.showContainerLog,
    'slipway.inspect': actions.inspect,
    'slipway.copyIp': actions.copyIp,
    'slipway.openPort': actions.openPort,
    'slipway.startProject': project.start,
    'slipway.stopProject': project.stop,
    'slipway.removeProject': project.remove,
    'slipway.configureResources': configureResourcesCommand(ctx),
    'slipway.startSystem': startSystemCommand(ctx),
    'slipway.checkSetup': checkSetupCommand(ctx),
    'slipway.restartSystem': restartSystemCommand(ctx),
    'slipway.restartBuilder': restartBuilderCommand(ctx),
    'slipway.benchmark': benchCommand(ctx.services, ctx.log),
    'slipway.setContainerPath': openContainerPathSetting,
    'slipway.refresh': () => ctx.source.refresh(),
    'slipway.showTimeline': () => ctx.timeline.show(),
    'slipway.statusActions': statusActionsCommand(),
    'slipway.showLog': () => ctx.log.show(),
    'slipway.installCli': installCliCommand(ctx),
    'slipway.uninstallCli': uninstallCliCommand(ctx),
    // A refresh first, so that the steps' context keys (slipway.cliState) are current.
    'slipway.getStarted': () => {
      ctx.refresh();
      return openWalkthrough(ctx.extension);
    },
  };
}

/** Whatever makes a container from the workspace's config, or reads it, asks for trust first. */
function gatedHandlers(ctx: SlipwayContext) {
  const gate = ctx.trust.gate.bind(ctx.trust);
  return {
    'slipway.reopenInContainer': gate(
      'Reopen in Apple Container',
      startCommand(ctx, VARIANTS.reopen),
    ),
    'slipway.openFolderInContainer': gate('Open Folder in Apple Container', openFolderCommand(ctx)),
    'slipway.rebuild': gate('Rebuild Container', startCommand(ctx, VARIANTS.rebuild)),
    'slipway.rebuildNoCache': gate(
      'Rebuild Container Without Cache',
      startCommand(ctx, VARIANTS.rebuildNoCache),
    ),
    'slipway.rebuildAndReopen': gate(
      'Rebuild and Reopen in Apple Container',
      startCommand(ctx, VARIANTS.rebuildAndReopen),
    ),
    'slipway.openInWindow': gate('Open in New Window', openInWindowCommand(ctx)),
    'slipway.showPlan': gate('Show Container Plan', showPlanCommand(ctx)),
  } satisfies Partial<Record<CommandId, Handler>>;
}

/** Registers each handler, owned by the extension; a handler that throws is a bug, logged. */
export function registerCommands(ctx: SlipwayContext, handlers: Record<CommandId, Handler>): void {
  for (const id of COMMAND_IDS) {
    const handler = handlers[id] as (...args: unknown[]) => unknown;
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          // Handlers report the failures users can fix themselves; anything reaching here is a bug.
          ctx.log.error(`${id} failed`, error);
          void vscode.window.showErrorMessage(
            `Slipway: ${id} failed unexpectedly. See Slipway: Show Log.`,
          );
          return undefined;
        }
      }),
    );
  }
}
