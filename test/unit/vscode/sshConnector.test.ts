import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { createFakeVscode, newEditorState, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * Reopen's hand-over in the editor, with a fake editor and a fake
 * `container` client (the transport itself is proven end to end in
 * test/integration/ssh): the consent before touching the user's SSH config,
 * the Include added once with the rest kept byte for byte, the platform
 * pinned, the URI opened, and the container's editor set up.
 */

const HOST_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@c';
const BOOTSTRAP_OK = `sshd=/usr/sbin/sshd\nuser=vscode\nhome=/home/vscode\nhostkey=${HOST_KEY}\nready=1\n`;
const USER_CONFIG = 'Host mine\n  HostName example.org\n  User me\n';

describe('the Remote-SSH hand-over in the editor', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-connector-'));
  const userConfig = path.join(scratch, 'home', '.ssh', 'config');
  const state: FakeEditorState = newEditorState({
    settings: { 'remote.SSH.configFile': userConfig },
    answers: [],
    executed: [],
    installedExtensions: [],
  });
  const fake = createFakeVscode(state);
  const savedEnv = { ...process.env };
  const execs: Array<{ args: string[]; input?: string }> = [];
  const globalState = fake.fakeMemento();
  let connector: {
    connect(
      target: unknown,
      options: { newWindow: boolean; signal: AbortSignal },
    ): Promise<{
      kind: string;
      reason?: string;
    }>;
  };
  const target = {
    containerId: 'proj-1234abcd',
    containerName: 'proj-1234abcd',
    remoteUser: 'vscode',
    remoteWorkspaceFolder: '/workspaces/my proj',
    workspaceFolder: '/Users/me/my proj',
    configFile: '/Users/me/my proj/.devcontainer/devcontainer.json',
    containerEnv: ['PATH=/usr/bin'],
    sessionEnv: { NOTE: 'hi' },
    portForwards: [{ port: 3000, host: '127.0.0.1' }],
    vscode: { extensions: ['ms-python.python'], settings: { 'editor.tabSize': 2 } },
  };
  const connect = () =>
    connector.connect(target, { newWindow: false, signal: new AbortController().signal });

  before(async () => {
    // The shared fake module: other tests may have loaded these modules already.
    useFakeVscode(state);
    process.env.HOME = path.join(scratch, 'home');
    process.env.SLIPWAY_SSH_DIR = path.join(scratch, 'home', '.ssh', 'slipway');
    mkdirSync(path.dirname(userConfig), { recursive: true });
    writeFileSync(userConfig, USER_CONFIG);
    writeFileSync(path.join(scratch, 'home', '.gitconfig'), '[user]\n\tname = Me\n');
    const { sshWindowConnector } = await import('../../../src/vscode/startup/sshConnector');
    const services = {
      runner: () => ({ executable: async () => '/usr/local/bin/container' }),
      engine: () => ({
        client: {
          execCapture: async (args: string[], options: { input?: string }) => {
            execs.push({ args, input: options.input });
            const bootstrap = args.includes('root');
            return { exitCode: 0, stdout: bootstrap ? BOOTSTRAP_OK : '', stderr: '' };
          },
        },
      }),
    };
    connector = sshWindowConnector({
      services: services as never,
      globalState: globalState as never,
      log: { info: () => undefined, warn: () => undefined, debug: () => undefined } as never,
    });
  });

  after(() => {
    process.env = savedEnv;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('offers to install Remote - SSH when the editor has none, and opens nothing', async () => {
    const outcome = await connect();
    assert.equal(outcome.kind, 'notConnected');
    assert.match(outcome.reason ?? '', /Install Remote - SSH/);
    assert.equal(execs.length, 0, 'nothing ran in the container');
  });

  it('asks before touching the user’s SSH config, and leaves it alone when told no', async () => {
    state.installedExtensions = ['ms-vscode-remote.remote-ssh'];
    state.answers = [undefined];
    const outcome = await connect();
    assert.equal(outcome.kind, 'notConnected');
    assert.match(outcome.reason ?? '', /Include/);
    assert.equal(readFileSync(userConfig, 'utf8'), USER_CONFIG);
    assert.ok(
      state.messages.some((m) => m.text === 'Let Slipway add one line to your SSH config?'),
    );
  });

  it('with consent: adds the Include once, pins the platform, sets up the editor and opens the folder', async () => {
    state.answers = ['Add the Include'];
    state.executed = [];
    const outcome = await connect();
    assert.equal(outcome.kind, 'opened');
    const text = readFileSync(userConfig, 'utf8');
    // A comment saying who added it, then the Include, before the user's first Host.
    assert.match(text.split('\n')[1]!, /^Include ".*\/\.ssh\/slipway\/config"$/);
    assert.ok(text.endsWith(USER_CONFIG), 'the user’s own entries are kept byte for byte');
    assert.equal(readFileSync(`${userConfig}.slipway-backup`, 'utf8'), USER_CONFIG);
    const slipwayConfig = readFileSync(
      path.join(scratch, 'home', '.ssh', 'slipway', 'config'),
      'utf8',
    );
    assert.match(slipwayConfig, /LocalForward 127\.0\.0\.1:3000 127\.0\.0\.1:3000/);
    const alias = /^Host (slipway-\S+)$/m.exec(slipwayConfig)?.[1];
    assert.ok(alias);
    assert.deepEqual(state.updatedSettings?.['remote.SSH.remotePlatform'], { [alias]: 'linux' });
    const open = state.executed.find((e) => e.id === 'vscode.openFolder');
    assert.equal(String(open?.args[0]), `vscode-remote://ssh-remote+${alias}/workspaces/my%20proj`);
    const setup = execs.find((e) => e.args.some((a) => a.startsWith('SLIPWAY_GITCONFIG=')));
    assert.ok(setup, 'the .gitconfig went to the container');
    assert.ok(setup.args.some((a) => a.startsWith('SLIPWAY_MACHINE_SETTINGS=')));
    assert.ok(existsSync(path.join(scratch, 'home', '.ssh', 'slipway', 'id_ed25519')));
  });

  it('does not ask again once the Include is there', async () => {
    const before = state.messages.length;
    state.answers = [];
    const outcome = await connect();
    assert.equal(outcome.kind, 'opened');
    assert.equal(state.messages.length, before, 'no prompt');
    const includes = readFileSync(userConfig, 'utf8').match(/^Include /gm) ?? [];
    assert.equal(includes.length, 1);
  });

  it('remembers a Compose window with its project, so its last window stops the project', async () => {
    const outcome = await connector.connect(
      { ...target, shutdownAction: 'stopCompose', composeProject: 'proj_devcontainer' },
      { newWindow: false, signal: new AbortController().signal },
    );
    assert.equal(outcome.kind, 'opened');
    const windows = globalState.get('slipway.containerWindows') as
      Record<string, Record<string, unknown>> | undefined;
    const remembered = Object.values(windows ?? {}).find(
      (window) => window.containerId === target.containerId,
    );
    assert.equal(remembered?.shutdownAction, 'stopCompose');
    assert.equal(remembered?.composeProject, 'proj_devcontainer');
  });

  it('takes remote.SSH.configFile from the user’s settings only, while the workspace is untrusted', async () => {
    // A repository's .vscode/settings.json naming a file for Slipway to write.
    const planted = path.join(scratch, 'repo', '.vscode', 'ssh_config');
    state.userSettings = { 'remote.SSH.configFile': userConfig };
    state.settings['remote.SSH.configFile'] = planted;
    state.trusted = false;
    state.answers = [];
    try {
      const outcome = await connect();
      assert.equal(outcome.kind, 'opened', outcome.reason);
      assert.equal(existsSync(planted), false, 'the workspace did not choose the file');
      assert.equal((readFileSync(userConfig, 'utf8').match(/^Include /gm) ?? []).length, 1);
    } finally {
      state.trusted = true;
      state.settings['remote.SSH.configFile'] = userConfig;
    }
  });
});
