import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { createContainerClient } from '../../../src/core/client/client';
import { ExecaContainerRunner } from '../../../src/node/containerRunner';
import { recoverTransport, stuckExecClients } from '../../../src/node/ssh/transportRecovery';
import { buildCli, down, ROOT, slipway, testEnv, workspace } from './harness';

/**
 * Never hang (issue 13 §4), on the stand-in made to hang on purpose:
 * CONTAINER_STANDIN_HANG=exec makes `container exec` hang with no output
 * (Apple #1916), CONTAINER_STANDIN_HANG_MATCH narrows it to some commands.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const STANDIN = path.join(ROOT, 'test', 'standin', 'bin', 'container');
const made: string[] = [];

describe('never hang: stuck `container exec` (integration)', function () {
  this.timeout(240_000);

  before(() => buildCli());
  after(() => made.forEach(down));

  it('a hook that goes silent is stopped by the idle bound, with a clear error', () => {
    const folder = workspace('hang-hook', {
      '.devcontainer.json': JSON.stringify({
        image: BUSYBOX,
        postCreateCommand: 'echo about-to-hang',
      }),
    });
    made.push(folder);
    const started = Date.now();
    const run = slipway(['up', '--workspace-folder', folder], {
      env: {
        CONTAINER_STANDIN_HANG: 'exec',
        CONTAINER_STANDIN_HANG_MATCH: 'about-to-hang',
        SLIPWAY_HOOK_IDLE_SECONDS: '3',
      },
    });
    assert.equal(run.status, 1, run.stderr);
    assert.ok(Date.now() - started < 120_000, 'the bound fired, nothing waited for ever');
    const message = String(run.json.message ?? run.stderr);
    assert.match(message, /printed nothing for 3 s/);
    assert.match(message, /SLIPWAY_HOOK_IDLE_SECONDS/);
    assert.doesNotMatch(message, /ContainerCliError|at .*\.ts:\d+/);
  });

  it('recovers a stuck transport in steps: kill the client, restart, then ask for the service', async () => {
    const folder = workspace('hang-transport', {
      '.devcontainer.json': JSON.stringify({ image: BUSYBOX }),
    });
    made.push(folder);
    const up = slipway(['up', '--workspace-folder', folder]);
    assert.equal(up.status, 0, up.stderr);
    const id = String(up.json.containerId);
    const env = testEnv();
    // The ProxyCommand's `container exec … sshd -i`, stuck.
    const stuck = spawn(STANDIN, ['exec', '-i', id, '/usr/sbin/sshd', '-i'], {
      env: { ...env, CONTAINER_STANDIN_HANG: 'exec' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      stuck.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.ok((await stuckExecClients(STANDIN, id)).includes(stuck.pid ?? -1), 'found by ps');

    // Every probe (`exec <id> true`) hangs too, so the whole ladder runs.
    const runner = new ExecaContainerRunner({
      executable: STANDIN,
      env: {
        CONTAINER_STANDIN_STATE: String(env.CONTAINER_STANDIN_STATE),
        CONTAINER_STANDIN_HANG: 'exec',
        CONTAINER_STANDIN_HANG_MATCH: 'true',
      },
      forceKillAfterMs: 500,
    });
    const messages: string[] = [];
    const done = await recoverTransport({
      client: createContainerClient(runner),
      executable: STANDIN,
      containerId: id,
      report: (message) => messages.push(message),
      probeTimeoutMs: 2_000,
    });
    assert.equal(await exited, 'SIGKILL', 'the stuck client was killed');
    assert.equal(done.recovered, false);
    assert.match(done.message, /did not finish within 2 s/);
    assert.match(done.message, /container system stop/);
    assert.deepEqual(
      messages.map((m) => /stopping the stuck|restarting the container|Checking/.exec(m)?.[0] ?? m),
      [
        'Checking',
        'stopping the stuck',
        'Checking',
        'restarting the container',
        'Checking',
        done.message,
      ],
    );

    // Without the hang, the first probe answers and nothing else runs.
    const healthy = await recoverTransport({
      client: createContainerClient(
        new ExecaContainerRunner({
          executable: STANDIN,
          env: { CONTAINER_STANDIN_STATE: String(env.CONTAINER_STANDIN_STATE) },
        }),
      ),
      executable: STANDIN,
      containerId: id,
      report: () => undefined,
    });
    assert.equal(healthy.recovered, true, healthy.message);
  });
});
