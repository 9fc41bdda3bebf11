import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { up } from '../../../src/core/engine/up';
import { createEngineDeps } from '../../../src/node/engineDeps';
import { prepareSshHost } from '../../../src/node/ssh/prepareHost';
import { buildCli, workspace } from '../slipway/harness';
import { composeRun, DEBIAN, RESPONDER, RESPONDER_HEALTH, type ComposeRun } from './harness';

/**
 * `forwardPorts: ["db:5432"]` of a Compose config, end to end on the
 * stand-in: the window's SSH host entry forwards this machine's
 * 127.0.0.1:5432 to `db:5432`, which the dev container's sshd resolves
 * through its hosts block; db's responder answers through it.
 */

const COMPOSE = `
services:
  app:
    image: ${DEBIAN}
    command: ["sleep", "infinity"]
    depends_on:
      db:
        condition: service_healthy
  db:
    image: docker.io/library/busybox:latest
    command: ${RESPONDER}${RESPONDER_HEALTH}
`;

/** One line from 127.0.0.1:<port>, retried while ssh sets the forward up. */
async function readFrom(port: number, deadline: number): Promise<string> {
  for (;;) {
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(port, '127.0.0.1');
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', () => resolve(''));
    });
    if (reply !== '' || Date.now() > deadline) {
      return reply;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('Compose: forwardPorts naming a service (integration)', function () {
  this.timeout(300_000);
  let run: ComposeRun;
  let folder: string;
  const saved = { ...process.env };

  before(() => {
    buildCli();
    run = composeRun('forward');
    Object.assign(process.env, run.env);
    folder = workspace('fwd', {
      '.devcontainer/devcontainer.json': JSON.stringify({
        dockerComposeFile: 'compose.yml',
        service: 'app',
        workspaceFolder: '/workspaces/fwd',
        forwardPorts: ['db:5432'],
      }),
      '.devcontainer/compose.yml': COMPOSE,
    });
  });

  after(() => {
    process.env = saved;
    run?.cleanUp();
  });

  it('reaches db:5432 on this machine’s 127.0.0.1:5432 through the dev container', async () => {
    const { containerPath } = run;
    const deps = createEngineDeps({ containerPath, env: process.env, log: () => undefined });
    const { result } = await up(deps, {
      workspaceFolder: folder,
      settings: {},
      env: process.env,
      trusted: true,
      skipPostAttach: true,
    });
    assert.deepEqual(result.portForwards, [{ port: 5432, host: 'db' }]);
    const prepared = await prepareSshHost(deps.client, {
      containerId: result.containerId,
      containerName: result.containerName,
      remoteUser: result.remoteUser,
      containerEnv: result.containerEnv,
      sessionEnv: result.sessionEnv,
      containerPath,
      forwardAgent: false,
      localForwards: result.portForwards,
      sshDir: path.join(folder, '..', 'ssh'),
    });
    assert.match(
      readFileSync(prepared.configFile, 'utf8'),
      /^ {2}LocalForward 127\.0\.0\.1:5432 db:5432$/m,
    );
    const env = { ...process.env };
    delete env.SSH_AUTH_SOCK;
    // As Remote-SSH does: a connection that lives while the window does, its forwards with it.
    const ssh = spawn(
      'ssh',
      [
        '-F',
        prepared.configFile,
        '-o',
        'ExitOnForwardFailure=yes',
        prepared.entry.alias,
        'sleep 60',
      ],
      { env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    ssh.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const reply = await readFrom(5432, Date.now() + 60_000);
      assert.equal(reply.trim(), 'ok', `db answered through the forward; ssh said: ${stderr}`);
    } finally {
      ssh.kill();
    }
    run.assertContained();
  });
});
