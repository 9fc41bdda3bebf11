import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  createFakeVscode,
  newEditorState,
  Uri,
  type FakeEditorState,
} from '../../support/fakeVscode';

/**
 * Workspace Trust in the editor, on the bundled extension with a fake
 * editor: everything that makes a container out of the workspace's config
 * asks for trust first and does nothing without it; the Reopen offer waits
 * for trust; actions on existing containers need none.
 */

const root = path.resolve(__dirname, '../../..');
const bundle = path.join(root, 'dist', 'extension.js');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const PROMPT = 'This folder has a dev container configuration. Reopen it in an Apple container?';

interface LoadableModule {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Each command that makes a container from the config, with the name its trust request gives. */
const GATED: Array<[string, string]> = [
  ['slipway.reopenInContainer', 'Reopen in Apple Container'],
  ['slipway.openFolderInContainer', 'Open Folder in Apple Container'],
  ['slipway.rebuild', 'Rebuild Container'],
  ['slipway.rebuildNoCache', 'Rebuild Container Without Cache'],
  ['slipway.rebuildAndReopen', 'Rebuild and Reopen in Apple Container'],
  ['slipway.openInWindow', 'Open in New Window'],
  ['slipway.showPlan', 'Show Container Plan'],
];

describe('Workspace Trust in the editor', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-trust-'));
  const workspace = path.join(scratch, 'repo');
  const configFile = path.join(workspace, '.devcontainer', 'devcontainer.json');
  const cli = path.join(scratch, 'bin', 'container');
  const calls = path.join(scratch, 'calls.log');
  const loader = Module as unknown as LoadableModule;
  const originalLoad = loader._load;
  const disposables: Array<{ dispose(): unknown }> = [];

  before(() => {
    execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
    mkdirSync(path.dirname(configFile), { recursive: true });
    writeFileSync(
      configFile,
      JSON.stringify({
        image: 'alpine:3',
        mounts: ['type=bind,source=${localEnv:HOME},target=/host-home'],
        postCreateCommand: 'cat /host-home/.netrc',
      }),
    );
    mkdirSync(path.dirname(cli));
    // Records every call; answers none of them, so an action that gets this far fails visibly.
    writeFileSync(
      cli,
      `#!/bin/sh\necho "$*" >> '${calls}'\necho 'Error: the test container says no' >&2\nexit 1\n`,
      { mode: 0o755 },
    );
  });

  after(() => {
    disposables.forEach((d) => d.dispose());
    loader._load = originalLoad;
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A fresh window on the untrusted workspace, with the extension activated in it. */
  async function openUntrusted(overrides: Partial<FakeEditorState> = {}) {
    const state = newEditorState({
      trusted: false,
      trustAnswers: [],
      trustRequests: [],
      openDialogs: [],
      // The user's own container: a workspace value would not count here.
      userSettings: { 'slipway.containerPath': cli },
      workspaceFolders: [{ uri: Uri.file(workspace), name: 'repo', index: 0 }],
      ...overrides,
    });
    const fake = createFakeVscode(state);
    loader._load = function (request: string, parent: unknown, isMain: boolean) {
      return request === 'vscode' ? fake : originalLoad.call(this, request, parent, isMain);
    };
    // A fresh copy of the bundle, bound to this window's fake editor.
    const load = Module.createRequire(__filename);
    delete load.cache[load.resolve(bundle)];
    const extension = load(bundle) as { activate(context: unknown): { settled: Promise<void> } };
    const subscriptions: Array<{ dispose(): unknown }> = [];
    disposables.push({ dispose: () => subscriptions.forEach((s) => s.dispose()) });
    const api = extension.activate({
      subscriptions,
      extension: { packageJSON: manifest },
      workspaceState: fake.fakeMemento(),
      globalState: fake.fakeMemento(),
    });
    await api.settled;
    rmSync(calls, { force: true });
    return state;
  }

  const containerCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '');
  const run = (state: FakeEditorState, id: string) => {
    const node = {
      kind: 'container',
      item: { label: 'repo', workspaceFolder: workspace, configFile },
    };
    return state.commands.get(id)!(...(id === 'slipway.openInWindow' ? [node] : []));
  };

  it('does not offer Reopen in an untrusted workspace, and offers it once trust is granted', async () => {
    const state = await openUntrusted();
    assert.equal(state.messages.length, 0, 'no offer while untrusted');
    assert.equal(state.trustRequests!.length, 0, 'opening the folder asks nothing');
    state.grantTrust!();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      state.messages.map((m) => m.text),
      [PROMPT],
    );
  });

  for (const [id, action] of GATED) {
    it(`${id}: asks for trust (modal), and does nothing when refused`, async () => {
      const state = await openUntrusted();
      state.trustAnswers = [false];
      await run(state, id);
      assert.equal(state.trustRequests!.length, 1);
      assert.equal(state.trustRequests![0]!.modal, true);
      assert.ok(state.trustRequests![0]!.message?.startsWith(action), action);
      assert.equal(containerCalls(), '', 'container was not called');
      assert.deepEqual(state.shownDocuments, [], 'no plan shown');
      assert.deepEqual(state.openDialogs, [], 'no folder picked');
      assert.deepEqual(state.messages, [], 'nothing said: the user just refused');
      assert.equal(state.trusted, false);
    });
  }

  it('goes on once trust is granted, without offering Reopen as well', async () => {
    const plan = await openUntrusted();
    plan.trustAnswers = [true];
    await run(plan, 'slipway.showPlan');
    assert.match(plan.shownDocuments.at(-1)?.text ?? '', /container run /);

    const folder = await openUntrusted();
    folder.trustAnswers = [true];
    await run(folder, 'slipway.openFolderInContainer');
    assert.equal(folder.openDialogs!.length, 1);

    for (const id of ['slipway.reopenInContainer', 'slipway.rebuild']) {
      const state = await openUntrusted();
      state.trustAnswers = [true];
      await run(state, id);
      assert.equal(state.trustRequests!.length, 1);
      assert.match(containerCalls(), /^list /m, `${id} looked for the container`);
      assert.ok(
        !state.messages.some((m) => m.text === PROMPT),
        `${id}: trust granted to the command is no cue to offer Reopen`,
      );
      assert.ok(state.messages.some((m) => m.level === 'error' && /says no/.test(m.text)));
      rmSync(calls, { force: true });
    }
  });

  it('keeps actions on existing containers working untrusted, without asking', async () => {
    const state = await openUntrusted({ answers: [] });
    const node = { kind: 'container', container: { id: 'c1', state: 'stopped' } };
    await state.commands.get('slipway.start')!(node);
    await state.commands.get('slipway.showContainerLog')!(node);
    assert.deepEqual(state.trustRequests, []);
    assert.match(containerCalls(), /^start c1$/m);
  });

  it('asks with its own modal where the editor keeps requestWorkspaceTrust from extensions', async () => {
    const state = await openUntrusted({
      trustProposalBlocked: true,
      answers: ['Manage Workspace Trust'],
      executed: [],
    });
    await run(state, 'slipway.reopenInContainer');
    assert.equal(containerCalls(), '', 'nothing ran');
    const asked = state.messages.find((m) => m.text === 'This folder is not trusted.');
    assert.equal(asked?.level, 'warning');
    assert.deepEqual(
      // The first-run walkthrough opens on its own; it is not part of the question.
      state.executed!.map((e) => e.id).filter((id) => id !== 'workbench.action.openWalkthrough'),
      ['workbench.trust.manage'],
      "the editor's own trust dialog opened",
    );
  });
});
