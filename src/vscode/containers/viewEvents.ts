import * as vscode from 'vscode';
import type { SlipwayContext } from '../context';
import { ReadonlyDocuments } from '../readonlyDocuments';
import { TimelineView } from '../timelineView';
import type { SourceState } from './containersSource';
import type { ContainerNode } from './containersTree';

/**
 * The views' providers and what they follow: the containers view polls only
 * while visible, and refreshes when the settings it depends on or the
 * workspace's trust change.
 */
export function registerViews(ctx: SlipwayContext): void {
  const { source, view } = ctx;
  ctx.extension.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(ReadonlyDocuments.scheme, ctx.documents),
    vscode.window.registerWebviewViewProvider(TimelineView.viewId, ctx.timeline),
    view.onDidChangeVisibility((event) => source.setVisible(event.visible)),
    source.onDidChange((state) => updateViewState(view, state)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('slipway.refreshInterval')) {
        source.reschedule();
      }
      if (event.affectsConfiguration('slipway.containerPath')) {
        ctx.refresh();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(ctx.refresh),
  );
  source.setVisible(view.visible);
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
