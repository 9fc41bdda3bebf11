import * as vscode from 'vscode';
import type { ContainerInfo } from '../../core/client/types';
import { containerItems, type ContainerItem } from '../../core/view/containerItems';
import type { ContainersSource, SourceState } from './containersSource';

/**
 * The Containers view: plain nodes, mapped to TreeItems by the pure model in
 * core. An empty list renders nothing, so that the welcome view for the
 * current state (not installed, service stopped, no containers) shows instead.
 */
export type ContainerNode =
  | { kind: 'container'; item: ContainerItem; container: ContainerInfo }
  | { kind: 'message'; id: string; text: string; detail: string };

export class ContainersTree implements vscode.TreeDataProvider<ContainerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: ContainersSource) {
    this.subscription = source.onDidChange(() => this.changed.fire(undefined));
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
    const tooltip = new vscode.MarkdownString(model.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
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

  getChildren(node?: ContainerNode): ContainerNode[] {
    if (node !== undefined) {
      return [];
    }
    return nodesFor(this.source.state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function nodesFor(state: SourceState): ContainerNode[] {
  switch (state.kind) {
    case 'ok': {
      const byId = new Map(state.containers.map((c) => [c.id, c]));
      return containerItems(state.containers, state.usage).flatMap((item) => {
        const container = byId.get(item.id);
        return container === undefined ? [] : [{ kind: 'container' as const, item, container }];
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
