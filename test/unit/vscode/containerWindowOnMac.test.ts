import assert from 'node:assert/strict';
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
 * the user's machine: it goes back to the folder on that Mac, and it leaves
 * the container alone (this machine's `container` is not the one running it).
 */

const ALIAS = 'slipway-mac-studio-proj';

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
      },
    });
  });

  it('Reopen Folder Locally goes back to the folder on that Mac', async () => {
    const { reopenLocallyCommand } = await import('../../../src/vscode/commands/reopen');
    await reopenLocallyCommand({ globalState: globalState as never })();
    const open = state.executed?.find((e) => e.id === 'vscode.openFolder');
    assert.equal(String(open?.args[0]), 'vscode-remote://ssh-remote+mac-studio/Users/me/my%20proj');
  });

  it('does not watch, attach or register the container with this machine’s container', async () => {
    const { attachToContainerWindow } = await import('../../../src/vscode/startup/attachWindow');
    const lines: string[] = [];
    const untouchable = new Proxy(
      {},
      {
        get: (_target, key) => {
          throw new Error(`services.${String(key)} used for a container on another Mac`);
        },
      },
    );
    const attached = await attachToContainerWindow({
      globalState,
      services: untouchable,
      extension: { subscriptions: [] },
      log: { info: (line: string) => lines.push(line) },
    } as never);
    assert.equal(attached, true);
    assert.equal(state.contextKeys?.get('slipway.inContainerWindow'), true);
    assert.match(lines.join('\n'), /runs on mac-studio; .* Manage it from a window on mac-studio/);
  });
});
