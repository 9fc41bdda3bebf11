import * as vscode from 'vscode';
import type { ContainerInfo } from '../../core/client/types';
import { containerItems, type ContainerItem } from '../../core/view/containerItems';
import { usageText } from '../../core/view/usage';
import type { ContainersSource, SourceState } from './containersSource';

/**
 * The Containers view: plain nodes, mapped to TreeItems by the pure model in
 * core. An empty list renders nothing, so that the welcome view for the
 * current state (not installed, service stopped, no containers) shows instead.
 */
export type ContainerNode =
  | { kind: 'container'; item: ContainerItem; container: ContainerInfo; usage?: string }
  | { kind: 'message'; id: string; text: string; detail: string };

type ContainerRow = Extract<ContainerNode, { kind: 'container' }>;

export class ContainersTree implements vscode.TreeDataProvider<ContainerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainerNode | ContainerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** One object per container ID for the view's lifetime: the editor knows elements by identity. */
  private readonly rows = new Map<string, ContainerRow>();
  private current: ContainerNode[] = [];
  private signature = '';

  constructor(private readonly source: ContainersSource) {
    this.subscription = source.onDidChange((state) => this.update(state));
  }

  /**
   * Redrawing the whole tree closes a hover the user is reading, so only a
   * change to the rows (added, removed, state, description) redraws it; new
   * usage figures redraw just the rows whose figures changed.
   */
  private update(state: SourceState): void {
    const before = new Map([...this.rows].map(([id, row]) => [id, row.usage]));
    this.current = this.nodesFor(state);
    const next = signatureOf(this.current);
    if (next !== this.signature) {
      this.signature = next;
      this.changed.fire(undefined);
      return;
    }
    const moved = [...this.rows.values()].filter((row) => before.get(row.item.id) !== row.usage);
    if (moved.length > 0) {
      this.changed.fire(moved);
    }
  }

  private nodesFor(state: SourceState): ContainerNode[] {
    const fresh = nodesFor(state);
    const seen = new Set<string>();
    const nodes = fresh.map((node) => {
      if (node.kind !== 'container') {
        return node;
      }
      seen.add(node.item.id);
      const row = this.rows.get(node.item.id);
      if (row === undefined) {
        this.rows.set(node.item.id, node);
        return node;
      }
      return Object.assign(row, node);
    });
    for (const id of [...this.rows.keys()]) {
      if (!seen.has(id)) {
        this.rows.delete(id);
      }
    }
    return nodes;
  }

  getTreeItem(node: ContainerNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.tooltip = node.detail;
      item.iconPath = new vscode.ThemeIcon(
        'warning',
        new vscode.ThemeColor('problemsWarningIcon.foreground'),
      );
      item.contextValue = 'message';
      item.command = { command: 'slipway.checkSetup', title: 'Check Setup' };
      return item;
    }
    const model = node.item;
    const item = new vscode.TreeItem(model.label, vscode.TreeItemCollapsibleState.None);
    item.id = model.id;
    item.description = model.description;
    // The tooltip comes from resolveTreeItem, when the user hovers, with the latest usage.
    item.contextValue = model.contextValue;
    item.iconPath = new vscode.ThemeIcon(
      model.icon.id,
      model.icon.color === undefined ? undefined : new vscode.ThemeColor(model.icon.color),
    );
    item.accessibilityInformation = {
      label: `${model.label}, ${node.container.state}${model.description ? `, ${model.description}` : ''}`,
    };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ContainerNode): vscode.TreeItem {
    if (node.kind === 'container') {
      const tooltip = new vscode.MarkdownString(node.item.tooltip);
      tooltip.supportThemeIcons = true;
      item.tooltip = tooltip;
    }
    return item;
  }

  getChildren(node?: ContainerNode): ContainerNode[] {
    if (node !== undefined) {
      return [];
    }
    if (this.current.length === 0 && this.source.state.kind !== 'loading') {
      this.current = this.nodesFor(this.source.state);
    }
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What the rows show; usage is left out (it only changes the tooltip). */
function signatureOf(nodes: readonly ContainerNode[]): string {
  return JSON.stringify(
    nodes.map((node) =>
      node.kind === 'message'
        ? [node.id, node.text, node.detail]
        : [
            node.item.id,
            node.item.label,
            node.item.description,
            node.item.contextValue,
            node.item.icon,
          ],
    ),
  );
}

export function nodesFor(state: SourceState): ContainerNode[] {
  switch (state.kind) {
    case 'ok': {
      const byId = new Map(state.containers.map((c) => [c.id, c]));
      return containerItems(state.containers, state.usage).flatMap((item) => {
        const container = byId.get(item.id);
        return container === undefined
          ? []
          : [
              {
                kind: 'container' as const,
                item,
                container,
                usage: usageText(state.usage.get(item.id)),
              },
            ];
      });
    }
    case 'error':
      return [
        {
          kind: 'message',
          id: 'slipway.error',
          text: 'Could not list containers',
          detail: state.message,
        },
      ];
    default:
      // loading, missing and serviceStopped: the welcome views speak.
      return [];
  }
}
