import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseContainers } from '../../../src/core/client/parseContainers';
import {
  ContainerCliError,
  type ContainerCommand,
  type ContainerInfo,
} from '../../../src/core/client/types';
import { containerItem } from '../../../src/core/view/containerItems';
import type { ContainerNode } from '../../../src/vscode/containers/containersTree';
import type { Services } from '../../../src/vscode/services';
import { fakeContainerActions } from '../../support/containerActionsFixture';
import { newEditorState, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';
import { LIST_1X_RUNNING, LIST_1X_STOPPED } from '../client/fixtures';

/**
 * The containers view's actions: each runs on the clicked row or the whole
 * selection, Remove only after the user confirms, and the view refreshes
 * right after every action, whether it worked or not, so it shows the truth.
 */

const RUNNING = parseContainers(LIST_1X_RUNNING)[0]!;
const STOPPED = parseContainers(LIST_1X_STOPPED)[0]!;

const node = (container: ContainerInfo): ContainerNode => ({
  kind: 'container',
  item: containerItem(container),
  container,
});

function setUp(
  overrides: Partial<FakeEditorState> = {},
  fail?: ContainerCliError,
  listed: ContainerInfo[] = [RUNNING, STOPPED],
) {
  const state = newEditorState({ answers: [], openedExternally: [], ...overrides });
  const fake = useFakeVscode(state);
  const ran: string[] = [];
  const forgotten: string[] = [];
  let refreshes = 0;
  const runner = {
    run: async <T>(command: ContainerCommand<T>): Promise<T> => {
      ran.push(command.args.join(' '));
      if (fail !== undefined) {
        throw fail;
      }
      // From the palette an action first lists the containers to choose among.
      return (command.args[0] === 'list' ? listed : '') as T;
    },
  };
  const services = {
    runner: () => runner,
    engine: () => ({ memos: { forget: async (id: string) => void forgotten.push(id) } }),
  } as unknown as Services;
  const actions = fakeContainerActions(fake, services, () => refreshes++);
  return { state, actions, ran, forgotten, refreshes: () => refreshes };
}

describe('the containers view’s actions', () => {
  it('stops every selected container, then refreshes the view once', async () => {
    const { actions, ran, refreshes } = setUp();
    const other = { ...RUNNING, id: 'other' };
    await actions.stop(node(RUNNING), [node(RUNNING), node(other)]);
    assert.deepEqual(ran, ['stop devc-myproj', 'stop other']);
    assert.equal(refreshes(), 1);
  });

  it('restarts a running container with stop and start, a stopped one with start', async () => {
    const { actions, ran } = setUp();
    await actions.restart(undefined, [node(RUNNING), node(STOPPED)]);
    assert.deepEqual(ran, ['stop devc-myproj', 'start devc-myproj', 'start devc-old']);
  });

  it('refreshes the view after a failed action too, and says what failed', async () => {
    const { state, actions, refreshes } = setUp(
      {},
      new ContainerCliError('containerNotFound', 'container devc-old was not found'),
    );
    await actions.start(node(STOPPED));
    assert.equal(refreshes(), 1);
    const errors = state.messages.filter((m) => m.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.text, /devc-old was not found/);
  });

  it('removes nothing unless the user confirms', async () => {
    const { state, actions, ran, refreshes } = setUp({ answers: [undefined] });
    await actions.remove(node(RUNNING));
    assert.match(state.messages[0]!.text, /^Remove the container devc-myproj\?/);
    assert.deepEqual(ran, []);
    assert.equal(refreshes(), 0);
  });

  it('removes with force once confirmed, forgets what it knew, and refreshes', async () => {
    const { actions, ran, forgotten, refreshes } = setUp({ answers: ['Remove'] });
    await actions.remove(undefined, [node(RUNNING), node(STOPPED)]);
    assert.deepEqual(ran, ['delete -f devc-myproj', 'delete -f devc-old']);
    assert.deepEqual(forgotten, ['devc-myproj', 'devc-old']);
    assert.equal(refreshes(), 1);
  });

  it('opens a published port in the browser, on loopback when published on all addresses', async () => {
    const { state, actions } = setUp();
    await actions.openPort(node(RUNNING));
    const everywhere = {
      ...RUNNING,
      publishedPorts: [{ ...RUNNING.publishedPorts[0]!, hostAddress: '0.0.0.0', hostPort: 8080 }],
    };
    await actions.openPort(node(everywhere));
    assert.deepEqual(state.openedExternally, ['http://127.0.0.1:3000/', 'http://localhost:8080/']);
  });

  it('from the palette, without a workspace, offers only the containers the verb fits', async () => {
    const { state, actions, ran } = setUp({ quickPicks: [] });
    await actions.start();
    assert.deepEqual(state.quickPicks?.length, 1);
    assert.deepEqual(state.quickPicks?.[0]?.labels, [containerItem(STOPPED).label]);
    assert.deepEqual(ran.slice(1), ['start devc-old']);
  });

  it('from the palette, says so when no container fits the verb, and runs nothing', async () => {
    const { state, actions, ran, refreshes } = setUp({}, undefined, [STOPPED]);
    await actions.stop();
    assert.equal(ran.length, 1);
    assert.match(ran[0]!, /^list/);
    assert.deepEqual(state.messages, [{ level: 'info', text: 'There is no container to stop.' }]);
    assert.equal(refreshes(), 0);
  });
});
