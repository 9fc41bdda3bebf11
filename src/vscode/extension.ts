import * as vscode from 'vscode';
import { CheckSetupPanel } from './checkSetupPanel';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { containerActions } from './commands/containerActions';
import { configureResourcesCommand } from './commands/configureResources';
import { openContainerPathSetting } from './commands/containerPathSetting';
import {
  openFolderCommand,
  openInWindowCommand,
  reopenLocallyCommand,
  resumePendingReopen,
  startCommand,
  VARIANTS,
} from './commands/reopen';
import { installCliCommand, uninstallCliCommand } from './commands/installCli';
import { showPlanCommand } from './commands/showPlan';
import { statusActionsCommand } from './commands/statusActions';
import { checkSetupCommand, startSystemCommand } from './commands/system';
import { ContainersSource, type SourceState } from './containers/containersSource';
import { ContainersTree, type ContainerNode } from './containers/containersTree';
import { offerReopen } from './reopenPrompt';
import { ReadonlyDocuments } from './readonlyDocuments';
import { Services } from './services';
import { refreshIntervalMs } from './settings';
import { installContainerExtensions } from './startup/containerExtensions';
import { currentContainerWindow, type ContainerWindow } from './startup/containerWindows';
import { runDetached } from '../node/detached';
import { slipwayStateDir } from '../node/stateDir';
import { WindowRegistry } from '../node/windowRegistry';
import * as path from 'node:path';
import { watchContainerWindow } from './startup/containerWatch';
import { sshWindowConnector } from './startup/sshConnector';
import { StartHistoryStore } from './startup/historyStore';
import { StartupStatusBar } from './startup/statusBar';
import { startContainer, type StartupDeps } from './startup/startContainer';
import { TimelineView } from './timelineView';
import { benchCommand } from './benchPanel';
import { WorkspaceTrust } from './trust';
import { openWalkthrough, openWalkthroughOnce } from './walkthrough';
import { workspaceHasConfig } from './workspaceTarget';

/** What `activate` returns: read by the workbench tests, not a public API. */
export interface SlipwayTestApi {
  containers(): ContainerNode[];
  refresh(): Promise<void>;
  /** Settles when the post-activation checks (config detection, the Reopen offer) are done. */
  settled: Promise<void>;
}

/**
 * Entry point: builds the services, the containers view, the status bar and
 * the timeline, and registers every command, each owned by the extension
 * context so that deactivation cleans up. Nothing here calls `container`:
 * the view polls once it is visible, commands run when invoked.
 */
export function activate(context: vscode.ExtensionContext): SlipwayTestApi {
  const log = vscode.window.createOutputChannel('Slipway', { log: true });
  const documents = new ReadonlyDocuments();
  const services = new Services(log);
  const source = new ContainersSource(() => services.runner(), refreshIntervalMs, log);
  const tree = new ContainersTree(source);
  const view = vscode.window.createTreeView('slipway.containers', {
    treeDataProvider: tree,
    showCollapseAll: false,
    canSelectMany: true,
  });
  const statusBar = new StartupStatusBar();
  const history = new StartHistoryStore(context.workspaceState);
  const timeline = new TimelineView(history);
  const setupPanel = new CheckSetupPanel();
  const refresh = () => void source.refresh();
  context.subscriptions.push(
    log,
    documents,
    source,
    tree,
    view,
    statusBar,
    history,
    timeline,
    setupPanel,
    vscode.workspace.registerTextDocumentContentProvider(ReadonlyDocuments.scheme, documents),
    vscode.window.registerWebviewViewProvider(TimelineView.viewId, timeline),
    view.onDidChangeVisibility((event) => source.setVisible(event.visible)),
    source.onDidChange((state) => updateViewState(view, state)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('slipway.refreshInterval')) {
        source.reschedule();
      }
      if (event.affectsConfiguration('slipway.containerPath')) {
        refresh();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
  );
  source.setVisible(view.visible);

  const startup: StartupDeps = {
    services,
    statusBar,
    history,
    connector: sshWindowConnector({ services, globalState: context.globalState, log }),
    log,
    refresh,
  };
  const memento = context.workspaceState;
  const actions = containerActions({ services, documents, log, memento, refresh });
  // Whatever makes a container from the workspace's config asks for trust first.
  const trust = new WorkspaceTrust(log);
  const gate = trust.gate.bind(trust);
  const handlers: Record<CommandId, (...args: never[]) => unknown> = {
    'slipway.reopenInContainer': gate(
      'Reopen in Apple Container',
      startCommand(startup, memento, VARIANTS.reopen),
    ),
    'slipway.openFolderInContainer': gate(
      'Open Folder in Apple Container',
      openFolderCommand(startup, context),
    ),
    'slipway.rebuild': gate('Rebuild Container', startCommand(startup, memento, VARIANTS.rebuild)),
    'slipway.rebuildNoCache': gate(
      'Rebuild Container Without Cache',
      startCommand(startup, memento, VARIANTS.rebuildNoCache),
    ),
    'slipway.rebuildAndReopen': gate(
      'Rebuild and Reopen in Apple Container',
      startCommand(startup, memento, VARIANTS.rebuildAndReopen),
    ),
    'slipway.reopenLocally': reopenLocallyCommand(context.globalState),
    'slipway.start': actions.start,
    'slipway.stop': actions.stop,
    'slipway.restart': actions.restart,
    'slipway.remove': actions.remove,
    'slipway.openTerminal': actions.openTerminal,
    'slipway.showContainerLog': actions.showContainerLog,
    'slipway.inspect': actions.inspect,
    'slipway.copyIp': actions.copyIp,
    'slipway.openPort': actions.openPort,
    'slipway.openInWindow': gate('Open in New Window', openInWindowCommand(startup)),
    'slipway.configureResources': configureResourcesCommand(services, memento, log),
    'slipway.startSystem': startSystemCommand(services, log, refresh),
    'slipway.checkSetup': checkSetupCommand(services, setupPanel, log),
    'slipway.setContainerPath': openContainerPathSetting,
    'slipway.refresh': () => source.refresh(),
    'slipway.showTimeline': () => timeline.show(),
    'slipway.benchmark': benchCommand(services, log),
    'slipway.statusActions': statusActionsCommand(),
    'slipway.showPlan': gate(
      'Show Container Plan',
      showPlanCommand(services, documents, memento, log),
    ),
    'slipway.showLog': () => log.show(),
    'slipway.installCli': installCliCommand(context, log),
    'slipway.uninstallCli': uninstallCliCommand(log),
    // A refresh first, so that the steps' context keys (slipway.cliState) are current.
    'slipway.getStarted': () => {
      refresh();
      return openWalkthrough(context);
    },
  };
  for (const id of COMMAND_IDS) {
    const handler = handlers[id] as (...args: unknown[]) => unknown;
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          // Handlers report the failures users can fix themselves; anything reaching here is a bug.
          log.error(`${id} failed`, error);
          void vscode.window.showErrorMessage(
            `Slipway: ${id} failed unexpectedly. See Slipway: Show Log.`,
          );
          return undefined;
        }
      }),
    );
  }
  const settled = afterActivation(startup, context, log, trust);
  log.info(`Slipway ${String(context.extension.packageJSON.version)} activated`);
  return {
    containers: () => tree.getChildren(),
    refresh: () => source.refresh(),
    settled,
  };
}

