import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'mocha';
import { parseContainers } from '../../../src/core/client/parseContainers';
import type { ContainerInfo } from '../../../src/core/client/types';
import type { ContainerUsage } from '../../../src/core/view/usage';
import type {
  ContainersSource,
  SourceState,
} from '../../../src/vscode/containers/containersSource';
import { ContainersTree, type ContainerNode } from '../../../src/vscode/containers/containersTree';
import { EventEmitter } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';
import { evaluateWhen } from '../../support/whenClause';
import { LIST_1X_RUNNING, LIST_1X_STOPPED } from '../client/fixtures';

/**
 * The containers tree as the editor sees it: each row's context value decides
 * its menu (package.json's `view/item/context`), and the tree redraws only
 * what changed, so a hover the user is reading stays open.
 */

const manifest = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'),
) as {
  contributes: {
    menus: Record<string, Array<{ command: string; when: string; group: string }>>;
    viewsWelcome: Array<{ view: string; when: string; contents: string }>;
  };
};

const RUNNING = parseContainers(LIST_1X_RUNNING)[0]!;
const STOPPED = parseContainers(LIST_1X_STOPPED)[0]!;

/** A source whose state the test sets. */
class SettableSource {
  private readonly emitter = new EventEmitter<SourceState>();
  readonly onDidChange = this.emitter.event;
  state: SourceState = { kind: 'loading' };
  set(state: SourceState): void {
    this.state = state;
    this.emitter.fire(state);
  }
}

const ok = (
  containers: ContainerInfo[],
  usage = new Map<string, ContainerUsage>(),
): SourceState => ({
  kind: 'ok',
  containers,
  usage,
});

/** The commands a row's context menu (and inline buttons) offers, in menu order. */
function menuFor(contextValue: string | undefined): string[] {
  const context = { view: 'slipway.containers', viewItem: contextValue };
  return manifest.contributes.menus['view/item/context']!.filter(
    (entry) => !entry.group.startsWith('inline'),
  )
    .filter((entry) => evaluateWhen(entry.when, context))
    .map((entry) => entry.command);
}

