import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { activate } from '../../../src/vscode/extension';
import { offerReopen } from '../../../src/vscode/reopenPrompt';
import type { WorkspaceTrust } from '../../../src/vscode/trust';
import { newEditorState, Uri, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * When the editor offers "Reopen in Apple Container": once per workspace
 * with a config, never after Don't Show Again, never without a config, never
 * in a window already connected to a dev container.
 */

const PROMPT = 'This folder has a dev container configuration. Reopen it in an Apple container?';

type Memento = ReturnType<ReturnType<typeof useFakeVscode>['fakeMemento']>;

function contextWith(workspaceState: Memento, globalState: Memento) {
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    extension: { packageJSON: { version: '0.0.0-test' } },
    workspaceState,
    globalState,
  };
}

/** Trust is trusted here (see trust.test.ts for the untrusted offer): no command asked for it. */
const trust = { askedByCommand: false } as unknown as WorkspaceTrust;

const prompts = (state: FakeEditorState) => state.messages.filter((m) => m.text === PROMPT);

describe('the Reopen prompt (offerReopen)', () => {
  it('is offered once per workspace', async () => {
    const state = newEditorState({ answers: [], executed: [] });
    const fake = useFakeVscode(state);
    const context = contextWith(fake.fakeMemento(), fake.fakeMemento());
    await offerReopen(context as unknown as vscode.ExtensionContext, trust);
    await offerReopen(context as unknown as vscode.ExtensionContext, trust);
    assert.equal(prompts(state).length, 1);
    assert.deepEqual(state.executed, [], 'dismissed: nothing runs');
    // Another workspace (its own workspace state) is asked again.
    await offerReopen(
      contextWith(fake.fakeMemento(), context.globalState) as unknown as vscode.ExtensionContext,
      trust,
    );
    assert.equal(prompts(state).length, 2);
  });

  it('runs Reopen when the user says so', async () => {
    const state = newEditorState({ answers: ['Reopen in Apple Container'], executed: [] });
    const fake = useFakeVscode(state);
    await offerReopen(
      contextWith(fake.fakeMemento(), fake.fakeMemento()) as unknown as vscode.ExtensionContext,
      trust,
    );
    assert.deepEqual(
      state.executed?.map((e) => e.id),
      ['slipway.reopenInContainer'],
    );
  });

  it('is never offered again, in any workspace, after Don’t Show Again', async () => {
    const state = newEditorState({ answers: ["Don't Show Again"], executed: [] });
    const fake = useFakeVscode(state);
    const globalState = fake.fakeMemento();
    await offerReopen(
      contextWith(fake.fakeMemento(), globalState) as unknown as vscode.ExtensionContext,
      trust,
    );
    await offerReopen(
      contextWith(fake.fakeMemento(), globalState) as unknown as vscode.ExtensionContext,
      trust,
    );
    assert.equal(prompts(state).length, 1);
    assert.deepEqual(state.executed, []);
  });
});

describe('the Reopen prompt on activation', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-reopen-prompt-'));
  const withConfig = path.join(scratch, 'with-config');
  const withoutConfig = path.join(scratch, 'without-config');
  let subscriptions: Array<{ dispose(): unknown }> = [];

  before(() => {
    mkdirSync(path.join(withConfig, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(withConfig, '.devcontainer', 'devcontainer.json'),
      '{ "image": "alpine" }\n',
    );
    mkdirSync(withoutConfig);
  });

  afterEach(() => {
    subscriptions.forEach((s) => s.dispose());
    subscriptions = [];
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** Activates the extension from source in a fresh fake editor and waits for its start-up checks. */
  async function activateIn(state: FakeEditorState, globalState?: Memento) {
    const fake = useFakeVscode(state);
    const context = contextWith(fake.fakeMemento(), globalState ?? fake.fakeMemento());
    subscriptions = context.subscriptions;
    await activate(context as unknown as vscode.ExtensionContext).settled;
    return context;
  }

  it('offers Reopen in a folder with a config', async () => {
    const state = newEditorState({
      workspaceFolders: [{ uri: Uri.file(withConfig), name: 'with-config', index: 0 }],
    });
    await activateIn(state);
    assert.equal(prompts(state).length, 1);
    assert.equal(state.contextKeys?.get('slipway.hasConfig'), true);
  });

  it('does not offer it in a folder without a config', async () => {
    const state = newEditorState({
      workspaceFolders: [{ uri: Uri.file(withoutConfig), name: 'without-config', index: 0 }],
    });
    await activateIn(state);
    assert.deepEqual(prompts(state), []);
    assert.equal(state.contextKeys?.get('slipway.hasConfig'), false);
  });

  it('does not offer it in a window connected to a dev container', async () => {
    const alias = 'slipway-with-config-1234abcd';
    const state = newEditorState({
      remoteName: 'ssh-remote',
      workspaceFolders: [
        {
          uri: Uri.parse(`vscode-remote://ssh-remote+${alias}/workspaces/with-config`),
          name: 'with-config',
          index: 0,
        },
      ],
      // Nothing answers: the attach fails quietly for this test, which is about the prompt.
      settings: { 'slipway.containerPath': path.join(scratch, 'no-container-here') },
    });
    const fake = useFakeVscode(state);
    const globalState = fake.fakeMemento();
    await globalState.update('slipway.containerWindows', {
      [alias]: {
        containerId: 'with-config-1234abcd',
        containerName: 'with-config-1234abcd',
        workspaceFolder: withConfig,
        configFile: path.join(withConfig, '.devcontainer', 'devcontainer.json'),
        extensions: [],
        shutdownAction: 'none',
      },
    });
    await activateIn(state, globalState);
    assert.equal(state.contextKeys?.get('slipway.inContainerWindow'), true);
    assert.deepEqual(prompts(state), []);
    assert.equal(
      state.contextKeys?.has('slipway.hasConfig'),
      false,
      'a container window does not even look for a config to offer',
    );
  });
});