/** Work that may touch the disk: kept off the activation path so activation stays fast. */
async function afterActivation(
  startup: StartupDeps,
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  trust: WorkspaceTrust,
): Promise<void> {
  try {
    if (await attachToContainerWindow(startup, context)) {
      return;
    }
    void openWalkthroughOnce(context).catch((error: unknown) =>
      log.warn(`Opening the walkthrough failed: ${String(error)}`),
    );
    const hasConfig = await workspaceHasConfig();
    await vscode.commands.executeCommand('setContext', 'slipway.hasConfig', hasConfig);
    if (await resumePendingReopen(context)) {
      return;
    }
    if (hasConfig) {
      await offerReopen(context, trust);
    }
  } catch (error) {
    log.warn(`Start-up checks failed: ${String(error)}`);
  }
}

/**
 * In a window Slipway connected to a dev container: say so (context key,
 * status bar) and run postAttachCommand, as every attach does.
 */
async function attachToContainerWindow(
  startup: StartupDeps,
  context: vscode.ExtensionContext,
): Promise<boolean> {
  const window = currentContainerWindow(context.globalState);
  if (window === undefined) {
    return false;
  }
  await vscode.commands.executeCommand('setContext', 'slipway.inContainerWindow', true);
  context.subscriptions.push(watchContainerWindow(startup.services, window, startup.log));
  await registerContainerWindow(startup, window);
  const folder: vscode.WorkspaceFolder = {
    uri: vscode.Uri.file(window.workspaceFolder),
    name: window.workspaceFolder.split('/').pop() ?? window.workspaceFolder,
    index: 0,
  };
  const attached = await startContainer(startup, {
    operation: 'attach',
    folder,
    configFile: window.configFile,
    removeExisting: false,
    noCache: false,
    connect: false,
  });
  if (attached !== undefined) {
    await installContainerExtensions(
      context.globalState,
      attached.containerId,
      window.extensions,
      startup.log,
    );
  }
  return true;
}

/** Context keys for the welcome views, and the view's message line. */
function updateViewState(view: vscode.TreeView<ContainerNode>, state: SourceState): void {
  const cliState = state.kind === 'loading' ? 'loading' : state.kind;
  void vscode.commands.executeCommand('setContext', 'slipway.cliState', cliState);
  view.message =
    state.kind === 'ok' && state.containers.length > 0
      ? undefined
      : state.kind === 'error'
        ? state.message
        : undefined;
}

/** Set in a container window whose config stops the container with its last window. */
let onLastWindowClosed: (() => Promise<void>) | undefined;

async function registerContainerWindow(
  startup: StartupDeps,
  window: ContainerWindow,
): Promise<void> {
  if (window.shutdownAction !== 'stopContainer') {
    return;
  }
  const registry = new WindowRegistry(path.join(slipwayStateDir(process.env), 'windows'));
  await registry.register(window.containerId);
  const executable = await startup.services.runner().executable();
  onLastWindowClosed = async () => {
    if ((await registry.unregister(window.containerId)) === 0) {
      // The extension host is going away: the stop must not depend on it.
      runDetached(executable, ['stop', window.containerId]);
    }
  };
}

/** Everything else is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await onLastWindowClosed?.();
}
