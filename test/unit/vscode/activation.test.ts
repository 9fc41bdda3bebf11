import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { COMMAND_IDS } from '../../../src/vscode/commandIds';
import {
  createFakeVscode,
  newEditorState,
  Uri,
  type FakeEditorState,
} from '../../support/fakeVscode';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

interface LoadableModule {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

describe('the bundled extension (dist/extension.js)', () => {
  const state: FakeEditorState = newEditorState({ settings: { 'slipway.memory': '8G' } });
  const loader = Module as unknown as LoadableModule;
  const originalLoad = loader._load;
  let workspace: string;
  let subscriptions: Array<{ dispose(): unknown }>;
  let api: {
    refresh(): Promise<void>;
    containers(): Array<{ kind: string; item?: unknown }>;
    settled: Promise<void>;
  };

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
      activate(context: unknown): unknown;
    };
    subscriptions = [];
    const fake = createFakeVscode(state);
    api = extension.activate({
      subscriptions,
      extension: { packageJSON: manifest },
      workspaceState: fake.fakeMemento(),
      globalState: fake.fakeMemento(),
    }) as typeof api;
    const declared = manifest.contributes.commands
      .map((c: { command: string }) => c.command)
      .sort();
    assert.deepEqual([...state.commands.keys()].sort(), declared);
    assert.deepEqual([...COMMAND_IDS].sort(), declared);
    assert.ok(state.logLines.some((line) => line.includes('activated')));
  });

  it('declares activation, extension kind and trust as designed', () => {
    // Workspace first: installed on a Remote-SSH host (another Mac) it runs there; in a
    // container's window, where it is not installed, it runs on the user's machine.
    assert.deepEqual(manifest.extensionKind, ['workspace', 'ui']);
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
    await api.settled;
    // Activation offered Reopen once, as Dev Containers does for a folder with a config.
    assert.deepEqual(state.messages, [
      {
        level: 'info',
        text: 'This folder has a dev container configuration. Reopen it in an Apple container?',
      },
    ]);
    state.messages.length = 0;
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

  it('fills the containers tree from `container list`, dev containers first', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'slipway-fake-cli-'));
    const cli = path.join(bin, 'container');
    const list = [
      {
        status: 'stopped',
        configuration: { id: 'zeta', labels: {}, image: { reference: 'alpine' } },
      },
      {
        status: 'running',
        networks: [{ address: '192.168.64.9/24' }],
        configuration: {
          id: 'demo-1234abcd',
          image: { reference: 'mcr.microsoft.com/devcontainers/base:ubuntu' },
          resources: { cpus: 2, memoryInBytes: 2 ** 31 },
          platform: { os: 'linux', architecture: 'arm64' },
          labels: { 'devcontainer.local_folder': '/Users/me/demo' },
        },
      },
    ];
    writeFileSync(
      cli,
      `#!/bin/sh\ncase "$1" in\n  list) cat <<'EOF'\n${JSON.stringify(list)}\nEOF\n;;\n  stats) echo '[]' ;;\n  *) echo "Error: unexpected $*" >&2; exit 1 ;;\nesac\n`,
      { mode: 0o755 },
    );
    state.settings['slipway.containerPath'] = cli;
    try {
      await api.refresh();
      const nodes = api.containers() as Array<{
        item: { label: string; description: string; contextValue: string };
      }>;
      assert.deepEqual(
        nodes.map((n) => [n.item.label, n.item.contextValue]),
        [
          ['demo', 'container+running+devcontainer'],
          ['zeta', 'container+stopped'],
        ],
      );
      assert.equal(nodes[0]!.item.description, '192.168.64.9 · 2 CPUs · 2 GiB · arm64');
      assert.equal(state.contextKeys!.get('slipway.cliState'), 'ok');
    } finally {
      delete state.settings['slipway.containerPath'];
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('says the service is stopped (for the welcome view) instead of listing nothing silently', async () => {
    state.messages.length = 0;
    const bin = mkdtempSync(path.join(tmpdir(), 'slipway-fake-cli-'));
    const cli = path.join(bin, 'container');
    writeFileSync(
      cli,
      `#!/bin/sh\necho 'Error: interrupted: "XPC connection error: Connection invalid"' >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    state.settings['slipway.containerPath'] = cli;
    try {
      await api.refresh();
      assert.deepEqual(api.containers(), []);
      assert.equal(state.contextKeys!.get('slipway.cliState'), 'serviceStopped');
      state.settings['slipway.containerPath'] = path.join(bin, 'nothing-here');
      await api.refresh();
      assert.equal(state.contextKeys!.get('slipway.cliState'), 'missing');
      assert.deepEqual(state.messages, [], 'a failed poll is no pop-up');
    } finally {
      delete state.settings['slipway.containerPath'];
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('declares the views, welcome views, menus and settings as designed', () => {
    const contributes = manifest.contributes;
    assert.deepEqual(
      contributes.views.slipway.map((v: { id: string }) => v.id),
      ['slipway.containers', 'slipway.timeline'],
    );
    assert.ok(state.webviewProviders!.has('slipway.timeline'));
    assert.ok(state.treeViews!.has('slipway.containers'));
    const welcome = contributes.viewsWelcome.map((w: { when: string }) => w.when).join(' | ');
    for (const key of ['missing', 'serviceStopped', 'ok && slipway.hasConfig']) {
      assert.ok(welcome.includes(key), `a welcome view for ${key}`);
    }
    const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const entry of entries as Array<{ command: string }>) {
        assert.ok(
          declared.has(entry.command),
          `${menu} names a declared command: ${entry.command}`,
        );
      }
    }
    for (const group of contributes.configuration) {
      assert.ok(group.title, 'every settings group has a title');
      for (const [key, setting] of Object.entries(group.properties)) {
        const s = setting as {
          markdownDescription?: string;
          enum?: unknown[];
          enumDescriptions?: unknown[];
        };
        assert.ok(s.markdownDescription, `${key} has a Markdown description`);
        if (s.enum) {
          assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} describes its values`);
        }
      }
    }
    const all = Object.assign(
      {},
      ...contributes.configuration.map((g: { properties: object }) => g.properties),
    );
    assert.equal(all['slipway.containerPath'].scope, 'machine-overridable');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'slipway.containerPath',
    ]);
    for (const key of [
      'slipway.cpus',
      'slipway.memory',
      'slipway.platform',
      'slipway.rosetta',
      'slipway.volumeFolders',
    ]) {
      assert.equal(all[key].scope, 'resource', `${key} can differ per folder`);
    }
  });

  it('checks the setup: container found, its version, the service, with a fix for each problem', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'slipway-fake-cli-'));
    const cli = path.join(bin, 'container');
    writeFileSync(
      cli,
      [
        '#!/bin/sh',
        'case "$1" in',
        "  --version) echo 'container CLI version 0.4.1 (build: release, commit: abc1234)' ;;",
        '  system) echo \'{"status":"not running"}\'; exit 1 ;;',
        '  *) exit 1 ;;',
        'esac',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    state.settings['slipway.containerPath'] = cli;
    try {
      await state.commands.get('slipway.checkSetup')!();
      const panels = state.webviewPanels!.filter((p) => p.viewType === 'slipway.checkSetup');
      assert.equal(panels.length, 1);
      const panel = panels[0]!;
      // No scripts; command links only for the fix buttons.
      assert.equal(panel.options.enableScripts, false);
      assert.ok(Array.isArray(panel.options.enableCommandUris));
      assert.ok((panel.options.enableCommandUris as string[]).includes('slipway.startSystem'));
      const report = panel.html;
      assert.ok(report.includes(cli), 'names the container it found');
      assert.match(report, /0\.4\.1/);
      assert.match(report, /href="command:slipway\.startSystem">Start Container System</);
      assert.match(report, /<strong>\d+ problems?<\/strong>/);
      // A second run reuses the tab and shows its own result, never the first one's.
      writeFileSync(
        cli,
        '#!/bin/sh\necho "container CLI version 1.2.2"\necho \'{"status":"running"}\'\n',
      );
      await state.commands.get('slipway.checkSetup')!();
      assert.equal(
        state.webviewPanels!.filter((p) => p.viewType === 'slipway.checkSetup').length,
        1,
      );
      assert.equal(panel.reveals, 1);
      assert.doesNotMatch(panel.html, /0\.4\.1/);
      assert.match(panel.html, /1\.2\.2/);
    } finally {
      delete state.settings['slipway.containerPath'];
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('opens slipway.containerPath on the settings tab where it can be set', async () => {
    state.executed = [];
    await state.commands.get('slipway.setContainerPath')!();
    // In a remote window (code-server) the machine-overridable setting is on the Remote tab;
    // the User tab shows "No Settings Found" for it.
    state.remoteName = '127.0.0.1:8080';
    try {
      await state.commands.get('slipway.setContainerPath')!();
    } finally {
      delete state.remoteName;
    }
    assert.deepEqual(state.executed, [
      { id: 'workbench.action.openSettings', args: [{ query: 'slipway.containerPath' }] },
      { id: 'workbench.action.openRemoteSettings', args: [{ query: 'slipway.containerPath' }] },
    ]);
    const welcome = manifest.contributes.viewsWelcome.find((v: { when: string }) =>
      v.when.includes('missing'),
    );
    assert.match(
      welcome.contents,
      /\[slipway\.containerPath\]\(command:slipway\.setContainerPath\)/,
    );
  });

  it('ignores a workspace’s slipway.containerPath until the workspace is trusted', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'slipway-fake-cli-'));
    const cli = path.join(bin, 'container');
    writeFileSync(cli, `#!/bin/sh\necho '[]'\n`, { mode: 0o755 });
    // Set by the workspace (not the user): an untrusted folder must not choose what Slipway runs.
    state.settings['slipway.containerPath'] = cli;
    state.userSettings = {};
    state.trusted = false;
    const originalPath = process.env.PATH;
    process.env.PATH = path.join(bin, 'empty');
    try {
      await api.refresh();
      assert.equal(state.contextKeys!.get('slipway.cliState'), 'missing');
      state.trusted = true;
      await api.refresh();
      assert.equal(state.contextKeys!.get('slipway.cliState'), 'ok');
    } finally {
      process.env.PATH = originalPath;
      state.trusted = true;
      delete state.settings['slipway.containerPath'];
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
