import * as vscode from 'vscode';
import type { ContainerInfo } from '../../core/client/types';
import type { ContainerItem } from '../../core/view/containerItems';
import { viewEntries, type ProjectItem } from '../../core/view/composeGroups';
import { usageText } from '../../core/view/usage';
import type { ContainersSource, SourceState } from './containersSource';

/**
 * The Containers view: plain nodes, mapped to TreeItems by the pure model in
 * core; a Compose project is a node with its services as children. An empty
 * list renders nothing, so that the welcome view for the current state (not
 * installed, service stopped, no containers) shows instead.
 */
export type ContainerNode =
  | { kind: 'container'; item: ContainerItem; container: ContainerInfo; usage?: string }
  | { kind: 'project'; project: ProjectItem; services: ContainerRow[] }
  | { kind: 'message'; id: string; text: string; detail: string };

export interface ContainerRow {
  kind: 'container';
  item: ContainerItem;
  container: ContainerInfo;
  usage?: string;
}
type ProjectNode = Extract<ContainerNode, { kind: 'project' }>;

export class ContainersTree implements vscode.TreeDataProvider<ContainerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainerNode | ContainerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** One object per container ID for the view's lifetime: the editor knows elements by identity. */
  private readonly rows = new Map<string, ContainerRow>();
  private readonly projects = new Map<string, ProjectNode>();
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
    const keep = (node: ContainerRow): ContainerRow => {
      seen.add(node.item.id);
      const row = this.rows.get(node.item.id);
      if (row === undefined) {
        this.rows.set(node.item.id, node);
        return node;
      }
      return Object.assign(row, node);
    };
    const nodes = fresh.map((node) => {
      if (node.kind === 'container') {
        return keep(node);
      }
      if (node.kind === 'project') {
        seen.add(node.project.id);
        const fresh = { ...node, services: node.services.map(keep) };
        const known = this.projects.get(node.project.id);
        if (known === undefined) {
          this.projects.set(node.project.id, fresh);
          return fresh;
        }
        return Object.assign(known, fresh);
      }
      return node;
    });
    for (const map of [this.rows, this.projects]) {
      for (const id of [...map.keys()]) {
        if (!seen.has(id)) {
          map.delete(id);
        }
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
    if (node.kind === 'project') {
      return projectTreeItem(node.project);
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
    if (node.kind !== 'message') {
      const tooltip = new vscode.MarkdownString(
        node.kind === 'project' ? node.project.tooltip : node.item.tooltip,
      );
      tooltip.supportThemeIcons = true;
      item.tooltip = tooltip;
    }
    return item;
  }

  getChildren(node?: ContainerNode): ContainerNode[] {
    if (node !== undefined) {
      return node.kind === 'project' ? node.services : [];
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

/** A Compose project's node: expanded, so its services show with their state at once. */
function projectTreeItem(project: ProjectItem): vscode.TreeItem {
  const item = new vscode.TreeItem(project.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = project.id;
  item.description = project.description;
  item.contextValue = project.contextValue;
  item.iconPath = new vscode.ThemeIcon(
    project.icon.id,
    project.icon.color === undefined ? undefined : new vscode.ThemeColor(project.icon.color),
  );
  item.accessibilityInformation = {
    label: `${project.label}, Compose project, ${project.description}`,
  };
  return item;
}

/** What the rows show; usage is left out (it only changes the tooltip). */
function signatureOf(nodes: readonly ContainerNode[]): string {
  const row = (node: ContainerRow) => [
    node.item.id,
    node.item.label,
    node.item.description,
    node.item.contextValue,
    node.item.icon,
  ];
  return JSON.stringify(
    nodes.map((node) =>
      node.kind === 'message'
        ? [node.id, node.text, node.detail]
        : node.kind === 'project'
          ? [
              node.project.id,
              node.project.description,
              node.project.contextValue,
              node.project.icon,
              node.services.map(row),
            ]
          : row(node),
    ),
  );
}

export function nodesFor(state: SourceState): ContainerNode[] {
  switch (state.kind) {
    case 'ok': {
      const row = (entry: { item: ContainerItem; container: ContainerInfo }): ContainerRow => ({
        kind: 'container',
        ...entry,
        usage: usageText(state.usage.get(entry.item.id)),
      });
      return viewEntries(state.containers, state.usage).map((entry) =>
        entry.kind === 'container'
          ? row(entry)
          : { kind: 'project', project: entry.project, services: entry.services.map(row) },
      );
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
