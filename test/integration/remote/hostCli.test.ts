import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { buildCli, removeBuiltImages, SCRATCH, slipway, workspace } from '../slipway/harness';
import {
  freeLoopbackPort,
  otherHostKey,
  startLoopbackSshd,
  STANDIN_BIN,
  withoutContainerPath,
  type LoopbackSshd,
} from './loopbackSshd';

/**
 * `slipway --host ssh://…` end to end through a loopback sshd that plays
 * the other Mac: the stand-in `container` is on the sshd's PATH and NOT on
 * the local one, so every container call can only have gone over SSH.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
/** The remote stand-in's state: apart from the local one the harness would use. */
const REMOTE_STATE = path.join(SCRATCH, 'remote-standin-state');
const STATE_DIR = path.join(SCRATCH, 'slipway-state');
/** A PATH without the stand-in: locally there is no `container` at all. */
const LOCAL_PATH = (process.env.PATH ?? '')
  .split(':')
  .filter((entry) => entry !== STANDIN_BIN)
  .join(':');

function remoteContainer(config: string, args: string[]) {
  return spawnSync('ssh', ['-F', config, 'mac-studio', ['container', ...args].join(' ')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('slipway --host over SSH (loopback sshd)', function () {
  this.timeout(300_000);
  let sshd: LoopbackSshd;
  let config: string;
  const env = () => ({ PATH: LOCAL_PATH, SLIPWAY_SSH_CONFIG: config });
  const host = ['--host', 'ssh://mac-studio'];
  let folder: string;

  before(async () => {
    buildCli();
    sshd = await startLoopbackSshd({ remoteEnv: { CONTAINER_STANDIN_STATE: REMOTE_STATE } });
    config = sshd.writeClientConfig({ alias: 'mac-studio' });
    folder = workspace('remote app', {
      // A Dockerfile build: the build context is a folder on the other Mac.
      '.devcontainer/devcontainer.json': JSON.stringify({
        build: { dockerfile: 'Dockerfile' },
        initializeCommand: ['sh', '-c', 'pwd > initialized-here'],
      }),
      '.devcontainer/Dockerfile': `FROM ${BUSYBOX}\nRUN echo built-there > /built\n`,
    });
  });

  after(async () => {
    slipway([...host, 'down', '--force', '--workspace-folder', folder], { env: env() });
    // The shared connection would otherwise stay ControlPersist seconds after the test.
    spawnSync('ssh', [
      '-F',
      config,
      '-o',
      `ControlPath=${path.join(STATE_DIR, 'cm', '%C')}`,
      '-O',
      'exit',
      'mac-studio',
    ]);
    await sshd.stop();
    removeBuiltImages();
  });

  it('plans, builds and brings up, execs in, lists and removes a dev container on the other Mac', () => {
    const local = spawnSync('sh', ['-c', 'command -v container'], {
      env: { ...process.env, PATH: LOCAL_PATH },
    });
    assert.notEqual(local.status, 0, 'no container on the local PATH');

    const plan = slipway([...host, 'plan', '--json', '--workspace-folder', folder], { env: env() });
    assert.equal(plan.status, 0, plan.stderr + plan.stdout);
    assert.equal(plan.json.outcome, 'success');

    const up = slipway([...host, 'up', '--workspace-folder', folder], { env: env() });
    assert.equal(up.status, 0, up.stderr + up.stdout);
    assert.equal(up.json.outcome, 'success');
    const id = String(up.json.containerId);
    // The container exists in the remote stand-in's state, reached over ssh.
    assert.match(remoteContainer(config, ['list', '--all']).stdout, new RegExp(id));
    // initializeCommand ran on the remote Mac, in the workspace folder.
    const marker = spawnSync(
      'ssh',
      ['-F', config, 'mac-studio', `cat '${folder}/initialized-here'`],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(marker.stdout.trim(), folder);

    // Every argument arrives whole: spaces, quotes, $ and globs are not the remote shell's.
    const odd = [`it's "quoted"`, '$HOME', '*', 'a  b', ''];
    const exec = slipway(
      [
        ...host,
        'exec',
        '--workspace-folder',
        folder,
        'sh',
        '-c',
        'printf "[%s]" "$@"',
        'sh',
        ...odd,
      ],
      { env: env() },
    );
    assert.equal(exec.status, 0, exec.stderr);
    assert.equal(exec.stdout, odd.map((arg) => `[${arg}]`).join(''));

    // The command's own exit code comes back through ssh.
    const status = slipway(
      [...host, 'exec', '--workspace-folder', folder, 'sh', '-c', 'cat /built; exit 7'],
      { env: env() },
    );
    assert.equal(status.stdout, 'built-there\n');
    assert.equal(status.status, 7);

    const ls = slipway([...host, 'ls', '--json'], { env: env() });
    assert.equal(ls.status, 0, ls.stderr);
    const rows = JSON.parse(ls.stdout) as { id: string; workspaceFolder: string }[];
    assert.ok(
      rows.some((row) => row.id === id && row.workspaceFolder === folder),
      ls.stdout,
    );

    const down = slipway([...host, 'down', '--force', '--workspace-folder', folder], {
      env: env(),
    });
    assert.equal(down.status, 0, down.stderr + down.stdout);
    assert.doesNotMatch(remoteContainer(config, ['list', '--all']).stdout, new RegExp(id));

    // Nothing connected anywhere but loopback: the alias resolves to 127.0.0.1, and every
    // connection sshd saw came from there.
    const resolved = spawnSync('ssh', ['-G', '-F', config, 'mac-studio'], { encoding: 'utf8' });
    assert.match(resolved.stdout, /^hostname 127\.0\.0\.1$/m);
    const connections = sshd.log().match(/Connection from \S+/g) ?? [];
    assert.ok(connections.length > 0);
    assert.deepEqual([...new Set(connections)], ['Connection from 127.0.0.1']);
  });

  it('says when the workspace folder is not on the other Mac', () => {
    const missing = '/nowhere/on/the/mac';
    const run = slipway([...host, 'up', '--workspace-folder', missing], { env: env() });
    assert.equal(run.status, 1);
    assert.equal(run.json.kind, 'remoteHost');
    assert.match(String(run.json.message), /\/nowhere\/on\/the\/mac does not exist on mac-studio/);
  });

  it('says the SSH connection failed when nothing listens (a closed loopback port)', async () => {
    const port = await freeLoopbackPort();
    const empty = path.join(SCRATCH, 'empty_ssh_config');
    writeFileSync(empty, '');
    const run = slipway(['--host', `ssh://127.0.0.1:${port}`, 'ls'], {
      env: { PATH: LOCAL_PATH, SLIPWAY_SSH_CONFIG: empty },
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /SSH to 127\.0\.0\.1:\d+ failed: nothing accepts SSH connections/);
    assert.match(run.stderr, /Remote Login/);
    assert.doesNotMatch(run.stderr, /at .*\.js|Error:/);
  });

  it('refuses a host whose key is not the pinned one', () => {
    const impostor = sshd.writeClientConfig({
      alias: 'mac-studio',
      pinnedHostKey: otherHostKey(),
      file: path.join(SCRATCH, 'impostor_config'),
    });
    const run = slipway([...host, 'ls', '--json'], {
      env: {
        PATH: LOCAL_PATH,
        SLIPWAY_SSH_CONFIG: impostor,
        SLIPWAY_STATE_DIR: path.join(SCRATCH, 'impostor-state'),
      },
    });
    assert.equal(run.status, 1);
    assert.equal(run.json.kind, 'ssh');
    assert.match(String(run.json.message), /host key is not the one your known_hosts pins/);
    assert.match(String(run.json.remedy), /ssh-keygen -R/);
  });

  it('says the service is stopped on the other Mac, with the fix to run there', () => {
    assert.equal(remoteContainer(config, ['system', 'stop']).status, 0);
    try {
      const run = slipway([...host, 'ls', '--json'], { env: env() });
      assert.equal(run.status, 1, run.stdout);
      assert.equal(run.json.kind, 'container');
      assert.match(String(run.json.message), /^On mac-studio: /);
      assert.match(String(run.json.message), /container system start/);
    } finally {
      assert.equal(remoteContainer(config, ['system', 'start']).status, 0);
    }
  });

  it('says the Mac refused the key (authentication), not that it is unreachable', () => {
    const stranger = sshd.writeClientConfig({
      alias: 'mac-studio',
      file: path.join(SCRATCH, 'stranger_config'),
    });
    const otherKey = path.join(SCRATCH, 'stranger_key');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    writeFileSync(
      stranger,
      readFileSync(stranger, 'utf8').replace(/IdentityFile .*/, `IdentityFile ${otherKey}`),
    );
    const run = slipway([...host, 'ls', '--json'], {
      env: {
        PATH: LOCAL_PATH,
        SLIPWAY_SSH_CONFIG: stranger,
        SLIPWAY_STATE_DIR: path.join(SCRATCH, 'stranger-state'),
      },
    });
    assert.equal(run.status, 1);
    assert.equal(run.json.kind, 'ssh');
    assert.match(String(run.json.message), /refused every key/);
    assert.match(String(run.json.remedy), /ssh-copy-id/);
  });

  it('says container is missing on the other Mac, not the connection', async () => {
    const bare = await startLoopbackSshd({ remotePath: withoutContainerPath() });
    try {
      const bareConfig = bare.writeClientConfig({ alias: 'bare-mac' });
      const run = slipway(['--host', 'ssh://bare-mac', 'ls', '--json'], {
        env: {
          PATH: LOCAL_PATH,
          SLIPWAY_SSH_CONFIG: bareConfig,
          SLIPWAY_STATE_DIR: path.join(SCRATCH, 'bare-state'),
        },
      });
      assert.equal(run.status, 1);
      assert.equal(run.json.kind, 'remoteHost');
      assert.match(String(run.json.message), /container CLI is not installed on bare-mac/);
      assert.match(String(run.json.remedy), /github\.com\/apple\/container\/releases/);
      spawnSync('ssh', [
        '-F',
        bareConfig,
        '-o',
        `ControlPath=${path.join(SCRATCH, 'bare-state', 'cm', '%C')}`,
        '-O',
        'exit',
        'bare-mac',
      ]);
    } finally {
      await bare.stop();
    }
  });
});
