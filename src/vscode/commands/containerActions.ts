import * as vscode from 'vscode';
import {
  deleteCommand,
  inspectJsonCommand,
  listCommand,
  logsCommand,
  startCommand,
  stopCommand,
} from '../../core/client/containerCommands';
import type { ContainerInfo } from '../../core/client/types';
import { findDevContainer } from '../../core/engine/findContainer';
import { containerItem } from '../../core/view/containerItems';
import { terminalExecArgs } from '../../core/view/terminal';
import type { ContainerNode } from '../containers/containersTree';
import type { ReadonlyDocuments } from '../readonlyDocuments';
import type { Services } from '../services';
import { reportFailure } from '../userErrors';
import { pickTarget } from '../workspaceTarget';

/**
 * The per-container actions, from the tree (with the clicked node, or the
 * selection) or from the palette (the workspace's dev container, or a pick
 * among all containers when the workspace has none).
 */

export interface ActionDeps {
  services: Services;
  documents: ReadonlyDocuments;
  log: vscode.LogOutputChannel;
  memento: vscode.Memento;
  refresh(): void;
}

type Node = ContainerNode | undefined;

function containersOf(node: Node, nodes: readonly ContainerNode[] | undefined): ContainerInfo[] {
  const chosen = nodes !== undefined && nodes.length > 0 ? nodes : node === undefined ? [] : [node];
  return chosen.flatMap((n) => (n.kind === 'container' ? [n.container] : []));
}

/** From the palette: this workspace's dev container if it has one, else a pick. */
async function chooseContainer(
  deps: ActionDeps,
  filter: (container: ContainerInfo) => boolean,
  verb: string,
): Promise<ContainerInfo | undefined> {
  const all = await deps.services.runner().run(listCommand());
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 0) {
    const target = await pickTarget(deps.memento).catch(() => undefined);
    if (target) {
      const own = findDevContainer(all, target.folder.uri.fsPath, target.configFile);
      if (own !== undefined && filter(own)) {
        return own;
      }
    }
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

async function targets(
  deps: ActionDeps,
  node: Node,
  nodes: readonly ContainerNode[] | undefined,
  filter: (container: ContainerInfo) => boolean,
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
async function withEach(
  deps: ActionDeps,
  title: string,
  list: ContainerInfo[],
  action: (container: ContainerInfo, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  if (list.length === 0) {
    return;
  }
  const controller = new AbortController();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        for (const container of list) {
          progress.report({ message: container.id });
          await action(container, controller.signal);
        }
      },
    );
  } catch (error) {
    await reportFailure(error, title, deps.log);
  } finally {
    deps.refresh();
  }
}

const isRunning = (c: ContainerInfo) => c.state === 'running';
const isStopped = (c: ContainerInfo) => c.state !== 'running';
const any = () => true;

