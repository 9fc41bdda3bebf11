import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { COMMAND_IDS } from '../../../src/vscode/commandIds';
import { createFakeVscode, Uri, type FakeEditorState } from '../../support/fakeVscode';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

interface LoadableModule {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

describe('the bundled extension (dist/extension.js)', () => {
  const state: FakeEditorState = {
    commands: new Map(),
    providers: new Map(),
    shownDocuments: [],
    messages: [],
    logLines: [],
    settings: { 'slipway.memory': '8G' },
    workspaceFolders: [],
  };
  const loader = Module as unknown as LoadableModule;
  const originalLoad = loader._load;
  let workspace: string;
  let subscriptions: Array<{ dispose(): unknown }>;

  before(() => {
    // Test what ships: the esbuild bundle, built fresh.
    execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
    const fake = createFakeVscode(state);
    loader._load = function (request: string, parent: unknown, isMain: boolean) {
      return request === 'vscode' ? fake : originalLoad.call(this, request, parent, isMain);
    };
    workspace = mkdtempSync(path.join(tmpdir(), 'slipway-activation-'));
    mkdirSync(path.join(workspace, '.devcontainer'));
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{ // a comment\n "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "runArgs": ["--init"], }\n',
    );
    state.workspaceFolders = [{ uri: Uri.file(workspace), name: 'demo', index: 0 }];
  });

  after(() => {
    subscriptions?.forEach((s) => s.dispose());
    loader._load = originalLoad;
    rmSync(workspace, { recursive: true, force: true });
  });

  it('activates without errors and registers exactly the commands package.json declares', () => {
    // Loaded through Node's own loader so that the `vscode` hook above applies.
    const extension = Module.createRequire(__filename)(path.join(root, 'dist', 'extension.js')) as {
      activate(context: unknown): void;
    };
    subscriptions = [];
    extension.activate({
      subscriptions,
      extension: { packageJSON: manifest },
    });
    const declared = manifest.contributes.commands
      .map((c: { command: string }) => c.command)
      .sort();
    assert.deepEqual([...state.commands.keys()].sort(), declared);
    assert.deepEqual([...COMMAND_IDS].sort(), declared);
    assert.ok(state.logLines.some((line) => line.includes('activated')));
  });

  it('declares activation, extension kind and trust as designed', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
    assert.ok(
      manifest.activationEvents.includes('workspaceContains:.devcontainer/devcontainer.json'),
    );
    assert.ok(manifest.activationEvents.includes('workspaceContains:.devcontainer.json'));
    assert.ok(
      manifest.activationEvents.includes('workspaceContains:.devcontainer/*/devcontainer.json'),
    );
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Slipway');
    }
  });

  it('shows the plan for the workspace, using the workspace settings', async () => {
    await state.commands.get('slipway.showPlan')!();
    assert.deepEqual(state.messages, []);
    const shown = state.shownDocuments.at(-1);
    assert.ok(shown, 'a document was shown');
    assert.equal(shown.uri.scheme, 'slipway');
    assert.match(shown.text, /container run -d --name slipway-activation-[a-z0-9]+-[0-9a-v]{8} /);
    assert.match(shown.text, /--memory 8G/);
    assert.match(shown.text, /--init/);
  });

  it('points at the line and column of a broken config instead of failing', async () => {
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{\n  "image": "x",\n  "forwardPorts": "3000"\n}\n',
    );
    await state.commands.get('slipway.showPlan')!();
    const error = state.messages.find((m) => m.level === 'error');
    assert.ok(error, 'an error message was shown');
    assert.match(error.text, /devcontainer\.json:3:\d+: .*forwardPorts/);
  });
});
