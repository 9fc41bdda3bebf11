import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { windowShutdown } from '../../../src/core/windowShutdown';
import { up, type UpResult } from '../../../src/core/engine/up';
import { createEngineDeps } from '../../../src/node/engineDeps';
import { closeWindow } from '../../../src/node/lastWindow';
import { prepareSshHost } from '../../../src/node/ssh/prepareHost';
import { WindowRegistry } from '../../../src/node/windowRegistry';
import { buildCli, CLI, workspace } from '../slipway/harness';
import { composeRun, DEBIAN, RESPONDER, RESPONDER_HEALTH, type ComposeRun } from './harness';

/**
 * Reopen of a Compose config with the editor's own code path, on the
 * stand-in inside a network namespace the run owns: `up` in process, the
 * SSH hand-over to the dev container's service (ssh lands in app and
 * reaches db by name from there), then the window closing: its last window
 * stops the whole project (`stopCompose`), dev container first, through
 * the bundled `slipway stop` started detached as the editor starts it.
 */

const COMPOSE = `
services:
  app:
    image: ${DEBIAN}
    command: ["sleep", "infinity"]
    volumes:
      - ..:/workspaces/shop
    depends_on:
      db:
        condition: service_healthy
  db:
    image: docker.io/library/busybox:latest
    command: ${RESPONDER}${RESPONDER_HEALTH}
`;

const APP = 'shop_devcontainer-app-1';
const DB = 'shop_devcontainer-db-1';

describe('Compose: Reopen’s hand-over and stopCompose (integration)', function () {
  this.timeout(300_000);
  let run: ComposeRun;
  let folder: string;
  let result: UpResult;
  const saved = { ...process.env };

  before(async () => {
    buildCli();
    run = composeRun('reopen');
    // The runner passes its own environment to `container`: the namespace and state go with it.
    Object.assign(process.env, run.env);
    folder = workspace('shop', {
      '.devcontainer/devcontainer.json': JSON.stringify({
        dockerComposeFile: 'compose.yml',
        service: 'app',
        workspaceFolder: '/workspaces/shop',
      }),
      '.devcontainer/compose.yml': COMPOSE,
    });
  });

  after(() => {
    process.env = saved;
    run?.cleanUp();
  });

  const deps = () =>
    createEngineDeps({ containerPath: run.containerPath, env: process.env, log: () => undefined });
  const state = (id: string) =>
    (JSON.parse(run.container(['inspect', id]).stdout) as Array<{ status: { state: string } }>)[0]
      ?.status.state;

  it('hands the window over to the dev container’s service, which reaches db by name', async () => {
    ({ result } = await up(deps(), {
      workspaceFolder: folder,
      settings: {},
      env: process.env,
      trusted: true,
      skipPostAttach: true,
    }));
    assert.equal(result.containerName, APP);
    assert.equal(result.shutdownAction, 'stopCompose');
    assert.equal(result.composeProject, 'shop_devcontainer');
    const prepared = await prepareSshHost(deps().client, {
      containerId: result.containerId,
      containerName: result.containerName,
      remoteUser: result.remoteUser,
      containerEnv: result.containerEnv,
      sessionEnv: result.sessionEnv,
      containerPath: run.containerPath,
      forwardAgent: false,
      sshDir: path.join(folder, '..', 'ssh'),
    });
    const env = { ...process.env };
    delete env.SSH_AUTH_SOCK;
    const ssh = spawnSync(
      'ssh',
      [
        '-F',
        prepared.configFile,
        prepared.entry.alias,
        "hostname; test -f /workspaces/shop/.devcontainer/compose.yml && echo mounted; timeout 5 bash -c 'exec 3<>/dev/tcp/db/5432; cat <&3'",
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(ssh.status, 0, ssh.stderr);
    const [, mounted, reply] = ssh.stdout.trim().split('\n');
    assert.equal(mounted, 'mounted');
    assert.equal(reply, 'ok', 'db answered through its name in the hosts block');
    run.assertContained();
  });

  it('the project’s last window stops every service, the dev container first', async () => {
    const registry = new WindowRegistry(path.join(folder, '..', 'windows'));
    const shutdown = windowShutdown({
      containerId: result.containerId,
      workspaceFolder: folder,
      configFile: result.configFile,
      shutdownAction: result.shutdownAction!,
      composeProject: result.composeProject!,
    })!;
    await registry.register(shutdown.key, process.pid);
    await registry.register(shutdown.key, process.ppid);
    const runners = {
      containerPath: run.containerPath,
      runtime: process.execPath,
      cliScript: CLI,
      env: process.env,
    };
    // Another window on the project is still open: nothing stops.
    assert.equal(await closeWindow(registry, shutdown, runners, process.ppid), false);
    run.resetCalls();
    assert.equal(await closeWindow(registry, shutdown, runners, process.pid), true);
    for (
      const deadline = Date.now() + 120_000;
      state(APP) !== 'stopped' || state(DB) !== 'stopped';
    ) {
      assert.ok(Date.now() < deadline, `still ${state(APP)} / ${state(DB)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const stops = run.calls().filter((call) => call.startsWith('stop '));
    assert.deepEqual(stops, [`stop ${APP}`, `stop ${DB}`]);
  });
});