export function containerActions(deps: ActionDeps) {
  const run = deps.services.runner.bind(deps.services);
  return {
    start: async (node?: Node, nodes?: ContainerNode[]) =>
      withEach(
        deps,
        'Starting container',
        await targets(deps, node, nodes, isStopped, 'start'),
        (c, signal) => run().run(startCommand(c.id), { signal }),
      ),
    stop: async (node?: Node, nodes?: ContainerNode[]) =>
      withEach(
        deps,
        'Stopping container',
        await targets(deps, node, nodes, isRunning, 'stop'),
        (c, signal) => run().run(stopCommand(c.id), { signal }),
      ),
    restart: async (node?: Node, nodes?: ContainerNode[]) =>
      withEach(
        deps,
        'Restarting container',
        await targets(deps, node, nodes, any, 'restart'),
        async (c, signal) => {
          if (c.state === 'running') {
            await run().run(stopCommand(c.id), { signal });
          }
          await run().run(startCommand(c.id), { signal });
        },
      ),
    remove: async (node?: Node, nodes?: ContainerNode[]) => {
      const list = await targets(deps, node, nodes, any, 'remove');
      if (list.length === 0 || !(await confirmRemove(list))) {
        return;
      }
      const memos = deps.services.engine().memos;
      await withEach(deps, 'Removing container', list, async (c, signal) => {
        await run().run(deleteCommand(c.id, { force: true }), { signal });
        await memos.forget(c.id);
      });
    },
    openTerminal: async (node?: Node) => {
      const [container] = await targets(deps, node, undefined, isRunning, 'open a terminal in');
      if (container === undefined) {
        return;
      }
      try {
        const executable = await run().executable();
        const memo = await deps.services.engine().memos.read(container.id);
        const terminal = vscode.window.createTerminal({
          name: `${containerItem(container).label} (container)`,
          shellPath: executable,
          shellArgs: terminalExecArgs(container, memo),
          iconPath: new vscode.ThemeIcon('vm'),
        });
        terminal.show();
      } catch (error) {
        await reportFailure(error, 'Open Terminal in Container', deps.log);
      }
    },
    showContainerLog: async (node?: Node) => {
      const [container] = await targets(deps, node, undefined, any, 'show the log of');
      if (container === undefined) {
        return;
      }
      try {
        const text = await run().run(logsCommand(container.id, { lines: 1000 }));
        await deps.documents.show(
          `Log of ${container.id}.log`,
          text === '' ? `(${container.id} has written nothing to its log yet)\n` : text,
        );
      } catch (error) {
        await reportFailure(error, 'Show Container Log', deps.log);
      }
    },
    inspect: async (node?: Node) => {
      const [container] = await targets(deps, node, undefined, any, 'inspect');
      if (container === undefined) {
        return;
      }
      try {
        const json = await run().run(inspectJsonCommand(container.id));
        const editor = await deps.documents.show(`${container.id}.json`, `${json}\n`);
        await vscode.languages.setTextDocumentLanguage(editor.document, 'json');
      } catch (error) {
        await reportFailure(error, 'Inspect Container', deps.log);
      }
    },
    copyIp: async (node?: Node) => {
      const [container] = containersOf(node, undefined);
      if (container?.ipAddress === undefined) {
        void vscode.window.showInformationMessage(
          'That container has no IP address: it is not running.',
        );
        return;
      }
      await vscode.env.clipboard.writeText(container.ipAddress);
      void vscode.window.setStatusBarMessage(`Copied ${container.ipAddress}`, 3000);
    },
    openPort: async (node?: Node) => {
      const [container] = containersOf(node, undefined);
      const ports = container?.publishedPorts ?? [];
      const picked =
        ports.length <= 1
          ? ports[0]
          : (
              await vscode.window.showQuickPick(
                ports.map((port) => ({
                  label: `${port.hostPort}`,
                  description: `→ ${port.containerPort}/${port.proto}`,
                  port,
                })),
                { placeHolder: 'Which published port?' },
              )
            )?.port;
      if (picked === undefined) {
        return;
      }
      // A port published on all addresses is reached on this machine through loopback.
      const host = ['0.0.0.0', '::', ''].includes(picked.hostAddress)
        ? 'localhost'
        : picked.hostAddress;
      await vscode.env.openExternal(vscode.Uri.parse(`http://${host}:${picked.hostPort}/`));
    },
  };
}

async function confirmRemove(list: ContainerInfo[]): Promise<boolean> {
  const devContainers = list.filter((c) => containerItem(c).isDevContainer);
  const names = list.map((c) => c.id).join(', ');
  const detail =
    devContainers.length > 0
      ? 'Anything inside the container that is not in the workspace folder or a volume is lost. Reopen creates it again from devcontainer.json.'
      : 'Its root filesystem is lost.';
  const answer = await vscode.window.showWarningMessage(
    `Remove ${list.length === 1 ? 'the container' : `${list.length} containers`} ${names}?`,
    { modal: true, detail },
    'Remove',
  );
  return answer === 'Remove';
}