describe('the containers tree', () => {
  let source: SettableSource;
  let tree: ContainersTree;
  let redraws: Array<ContainerNode | ContainerNode[] | undefined>;

  beforeEach(() => {
    useFakeVscode();
    source = new SettableSource();
    tree = new ContainersTree(source as unknown as ContainersSource);
    redraws = [];
    tree.onDidChangeTreeData((change) => redraws.push(change));
  });

  const items = () => tree.getChildren().map((node) => tree.getTreeItem(node));

  it('offers a running dev container with ports everything but Start', () => {
    source.set(ok([RUNNING]));
    const [item] = items();
    assert.equal(item?.contextValue, 'container+running+devcontainer+ports');
    assert.deepEqual(menuFor(item?.contextValue), [
      'slipway.openInWindow',
      'slipway.openTerminal',
      'slipway.openPort',
      'slipway.stop',
      'slipway.restart',
      'slipway.showContainerLog',
      'slipway.inspect',
      'slipway.copyIp',
      'slipway.remove',
    ]);
  });

  it('offers a stopped container Start, its log, Inspect and Remove only', () => {
    source.set(ok([STOPPED]));
    const [item] = items();
    assert.equal(item?.contextValue, 'container+stopped');
    assert.deepEqual(menuFor(item?.contextValue), [
      'slipway.start',
      'slipway.showContainerLog',
      'slipway.inspect',
      'slipway.remove',
    ]);
  });

  it('shows a Compose project as one expanded node with Start, Stop and Remove, its services under it', () => {
    const compose = (c: ContainerInfo, service: string, state: ContainerInfo['state']) => ({
      ...c,
      id: `shop-${service}-1`,
      state,
      labels: {
        ...c.labels,
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': service,
      },
    });
    const db = compose(STOPPED, 'db', 'running');
    const app = compose(RUNNING, 'app', 'stopped');
    source.set(ok([STOPPED, db, app], new Map([[db.id, { memoryUsedBytes: 2 ** 20 }]])));
    const [node, lone] = tree.getChildren();
    assert.equal(node?.kind, 'project');
    assert.equal(lone?.kind === 'container' && lone.item.id, STOPPED.id);
    const item = tree.getTreeItem(node!);
    assert.equal(item.label, 'shop');
    assert.equal(item.description, '2 services · 1 running');
    assert.equal(item.collapsibleState, 2, 'expanded');
    assert.deepEqual(menuFor(item.contextValue), [
      'slipway.startProject',
      'slipway.stopProject',
      'slipway.removeProject',
    ]);
    const inline = (contextValue: string | undefined) =>
      manifest.contributes.menus['view/item/context']!.filter(
        (entry) =>
          entry.group.startsWith('inline') &&
          evaluateWhen(entry.when, { view: 'slipway.containers', viewItem: contextValue }),
      ).map((entry) => entry.command);
    assert.deepEqual(inline(item.contextValue), ['slipway.startProject', 'slipway.stopProject']);
    const children = tree.getChildren(node);
    assert.deepEqual(
      children.map((child) => tree.getTreeItem(child).label),
      [db.id, app.id].map((id) => id.split('-')[1]),
    );
    // A service keeps a container's menu, so Stop, Terminal and the rest work on it alone.
    assert.deepEqual(menuFor(tree.getTreeItem(children[0]!).contextValue), [
      'slipway.openTerminal',
      'slipway.stop',
      'slipway.restart',
      'slipway.showContainerLog',
      'slipway.inspect',
      'slipway.copyIp',
      'slipway.remove',
    ]);
    const stoppedAll = ok([db, app].map((c) => ({ ...c, state: 'stopped' as const })));
    source.set(stoppedAll);
    const after = tree.getTreeItem(tree.getChildren()[0]!);
    assert.deepEqual(menuFor(after.contextValue), [
      'slipway.startProject',
      'slipway.removeProject',
    ]);
    assert.equal(tree.getChildren()[0], node, 'the same node object across refreshes');
    const tooltip = tree.resolveTreeItem(after, node!).tooltip as { value: string };
    assert.match(tooltip.value, /- db: stopped/);
  });

  it('gives a failed listing a row with no container menu, that opens Check Setup', () => {
    source.set({ kind: 'error', message: 'container list did not answer in time' });
    const [item] = items();
    assert.equal(item?.contextValue, 'message');
    assert.deepEqual(menuFor(item?.contextValue), []);
    assert.deepEqual(item?.command, { command: 'slipway.checkSetup', title: 'Check Setup' });
    assert.equal(item?.tooltip, 'container list did not answer in time');
  });

  it('shows no rows while container is missing or stopped, so the welcome view speaks', () => {
    for (const kind of ['missing', 'serviceStopped'] as const) {
      source.set({ kind, message: 'x' });
      assert.deepEqual(tree.getChildren(), []);
    }
  });

  it('redraws the whole tree only when rows change, and just the rows whose usage changed', () => {
    source.set(ok([RUNNING, STOPPED]));
    assert.equal(redraws.length, 1);
    assert.equal(redraws[0], undefined, 'new rows: one full redraw');
    source.set(ok([RUNNING, STOPPED]));
    assert.equal(redraws.length, 1, 'the same rows: nothing redrawn');
    source.set(ok([RUNNING, STOPPED], new Map([[RUNNING.id, { memoryUsedBytes: 2 ** 20 }]])));
    assert.equal(redraws.length, 2);
    const changed = redraws[1];
    assert.ok(Array.isArray(changed));
    assert.deepEqual(
      changed.map((node) => (node.kind === 'container' ? node.item.id : node.kind)),
      [RUNNING.id],
    );
    // The editor knows rows by identity: the redrawn row is the one it already has.
    assert.equal(changed[0], tree.getChildren()[0]);
    source.set(ok([RUNNING]));
    assert.deepEqual(redraws.at(-1), undefined, 'a row went away: full redraw');
    assert.equal(redraws.length, 3);
  });

  it('puts the latest usage in the tooltip when the user hovers', () => {
    source.set(ok([RUNNING], new Map([[RUNNING.id, { memoryUsedBytes: 512 * 2 ** 20 }]])));
    const node = tree.getChildren()[0]!;
    const item = tree.resolveTreeItem(tree.getTreeItem(node), node);
    assert.match((item.tooltip as { value: string }).value, /512 MiB/);
  });

  it('has exactly one welcome view for each state without rows, and none over rows', () => {
    const welcomes = (cliState: string, hasConfig: boolean) =>
      manifest.contributes.viewsWelcome.filter(
        (welcome) =>
          welcome.view === 'slipway.containers' &&
          evaluateWhen(welcome.when, {
            'slipway.cliState': cliState,
            'slipway.hasConfig': hasConfig,
          }),
      );
    for (const [cliState, hasConfig, says] of [
      ['loading', false, /Looking|Checking|…/],
      ['missing', true, /not found|install/i],
      ['serviceStopped', true, /Start Container System|startSystem/],
      ['ok', true, /reopenInContainer/],
      ['ok', false, /./],
    ] as const) {
      const shown = welcomes(cliState, hasConfig);
      assert.equal(shown.length, 1, `one welcome view for ${cliState}, hasConfig ${hasConfig}`);
      assert.match(shown[0]!.contents, says);
    }
    // A failed listing has a row of its own (above); the welcome views are for empty trees only.
    assert.deepEqual(welcomes('error', true), []);
  });
});
