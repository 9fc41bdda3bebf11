import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { timeoutError } from '../../../src/core/client/cliErrors';
import type { ContainerCommand, ContainerInfo } from '../../../src/core/client/types';
import type { Services } from '../../../src/vscode/services';
import { containerWatchCheck } from '../../../src/vscode/startup/containerWatch';
import type { ContainerWindow } from '../../../src/vscode/startup/containerWindows';
import { newEditorState, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * A container window whose `container exec` got stuck (apple/container#1916):
 * the watch's keep-alive finds it within its bound, and the recovery runs
 * under a notification whose message follows each step, then says what came
 * of it, never leaving the window frozen without a word.
 */

// An id no process on this machine carries, so the real `ps` step finds no client to kill.
const ID = 'slipway-watch-test-7f3c';
const WINDOW: ContainerWindow = {
  containerId: ID,
  containerName: ID,
  workspaceFolder: '/Users/me/proj',
  configFile: '/Users/me/proj/.devcontainer/devcontainer.json',
  extensions: [],
  shutdownAction: 'none',
};
const RUNNING: ContainerInfo = {
  id: ID,
  state: 'running',
  image: 'img',
  rosetta: false,
  labels: {},
  publishedPorts: [],
  environment: [],
};

/** The window's global state, as the fake editor keeps it (the out-of-memory notice reads it). */
function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as vscode.Memento;
}

const log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as unknown as vscode.LogOutputChannel;

/** A `container` whose `exec` hangs (times out) until `answersAfter` restarts. */
function stuckServices(answersAfterRestarts: number) {
  const calls: string[] = [];
  let restarts = 0;
  const services = {
    runner: () => ({
      executable: async () => '/nonexistent/bin/container',
      run: async <T>(command: ContainerCommand<T>) => {
        calls.push(command.args.join(' '));
        return [RUNNING] as T;
      },
    }),
    engine: () => ({
      client: {
        execCapture: async (args: string[], options: { timeoutMs?: number }) => {
          calls.push(args.join(' '));
          assert.ok(options.timeoutMs !== undefined && options.timeoutMs <= 10_000, 'bounded');
          if (restarts < answersAfterRestarts) {
            throw timeoutError(args, options.timeoutMs, '', true);
          }
          return { exitCode: 0, stdout: '', stderr: '' };
        },
        stop: async () => void calls.push(`stop ${ID}`),
        start: async () => {
          calls.push(`start ${ID}`);
          restarts += 1;
        },
      },
    }),
  } as unknown as Services;
  return { services, calls };
}

function editor(answers: Array<string | undefined>): FakeEditorState {
  const state = newEditorState({ answers, executed: [], progress: [] });
  useFakeVscode(state);
  return state;
}

describe('the container window watch: a stuck `container exec`', () => {
  it('runs the whole ladder visibly, then offers to restart the service, and stops watching', async () => {
    const state = editor(['Restart Container System']);
    const { services, calls } = stuckServices(Number.POSITIVE_INFINITY);
    const check = containerWatchCheck(services, WINDOW, log, memento());
    await check();
    assert.deepEqual(calls, [
      `inspect ${ID}`,
      `exec ${ID} true`,
      // The recovery's own probe, then each remedy followed by a probe.
      `exec ${ID} true`,
      `exec ${ID} true`,
      `stop ${ID}`,
      `start ${ID}`,
      `exec ${ID} true`,
    ]);
    assert.equal(state.progress?.length, 1);
    assert.equal(state.progress?.[0]?.title, `${ID} is not answering`);
    const steps = state.progress?.[0]?.messages ?? [];
    assert.match(steps[0] ?? '', /Checking that .* answers `container exec`/);
    assert.ok(steps.some((m) => /stopping the stuck `container exec` client/.test(m)));
    assert.ok(steps.some((m) => /restarting the container/.test(m)));
    const error = state.messages.find((m) => m.level === 'error');
    assert.match(error?.text ?? '', /still does not answer/);
    assert.match(error?.text ?? '', /container system stop/);
    // The offer's answer is handled without holding up the watch.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      state.executed?.map((c) => c.id),
      ['slipway.restartSystem'],
    );
    await check();
    assert.equal(calls.length, 7, 'a container left to the user is not probed again');
  });

  it('says it recovered after the restart, offers a reload, and keeps watching', async () => {
    const state = editor([undefined]);
    const { services, calls } = stuckServices(1);
    const check = containerWatchCheck(services, WINDOW, log, memento());
    await check();
    const info = state.messages.find((m) => m.level === 'info');
    assert.match(info?.text ?? '', new RegExp(`Recovered ${ID}: Slipway restarted the container`));
    assert.equal(
      state.messages.some((m) => m.level === 'error'),
      false,
    );
    const before = calls.length;
    await check();
    assert.deepEqual(calls.slice(before), [`inspect ${ID}`, `exec ${ID} true`]);
  });

  it('stays silent while the container answers', async () => {
    const state = editor([]);
    const { services, calls } = stuckServices(0);
    await containerWatchCheck(services, WINDOW, log, memento())();
    assert.deepEqual(calls, [`inspect ${ID}`, `exec ${ID} true`]);
    assert.deepEqual(state.messages, []);
    assert.deepEqual(state.progress, []);
  });
});
