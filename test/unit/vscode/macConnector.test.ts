import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { createFakeVscode, newEditorState, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * Reopen with Slipway in the remote extension host of a Remote-SSH window on
 * another Mac, with a fake editor whose `workspace.fs` reaches "the user's
 * machine" (a folder) only through `vscode-local:` URIs, and a fake
 * `container` client for the Mac. Everything the next window's ssh reads
 * must land on the user's machine, nothing of it on the Mac's disk, and the
 * container must authorize the key that is on the user's machine.
 */

const HOST_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@c';
const BOOTSTRAP_OK = `sshd=/usr/sbin/sshd\nuser=vscode\nhome=/home/vscode\nhostkey=${HOST_KEY}\nready=1\n`;
const WORKSPACE_KIND = 2;

describe('Reopen from a window on another Mac', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-mac-connector-'));
  const laptop = path.join(scratch, 'laptop');
  const macHome = path.join(scratch, 'mac-home');
  const userConfig = path.join(laptop, 'Users', 'me', '.ssh', 'config');
  const USER_CONFIG = `Host mac-studio\n  HostName ${hostname()}\n  User me\n`;
  const state: FakeEditorState = newEditorState({
    answers: [],
    executed: [],
    installedExtensions: [],
    remoteName: 'ssh-remote',
    localRoot: laptop,
  });
  const fake = createFakeVscode(state);
  // Restored by key: a replaced process.env object no longer reaches os.homedir() in later tests.
  const savedHome = process.env.HOME;
  const savedSshDir = process.env.SLIPWAY_SSH_DIR;
  const execs: Array<{ args: string[]; input?: string }> = [];
  const globalState = fake.fakeMemento();
  let connect: () => Promise<{ kind: string; reason?: string }>;
  const target = {
    containerId: 'proj-1234abcd',
    containerName: 'proj-1234abcd',
    remoteUser: 'vscode',
    remoteWorkspaceFolder: '/workspaces/my proj',
    workspaceFolder: '/Users/me/my proj',
    configFile: '/Users/me/my proj/.devcontainer/devcontainer.json',
    containerEnv: ['PATH=/usr/bin'],
    sessionEnv: {},
    portForwards: [],
    vscode: { extensions: [], settings: {} },
    // A Compose config: the window through the Mac must remember its project,
    // as a local one does, for stopCompose and Start and Reconnect.
    shutdownAction: 'stopCompose' as const,
    composeProject: 'my_proj_devcontainer',
  };

  before(async () => {
    useFakeVscode(state);
    // The Mac's own home: nothing of the user's SSH set-up may land here.
    process.env.HOME = macHome;
    delete process.env.SLIPWAY_SSH_DIR;
    mkdirSync(macHome, { recursive: true });
    writeFileSync(path.join(macHome, '.gitconfig'), '[user]\n\tname = The Mac\n');
    mkdirSync(path.dirname(userConfig), { recursive: true });
    mkdirSync(path.join(laptop, 'Users', 'Shared'), { recursive: true });
    writeFileSync(userConfig, USER_CONFIG);
    writeFileSync(path.join(laptop, 'Users', 'me', '.gitconfig'), '[user]\n\tname = Me\n');
    const { sshWindowConnector } = await import('../../../src/vscode/startup/sshConnector');
    const connector = sshWindowConnector({
      services: {
        runner: () => ({ executable: async () => '/usr/local/bin/container' }),
        engine: () => ({
          client: {
            execCapture: async (args: string[], options: { input?: string }) => {
              execs.push({ args, input: options.input });
              return { exitCode: 0, stdout: args.includes('root') ? BOOTSTRAP_OK : '', stderr: '' };
            },
          },
        }),
      } as never,
      globalState: globalState as never,
      log: { info: () => undefined, warn: () => undefined, debug: () => undefined } as never,
      extensionKind: WORKSPACE_KIND as never,
    });
    connect = () =>
      connector.connect(target as never, {
        newWindow: false,
        signal: new AbortController().signal,
      });
  });

  after(() => {
    for (const [name, value] of [
      ['HOME', savedHome],
      ['SLIPWAY_SSH_DIR', savedSshDir],
    ] as const) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it("writes the key, the entry through the Mac and the Include on the user's machine, and opens the folder", async () => {
    state.answers = ['Add the Include'];
    const outcome = await connect();
    assert.equal(outcome.kind, 'opened', outcome.reason);
    const slipwayDir = path.join(laptop, 'Users', 'me', '.ssh', 'slipway');
    const privateKey = readFileSync(path.join(slipwayDir, 'id_ed25519'), 'utf8');
    assert.match(privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----/);
    const publicKey = readFileSync(path.join(slipwayDir, 'id_ed25519.pub'), 'utf8').trim();
    // The container authorizes the key that is on the user's machine.
    const bootstrap = execs.find((exec) => exec.args.includes('root'));
    assert.ok(
      bootstrap?.input?.includes(publicKey) || bootstrap?.args.join(' ').includes(publicKey),
    );
    const config = readFileSync(path.join(slipwayDir, 'config'), 'utf8');
    const alias = /^Host (slipway-\S+)$/m.exec(config)?.[1];
    assert.equal(alias, 'slipway-mac-studio-proj-1234abcd');
    assert.match(config, /ProxyCommand \/bin\/sh -c .*chmod 600.* ssh -T .* -- mac-studio /);
    assert.match(config, /IdentityFile \/Users\/me\/\.ssh\/slipway\/id_ed25519$/m);
    assert.match(
      readFileSync(path.join(slipwayDir, 'known_hosts'), 'utf8'),
      new RegExp(`^${alias} ssh-ed25519 `),
    );
    const userText = readFileSync(userConfig, 'utf8');
    assert.match(userText, /^Include "\/Users\/me\/\.ssh\/slipway\/config"$/m);
    assert.ok(userText.endsWith(USER_CONFIG), 'the user’s own entries are kept');
    // Nothing of it on the Mac's disk.
    assert.equal(existsSync(path.join(macHome, '.ssh')), false);
    // The user's .gitconfig, from the user's machine, went to the container.
    const setup = execs.find((exec) => exec.args.some((a) => a.startsWith('SLIPWAY_GITCONFIG=')));
    assert.ok(setup?.args.some((a) => a.includes('name = Me')));
    const open = state.executed?.find((e) => e.id === 'vscode.openFolder');
    assert.equal(String(open?.args[0]), `vscode-remote://ssh-remote+${alias}/workspaces/my%20proj`);
    const windows = globalState.get('slipway.containerWindows') as Record<
      string,
      { host?: string; route?: unknown; composeProject?: string; shutdownAction?: string }
    >;
    assert.equal(windows[alias]?.host, 'mac-studio');
    assert.equal(windows[alias]?.composeProject, 'my_proj_devcontainer');
    assert.equal(windows[alias]?.shutdownAction, 'stopCompose');
    // The route Slipway on the user's machine drives that Mac's `container` over: the jump's.
    assert.deepEqual(windows[alias]?.route, { host: 'mac-studio' });
  });

  it('reuses the key on the user’s machine on the next Reopen and asks nothing', async () => {
    const keyFile = path.join(laptop, 'Users', 'me', '.ssh', 'slipway', 'id_ed25519');
    const before = readFileSync(keyFile);
    const messages = state.messages.length;
    state.answers = [];
    const outcome = await connect();
    assert.equal(outcome.kind, 'opened', outcome.reason);
    assert.deepEqual(readFileSync(keyFile), before);
    assert.equal(state.messages.length, messages);
  });

  it('takes the alias from the window authority when the editor tells it', async () => {
    state.remoteAuthority = `ssh-remote+${Buffer.from(JSON.stringify({ hostName: 'studio', user: 'me' })).toString('hex')}`;
    try {
      const outcome = await connect();
      assert.equal(outcome.kind, 'opened', outcome.reason);
      const config = readFileSync(
        path.join(laptop, 'Users', 'me', '.ssh', 'slipway', 'config'),
        'utf8',
      );
      assert.match(config, /ssh -T .* -l me -- studio /);
      const windows = globalState.get('slipway.containerWindows') as Record<
        string,
        { route?: unknown }
      >;
      assert.deepEqual(windows['slipway-studio-proj-1234abcd']?.route, {
        host: 'studio',
        user: 'me',
      });
    } finally {
      delete state.remoteAuthority;
    }
  });

  it('says where it looked when the user’s machine has no SSH folder', async () => {
    const { findLocalHome } = await import('../../../src/vscode/localMachine');
    state.localRoot = path.join(scratch, 'empty-laptop');
    mkdirSync(state.localRoot, { recursive: true });
    try {
      await assert.rejects(
        findLocalHome(fake.fakeMemento() as never, 'mac-studio', () => false),
        /could not find your SSH folder on this computer \(it looked for \.ssh under \/Users and \/home\)/,
      );
    } finally {
      state.localRoot = laptop;
    }
  });
});
