import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { removeWorkspace } from '../../../src/core/engine/containerOps';
import { up } from '../../../src/core/engine/up';
import {
  ensureLocalInclude,
  ensureLocalKey,
  localSshPaths,
  registerRemoteHost,
  type LocalFiles,
} from '../../../src/core/ssh/localSide';
import { createEngineDeps } from '../../../src/node/engineDeps';
import { makeKeyPairForElsewhere } from '../../../src/node/ssh/keys';
import { bootstrapContainer } from '../../../src/node/ssh/prepareHost';
import { startLoopbackSshd, type LoopbackSshd } from './loopbackSshd';

/**
 * The window on another Mac, end to end with the system ssh and two hops,
 * both over loopback: a loopback sshd plays the Mac (the stand-in
 * `container` on its PATH), and the host entry Slipway writes on "the user's
 * machine" reaches the container through it: hop 1 is the user's ssh to the
 * Mac's alias, hop 2 the `container exec … sshd -i` run there. The user's
 * files are written the way the editor writes them from the Mac (no mode of
 * their own), so the key starts out readable by others and ssh would refuse
 * it, unless the ProxyCommand makes it 0600 first.
 */

const ROOT = path.resolve(__dirname, '../../..');
const STANDIN = path.join(ROOT, 'test', 'standin', 'bin', 'container');

/** The user's machine as the editor's file system writes it: whole files, default modes. */
const editorLikeFiles: LocalFiles = {
  read: async (file) =>
    fs.readFile(file).then(
      (bytes) => new Uint8Array(bytes),
      () => undefined,
    ),
  write: async (file, content) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content, { mode: 0o644 });
  },
};

describe('a container on another Mac, reached through the Mac (two hops over loopback)', function () {
  this.timeout(240_000);
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-jump-'));
  const workspace = path.join(scratch, 'jump-demo');
  const laptopHome = path.join(scratch, 'laptop-home');
  const standinState = path.join(scratch, 'standin-state');
  const saved = { ...process.env };
  const deps = createEngineDeps({
    containerPath: STANDIN,
    env: { ...process.env, SLIPWAY_STATE_DIR: path.join(scratch, 'state') },
    log: () => undefined,
  });
  let sshd: LoopbackSshd;

  before(async () => {
    process.env.CONTAINER_STANDIN_STATE = standinState;
    // The "Mac" runs the same stand-in on the same containers: its state and engine go with it.
    const standinEnv = Object.fromEntries(
      Object.entries(process.env).filter(
        (pair): pair is [string, string] =>
          pair[0].startsWith('CONTAINER_STANDIN_') && pair[1] !== undefined,
      ),
    );
    sshd = await startLoopbackSshd({ remoteEnv: standinEnv });
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({
        image: 'mcr.microsoft.com/devcontainers/base:bookworm',
        remoteUser: 'vscode',
      }),
    );
  });

  after(async () => {
    await removeWorkspace(deps, { workspaceFolder: workspace, force: true }).catch(() => undefined);
    await sshd?.stop();
    process.env = saved;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('connects with the host entry whose ProxyCommand jumps through the Mac’s alias', async () => {
    const { result } = await up(deps, {
      workspaceFolder: workspace,
      settings: {},
      env: process.env,
      trusted: true,
      skipPostAttach: true,
    });
    // The user's own config, with the Mac's alias, as Remote-SSH reads it.
    const userConfig = path.join(laptopHome, '.ssh', 'config');
    mkdirSync(path.dirname(userConfig), { recursive: true });
    sshd.writeClientConfig({ alias: 'mac-studio', file: userConfig });

    const paths = localSshPaths(laptopHome);
    const publicKey = await ensureLocalKey(editorLikeFiles, paths, () => makeKeyPairForElsewhere());
    assert.equal(statSync(paths.privateKey).mode & 0o777, 0o644, 'written as the editor writes');
    const container = await bootstrapContainer(deps.client, result, publicKey);
    const entry = await registerRemoteHost(editorLikeFiles, paths, {
      containerId: result.containerId,
      name: result.containerName,
      user: container.report.user,
      sshdPath: container.report.sshdPath,
      containerPath: STANDIN,
      forwardAgent: false,
      hostKey: container.report.hostKey,
      jump: { host: 'mac-studio', configFile: userConfig },
    });
    await ensureLocalInclude(editorLikeFiles, userConfig, paths.config, laptopHome);

    const env = { ...process.env };
    delete env.SSH_AUTH_SOCK;
    // Not the test's own: the stand-in must be found on the Mac's PATH, through sshd.
    delete env.CONTAINER_STANDIN_STATE;
    const connect = spawnSync(
      'ssh',
      [
        '-F',
        userConfig,
        '-o',
        'BatchMode=yes',
        entry.alias,
        `id -un; test -f '${result.remoteWorkspaceFolder}/.devcontainer/devcontainer.json' && echo mounted`,
      ],
      { env, encoding: 'utf8', timeout: 90_000, cwd: scratch },
    );
    assert.equal(connect.status, 0, `${connect.stderr}\n--- sshd:\n${sshd.log()}`);
    assert.deepEqual(connect.stdout.trim().split('\n'), ['vscode', 'mounted']);
    // Hop 1 went through the Mac's sshd, on loopback only.
    assert.match(sshd.log(), /Accepted publickey for \S+ from 127\.0\.0\.1/);
    assert.doesNotMatch(sshd.log(), /Connection from (?!127\.0\.0\.1 )/);
    // The ProxyCommand made the key private before ssh read it.
    assert.equal(statSync(paths.privateKey).mode & 0o777, 0o600);
  });
});
