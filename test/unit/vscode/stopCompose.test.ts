import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerCommand, ContainerInfo } from '../../../src/core/client/types';
import { STOP_ONLY, STOP_PROJECT } from '../../../src/vscode/commands/stopCompose';
import type { Services } from '../../../src/vscode/services';
import { containerItem } from '../../../src/core/view/containerItems';
import { fakeContainerActions } from '../../support/containerActionsFixture';
import { fakeDeps } from '../../support/fakeEngine';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * The palette's "Slipway: Stop Container" on a Compose dev container offers
 * the whole project (as stopCompose does when the last window closes) or
 * that container only; the tree's row Stop stays one container.
 */

const member = (service: string, created: string, dev = false): ContainerInfo => ({
  id: `proj-${service}-1`,
  state: 'running',
  image: 'busybox',
  rosetta: false,
  labels: {
    'com.docker.compose.project': 'proj',
    'com.docker.compose.service': service,
    ...(dev ? { 'devcontainer.local_folder': '/Users/me/proj' } : {}),
  },
  publishedPorts: [],
  environment: [],
  creationDate: created,
});

const APP = member('app', '2026-08-07T10:00:02Z', true);
const DB = member('db', '2026-08-07T10:00:01Z');
const CACHE = member('cache', '2026-08-07T10:00:00Z');

function setUp(answers: Array<string | undefined>, listed: ContainerInfo[]) {
  const state = newEditorState({ answers, quickPicks: [] });
  const fake = useFakeVscode(state);
  const engine = fakeDeps({});
  for (const c of listed) {
    engine.client.containers.set(c.id, c);
  }
  const ran: string[] = [];
  const runner = {
    run: async <T>(command: ContainerCommand<T>): Promise<T> => {
      ran.push(command.args.join(' '));
      return (command.args[0] === 'list' ? listed : '') as T;
    },
  };
  const services = { runner: () => runner, engine: () => engine } as unknown as Services;
  const actions = fakeContainerActions(fake, services);
  const stopped = () => engine.client.calls.filter((c) => c.verb === 'stop').map((c) => c.args[0]);
  return { state, actions, ran, stopped };
}

describe('Stop Container from the palette on a Compose dev container', () => {
  it('offers the whole project and stops it, the dev container first, then newest first', async () => {
    const { state, actions, stopped } = setUp([STOP_PROJECT], [APP, DB, CACHE]);
    await actions.stop();
    assert.deepEqual(state.quickPicks?.[0]?.labels[0], containerItem(APP).label);
    assert.ok(
      state.messages.some(
        (m) => m.level === 'warning' && m.text === 'Stop the Compose project proj?',
      ),
      JSON.stringify(state.messages),
    );
    assert.deepEqual(stopped(), [APP.id, DB.id, CACHE.id]);
  });

  it('stops only the dev container when the user says so', async () => {
    const { actions, ran, stopped } = setUp([STOP_ONLY], [APP, DB]);
    await actions.stop();
    assert.deepEqual(stopped(), []);
    assert.deepEqual(
      ran.filter((r) => r.startsWith('stop')),
      [`stop ${APP.id}`],
    );
  });

  it('stops nothing when the question is dismissed', async () => {
    const { actions, ran, stopped } = setUp([undefined], [APP, DB]);
    await actions.stop();
    assert.deepEqual(stopped(), []);
    assert.deepEqual(
      ran.filter((r) => r.startsWith('stop')),
      [],
    );
  });

  it('asks nothing when no other service runs', async () => {
    const { state, actions, ran } = setUp([], [APP, { ...DB, state: 'stopped' }]);
    await actions.stop();
    assert.deepEqual(state.messages, []);
    assert.deepEqual(
      ran.filter((r) => r.startsWith('stop')),
      [`stop ${APP.id}`],
    );
  });

  it('stops only the clicked row from the tree', async () => {
    const { state, actions, ran } = setUp([STOP_PROJECT], [APP, DB]);
    await actions.stop({ kind: 'container', item: containerItem(APP), container: APP });
    assert.deepEqual(state.messages, []);
    assert.deepEqual(ran, [`stop ${APP.id}`]);
  });
});
