import * as vscode from 'vscode';
import { listCommand } from '../../core/client/containerCommands';
import type { ContainerInfo } from '../../core/client/types';
import { findDevContainer } from '../../core/engine/findContainer';
import { containerItem } from '../../core/view/containerItems';
import type { ContainerNode } from '../containers/containersTree';
import type { ReadonlyDocuments } from '../readonlyDocuments';
import type { Services } from '../services';
import { reportFailure } from '../userErrors';
import { pickTarget } from '../workspaceTarget';

/**
 * Which containers an action is for, and how it runs on them: shared by
 * every per-container action, so each finds its targets and reports its
 * failures the same way.
 */

export interface ActionDeps {
  services: Services;
  documents: ReadonlyDocuments;
  log: vscode.LogOutputChannel;
  memento: vscode.Memento;
  refresh(): void;
}

export type Node = ContainerNode | undefined;

export type ContainerFilter = (container: ContainerInfo) => boolean;

export const isRunning: ContainerFilter = (c) => c.state === 'running';
export const isStopped: ContainerFilter = (c) => c.state !== 'running';
export const any: ContainerFilter = () => true;

/** The clicked row, or the whole selection when there is one. */
export function containersOf(
  node: Node,
  nodes: readonly ContainerNode[] | undefined,
): ContainerInfo[] {
  const chosen = nodes !== undefined && nodes.length > 0 ? nodes : node === undefined ? [] : [node];
  return chosen.flatMap((n) => (n.kind === 'container' ? [n.container] : []));
}

/** The workspace's own dev container, when it has one that `filter` accepts. */
async function ownContainer(
  deps: ActionDeps,
  all: readonly ContainerInfo[],
  filter: ContainerFilter,
): Promise<ContainerInfo | undefined> {
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    return undefined;
  }
  const target = await pickTarget(deps.memento).catch(() => undefined);
  if (!target) {
    return undefined;
  }
  const own = findDevContainer(all, target.folder.uri.fsPath, target.configFile);
  return own !== undefined && filter(own) ? own : undefined;
}

/** From the palette: this workspace's dev container if it has one, else a pick. */
async function chooseContainer(
  deps: ActionDeps,
  filter: ContainerFilter,
  verb: string,
): Promise<ContainerInfo | undefined> {
  const all = await deps.services.runner().run(listCommand());
  const own = await ownContainer(deps, all, filter);
  if (own !== undefined) {
    return own;
  }
  const candidates = all.filter(filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`There is no container to ${verb}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((container) => {
      const item = containerItem(container);
      return { label: item.label, description: item.description, container };
    }),
    { placeHolder: `Which container should Slipway ${verb}?` },
  );
  return picked?.container;
}

/** The tree's containers when invoked from the tree, else the palette's choice. */
export async function targets(
  deps: ActionDeps,
  node: Node,
  nodes: readonly ContainerNode[] | undefined,
  filter: ContainerFilter,
  verb: string,
): Promise<ContainerInfo[]> {
  const fromTree = containersOf(node, nodes);
  if (fromTree.length > 0) {
    return fromTree;
  }
  const chosen = await chooseContainer(deps, filter, verb);
  return chosen === undefined ? [] : [chosen];
}

/** Runs a verb on each target with a cancellable progress notification, then refreshes the view. */
export async function withEach(
  deps: ActionDeps,
  title: string,
  list: ContainerInfo[],
  action: (container: ContainerInfo, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  if (list.length === 0) {
    return;
  }
  await withCancellableProgress(deps, title, title, async (report, signal) => {
    for (const container of list) {
      report(container.id);
      await action(container, signal);
    }
  });
}

/**
 * A cancellable progress notification titled `title` around `body`; a failure
 * reported in the shared words as `what` failed; the view refreshed after, as
 * whatever finished before a failure or Cancel changed it.
 */
export async function withCancellableProgress(
  deps: ActionDeps,
  title: string,
  what: string,
  body: (report: (message: string) => void, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        await body((message) => progress.report({ message }), controller.signal);
      },
    );
  } catch (error) {
    await reportFailure(error, what, deps.log);
  } finally {
    deps.refresh();
  }
}
