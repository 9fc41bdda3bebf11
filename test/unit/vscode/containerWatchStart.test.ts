import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import type { ContainerInfo } from '../../../src/core/client/types';
import type { Services } from '../../../src/vscode/services';
import { offerRestart } from '../../../src/vscode/startup/containerWatch';
import type { ContainerWindow } from '../../../src/vscode/startup/containerWindows';
import { fakeDeps } from '../../support/fakeEngine';
import { newEditorState } from '../../support/fakeVscode';
import {
  APP_DB_CONFIG as CONFIG,
  APP_DB_FILES as FILES,
  stoppedProject,
} from '../../support/composeProject';
import { WORKSPACE } from '../../support/planFixture';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * "Start and Reconnect" in a container window whose container stopped: a
 * Compose dev container's project is started first (its services in
 * dependency order, hosts blocks rewritten), then the window reloads; a
 * single container is one `container start`.
 */

function setUp(containers: ContainerInfo[]) {
  const state = newEditorState({ answers: ['Start and Reconnect'], executed: [] });
  useFakeVscode(state);
  const deps = fakeDeps(FILES);
  deps.client.cliVersion = '1.5.0';
  for (const c of containers) {
    deps.client.containers.set(c.id, c);
  }
  const services = { engine: () => deps } as unknown as Services;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return { state, deps, services, log: log as unknown as vscode.LogOutputChannel };
}

const window = (containerId: string, composeProject?: string): ContainerWindow => ({
  containerId,
  containerName: containerId,
  workspaceFolder: WORKSPACE,
  configFile: CONFIG,
  extensions: [],
  shutdownAction: composeProject !== undefined ? 'stopCompose' : 'stopContainer',
  ...(composeProject !== undefined ? { composeProject } : {}),
});

describe('Start and Reconnect in a container window', () => {
  it('starts a Compose project’s services in dependency order with its hosts sync, then reloads', async () => {
    const { project, containers } = await stoppedProject();
    const app = containers.find((c) => c.id.includes('-app-'))!.id;
    const db = containers.find((c) => c.id.includes('-db-'))!.id;
    const { state, deps, services, log } = setUp(containers);
    await offerRestart(services, window(app, project), 'is stopped', log);
    const starts = deps.client.calls.filter((c) => c.verb === 'start').map((c) => c.args[0]);
    assert.deepEqual(starts, [db, app], 'db before the dev container');
    assert.ok(
      deps.client.calls.some((c) => c.verb === 'execCapture' && c.args.includes(app)),
      'the hosts blocks are rewritten for the new IPs',
    );
    assert.deepEqual(
      state.executed?.map((e) => e.id),
      ['workbench.action.reloadWindow'],
    );
  });

  it('starts a single dev container with one start', async () => {
    const { containers } = await stoppedProject();
    const lone = { ...containers[0]!, id: 'devc-lone', labels: {} };
    const { state, deps, services, log } = setUp([lone]);
    await offerRestart(services, window('devc-lone'), 'is stopped', log);
    assert.deepEqual(
      deps.client.calls.filter((c) => c.verb === 'start').map((c) => c.args[0]),
      ['devc-lone'],
    );
    assert.deepEqual(
      state.executed?.map((e) => e.id),
      ['workbench.action.reloadWindow'],
    );
  });

  it('says why and does not reload when the project cannot be started', async () => {
    const { state, services, log } = setUp([]);
    await offerRestart(services, window('gone-app-1', 'gone'), 'is stopped', log);
    assert.ok(
      state.messages.some(
        (m) => m.level === 'error' && /gone has no containers any more/.test(m.text),
      ),
      JSON.stringify(state.messages),
    );
    assert.ok(!state.executed?.some((e) => e.id === 'workbench.action.reloadWindow'));
  });
});
