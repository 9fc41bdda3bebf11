import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import {
  createFakeVscode,
  newEditorState,
  Uri,
  type FakeEditorState,
} from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * The window of a container that runs on another Mac, where Slipway runs on
 * the user's machine: it goes back to the folder on that Mac, and it drives
 * the container there, over the route Reopen recorded (this machine's
 * `container` is not the one running it).
 */

const ALIAS = 'slipway-mac-studio-proj';
/** `remote.SSH.configFile`, recorded with the route at Reopen. */
const CONFIG = '/Users/me/.ssh/work_config';

describe('a container window for a container on another Mac', () => {
  const state: FakeEditorState = newEditorState({
    executed: [],
    remoteName: 'ssh-remote',
    workspaceFolders: [
      {
        uri: Uri.parse(`vscode-remote://${'ssh-remote+' + ALIAS}/workspaces/proj`),
        name: 'proj',
        index: 0,
      },
    ],
  });
  const fake = createFakeVscode(state);
  const globalState = fake.fakeMemento();

  before(async () => {
    useFakeVscode(state);
    await globalState.update('slipway.containerWindows', {
      [ALIAS]: {
        containerId: 'proj-1234abcd',
        containerName: 'proj-1234abcd',
        workspaceFolder: '/Users/me/my proj',
        configFile: '/Users/me/my proj/.devcontainer/devcontainer.json',
        extensions: [],
        shutdownAction: 'stopContainer',
        host: 'mac-studio',
        route: { host: 'mac-studio', configFile: CONFIG },
      },
    });
  });

  it('Reopen Folder Locally goes back to the folder on that Mac', async () => {
    const { reopenLocallyCommand } = await import('../../../src/vscode/commands/reopen');
    await reopenLocallyCommand({ globalState: globalState as never })();
    const open = state.executed?.find((e) => e.id === 'vscode.openFolder');
    assert.equal(String(open?.args[0]), 'vscode-remote://ssh-remote+mac-studio/Users/me/my%20proj');
  });

  it('drives the container on that Mac: the watch, the attach and the stop use the services of the recorded route', async () => {
    const { attachToContainerWindow, closeContainerWindow } =
      await import('../../../src/vscode/startup/attachWindow');
    const { classifySshFailure } = await import('../../../src/core/remote/remoteErrors');
    const routes: unknown[] = [];
    const used: string[] = [];
    const remote = {
      session: { argv: (argv: readonly string[]) => ['-F', CONFIG, '--', 'mac-studio', ...argv] },
      runner: () => ({
        executable: async () => {
          used.push('remote runner');
          return '/opt/homebrew/bin/container';
        },
      }),
      engine: () => {
        used.push('remote engine');
        // What the route's ssh says when the Mac cannot be reached.
        throw classifySshFailure(
          'mac-studio',
          'ssh: Could not resolve hostname mac-studio: nodename nor servname provided',
        );
      },
    };
    const local = new Proxy(
      { onMac: (route: unknown) => (routes.push(route), remote) },
      {
        get: (target, key) => {
          if (key === 'onMac') {
            return target.onMac;
          }
          throw new Error(
            `this machine's services.${String(key)} used for a container on another Mac`,
          );
        },
      },
    );
    const subscriptions: Array<{ dispose(): void }> = [];
    const lines: string[] = [];
    const logLine = (line: string) => void lines.push(line);
    const previousState = process.env.SLIPWAY_STATE_DIR;
    process.env.SLIPWAY_STATE_DIR = mkdtempSync(path.join(tmpdir(), 'slipway-rwin-'));
    try {
      const attached = await attachToContainerWindow({
        globalState,
        services: local,
        extension: { subscriptions, extensionPath: '/nonexistent/slipway' },
        log: { info: logLine, warn: logLine, error: logLine, debug: logLine },
        statusBar: { show: () => undefined, current: undefined },
        history: { all: () => [], add: async () => undefined, replace: async () => undefined },
        connector: {},
        refresh: () => undefined,
      } as never);
      assert.equal(attached, true);
      assert.deepEqual(routes, [{ host: 'mac-studio', configFile: CONFIG }]);
      // The stop's `container` path came from that Mac; the attach ran its engine.
      assert.deepEqual(used, ['remote runner', 'remote engine']);
      assert.equal(subscriptions.length, 1, 'the container watch runs for it');
      // The SSH side failed, and the message says so, with the Mac's name.
      const error = state.messages.find((m) => m.level === 'error');
      assert.match(error?.text ?? '', /mac-studio/);
      assert.doesNotMatch(error?.text ?? '', /RemoteHostError|\bat .*\.ts:/);
      const marker = readdirSync(path.join(process.env.SLIPWAY_STATE_DIR, 'windows'));
      assert.deepEqual(marker, [encodeURIComponent('proj-1234abcd@ssh://mac-studio')]);
    } finally {
      subscriptions.forEach((subscription) => subscription.dispose());
      // Takes the marker away; its detached ssh stop ends at once (the config file is not there).
      await closeContainerWindow().catch(() => undefined);
      rmSync(process.env.SLIPWAY_STATE_DIR, { recursive: true, force: true });
      if (previousState === undefined) {
        delete process.env.SLIPWAY_STATE_DIR;
      } else {
        process.env.SLIPWAY_STATE_DIR = previousState;
      }
    }
  });
});
