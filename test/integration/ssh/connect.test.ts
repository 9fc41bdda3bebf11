import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { up } from '../../../src/core/engine/up';
import { removeWorkspace } from '../../../src/core/engine/containerOps';
import { createEngineDeps } from '../../../src/node/engineDeps';
import { prepareSshHost } from '../../../src/node/ssh/prepareHost';

/**
 * What Reopen does before it opens the window, end to end with the editor's
 * own code path: `up` in process, then prepareSshHost on its result; then the
 * system ssh, with nothing but Slipway's SSH config, lands as the remote user
 * with the container's environment and remoteEnv.
 */

const ROOT = path.resolve(__dirname, '../../..');
const STANDIN = path.join(ROOT, 'test', 'standin', 'bin', 'container');
const REAL = process.env.SLIPWAY_TEST_REAL_CONTAINER !== undefined;

describe('Reopen’s SSH hand-over (up, then prepareSshHost, then ssh)', function () {
  this.timeout(240_000);
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-connect-'));
  const workspace = path.join(scratch, 'connect demo');
  const sshDir = path.join(scratch, 'ssh dir');
  const saved = { ...process.env };
  const deps = createEngineDeps({
    containerPath: REAL ? undefined : STANDIN,
    env: { ...process.env, SLIPWAY_STATE_DIR: path.join(scratch, 'state') },
    log: () => undefined,
  });

  before(() => {
    // The runner passes its own environment to `container`: the stand-in's state goes with it.
    process.env.CONTAINER_STANDIN_STATE = path.join(scratch, 'standin-state');
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({
        image: 'mcr.microsoft.com/devcontainers/base:bookworm',
        remoteUser: 'vscode',
        containerEnv: { GREETING: 'hello "there" it\'s me' },
        remoteEnv: { PROJECT_NOTE: 'spaces and $dollars', GREETING2: '${containerEnv:GREETING}!' },
      }),
    );
  });

  after(async () => {
    await removeWorkspace(deps, { workspaceFolder: workspace, force: true }).catch(() => undefined);
    process.env = saved;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reaches the container as the remote user, in the workspace, with its environment', async () => {
    const { result } = await up(deps, {
      workspaceFolder: workspace,
      settings: {},
      env: process.env,
      trusted: true,
      skipPostAttach: true,
    });
    const request = {
      containerId: result.containerId,
      containerName: result.containerName,
      remoteUser: result.remoteUser,
      containerEnv: result.containerEnv,
      sessionEnv: result.sessionEnv,
      containerPath: REAL ? 'container' : STANDIN,
      forwardAgent: false,
      sshDir,
    };
    const prepared = await prepareSshHost(deps.client, request);
    const alias = prepared.entry.alias;
    assert.match(alias, /^slipway-[a-z0-9-]+$/);
    const config = readFileSync(prepared.configFile, 'utf8');
    assert.match(config, /StrictHostKeyChecking yes/);
    assert.doesNotMatch(config, /\b(10|172\.(1[6-9]|2\d|3[01])|192\.168)\.\d+\.\d+/);
    const env = { ...process.env };
    delete env.SSH_AUTH_SOCK;
    const ssh = spawnSync(
      'ssh',
      [
        '-F',
        prepared.configFile,
        alias,
        `id -un; test -f '${result.remoteWorkspaceFolder}/.devcontainer/devcontainer.json' && echo mounted; printf "%s|%s|%s\\n" "$GREETING" "$PROJECT_NOTE" "$GREETING2"`,
      ],
      { env, encoding: 'utf8', timeout: 60_000, cwd: scratch },
    );
    assert.equal(ssh.status, 0, ssh.stderr);
    const [user, mounted, values] = ssh.stdout.trim().split('\n');
    assert.equal(user, 'vscode');
    assert.equal(mounted, 'mounted', `the workspace is at ${result.remoteWorkspaceFolder}`);
    assert.equal(values, 'hello "there" it\'s me|spaces and $dollars|hello "there" it\'s me!');
    // A second hand-over (every Reopen does one) keeps the alias and the pinned key.
    const again = await prepareSshHost(deps.client, request);
    assert.equal(again.entry.alias, alias);
    assert.equal(readFileSync(again.configFile, 'utf8'), config);
  });
});
