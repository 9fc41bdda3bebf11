import * as vscode from 'vscode';
import { CheckSetupPanel } from './checkSetupPanel';
import { ContainersSource } from './containers/containersSource';
import { ContainersTree, type ContainerNode } from './containers/containersTree';
import { ReadonlyDocuments } from './readonlyDocuments';
import { Services } from './services';
import { refreshIntervalMs } from './settings';
import type { WindowConnector } from './startup/connector';
import { StartHistoryStore } from './startup/historyStore';
import { sshWindowConnector } from './startup/sshConnector';
import { StartupStatusBar } from './startup/statusBar';
import { TimelineView } from './timelineView';
import { windowHostLabel } from './remoteMac';
import { WorkspaceTrust } from './trust';

/**
 * Everything the commands share, made once in `activate` and handed to each
 * command factory (rust-analyzer's `Ctx`): a factory takes the context and
 * declares, by its parameter's type, the part of it it uses.
 */
export interface SlipwayContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly services: Services;
  readonly documents: ReadonlyDocuments;
  /** This workspace's memory: the chosen config, the prompts already shown. */
  readonly memento: vscode.Memento;
  /** Memory across windows: the pending reopen, the container windows. */
  readonly globalState: vscode.Memento;
  readonly trust: WorkspaceTrust;
  readonly source: ContainersSource;
  readonly tree: ContainersTree;
  readonly view: vscode.TreeView<ContainerNode>;
  readonly statusBar: StartupStatusBar;
  readonly history: StartHistoryStore;
  readonly timeline: TimelineView;
  readonly setupPanel: CheckSetupPanel;
  readonly connector: WindowConnector;
  /** Refreshes the containers view, as after any action that changes containers. */
  refresh(): void;
}

/** Builds the context; everything disposable in it is disposed with the extension. */
export function createSlipwayContext(extension: vscode.ExtensionContext): SlipwayContext {
  const log = vscode.window.createOutputChannel('Slipway', { log: true });
  const services = new Services(log);
  const source = new ContainersSource(() => services.runner(), refreshIntervalMs, log);
  const tree = new ContainersTree(source);
  const view = vscode.window.createTreeView('slipway.containers', {
    treeDataProvider: tree,
    showCollapseAll: false,
    canSelectMany: true,
  });
  const history = new StartHistoryStore(extension.workspaceState);
  const globalState = extension.globalState;
  // Slipway on another Mac (a Remote-SSH window with Slipway installed there) says so.
  const extensionKind = extension.extension.extensionKind;
  const host = windowHostLabel(extensionKind);
  view.description = host;
  const ctx: SlipwayContext = {
    extension,
    log,
    services,
    documents: new ReadonlyDocuments(),
    memento: extension.workspaceState,
    globalState,
    trust: new WorkspaceTrust(log),
    source,
    tree,
    view,
    statusBar: new StartupStatusBar(host),
    history,
    timeline: new TimelineView(history, host),
    setupPanel: new CheckSetupPanel(),
    connector: sshWindowConnector({ services, globalState, log, extensionKind }),
    refresh: () => void source.refresh(),
  };
  const { documents, statusBar, timeline, setupPanel } = ctx;
  extension.subscriptions.push(
    log,
    documents,
    source,
    tree,
    view,
    statusBar,
    history,
    timeline,
    setupPanel,
  );
  return ctx;
}
