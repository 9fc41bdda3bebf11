import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { windowShutdown, type ShutdownWindow } from '../../../src/core/windowShutdown';
import { closeWindow, type ShutdownRunners } from '../../../src/node/lastWindow';
import { WindowRegistry } from '../../../src/node/windowRegistry';

/**
 * `shutdownAction` when a dev container's last window closes: what is
 * stopped (the container, or its whole Compose project through `slipway
 * stop`), counted per container or per project, and the detached process
 * that does it (here a recorder in place of `container` and of dist/cli.js).
 */

const WINDOW: ShutdownWindow = {
  containerId: 'shop_devcontainer-app-1',
  workspaceFolder: '/Users/me/shop',
  configFile: '/Users/me/shop/.devcontainer/devcontainer.json',
  shutdownAction: 'stopCompose',
  composeProject: 'shop_devcontainer',
};

async function waitForFile(file: string): Promise<string> {
  for (const deadline = Date.now() + 10_000; !existsSync(file);) {
    assert.ok(Date.now() < deadline, `${file} never written`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Written in one go by the recorders, but give a slow write its moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return readFileSync(file, 'utf8');
}

describe('what the last window stops (shutdownAction)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'slipway-last-window-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('stopCompose: the whole project through `slipway stop`, counted per project', () => {
    assert.deepEqual(windowShutdown(WINDOW), {
      kind: 'slipway',
      key: 'compose:shop_devcontainer',
      args: ['stop', '--workspace-folder', WINDOW.workspaceFolder, '--config', WINDOW.configFile],
    });
  });

  it('stopContainer, and stopCompose without a project, stop the container alone', () => {
    const single = { ...WINDOW, shutdownAction: 'stopContainer' as const };
    const expected = {
      kind: 'container',
      key: WINDOW.containerId,
      args: ['stop', WINDOW.containerId],
    };
    assert.deepEqual(windowShutdown(single), expected);
    const { composeProject: _, ...noProject } = WINDOW;
    assert.deepEqual(windowShutdown(noProject), expected);
  });

  it('none: nothing is counted or stopped', () => {
    assert.equal(windowShutdown({ ...WINDOW, shutdownAction: 'none' }), undefined);
  });

  it('runs `slipway stop` on the editor runtime once the last window of the project closes', async () => {
    const registry = new WindowRegistry(path.join(folder, 'windows'));
    const out = path.join(folder, 'cli.json');
    const cliScript = path.join(folder, 'cli.js');
    writeFileSync(
      cliScript,
      `require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ args: process.argv.slice(2), node: process.env.ELECTRON_RUN_AS_NODE, container: process.env.SLIPWAY_CONTAINER }));`,
    );
    const runners: ShutdownRunners = {
      containerPath: '/opt/container/bin/container',
      runtime: process.execPath,
      cliScript,
      env: process.env,
    };
    const shutdown = windowShutdown(WINDOW)!;
    // Two windows on the project (this process and its parent): the first to close stops nothing.
    await registry.register(shutdown.key, process.pid);
    await registry.register(shutdown.key, process.ppid);
    assert.equal(await closeWindow(registry, shutdown, runners, process.ppid), false);
    assert.equal(await closeWindow(registry, shutdown, runners, process.pid), true);
    assert.deepEqual(JSON.parse(await waitForFile(out)), {
      args: shutdown.args,
      node: '1',
      container: '/opt/container/bin/container',
    });
  });

  it('runs `container stop <id>` for stopContainer', async () => {
    const registry = new WindowRegistry(path.join(folder, 'single'));
    const out = path.join(folder, 'container.txt');
    const containerPath = path.join(folder, 'container');
    writeFileSync(containerPath, `#!/bin/sh\nprintf '%s\\n' "$@" > '${out}'\n`);
    chmodSync(containerPath, 0o755);
    const shutdown = windowShutdown({ ...WINDOW, shutdownAction: 'stopContainer' })!;
    await registry.register(shutdown.key);
    const runners = { containerPath, runtime: '/nonexistent', cliScript: '/nonexistent', env: {} };
    assert.equal(await closeWindow(registry, shutdown, runners), true);
    assert.equal(await waitForFile(out), `stop\n${WINDOW.containerId}\n`);
  });

  it('runs `slipway stop` with SLIPWAY_HOST and SLIPWAY_SSH_CONFIG for a project on another Mac', async () => {
    const registry = new WindowRegistry(path.join(folder, 'remote'));
    const out = path.join(folder, 'remote-cli.json');
    const cliScript = path.join(folder, 'remote-cli.js');
    writeFileSync(
      cliScript,
      `require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ host: process.env.SLIPWAY_HOST, config: process.env.SLIPWAY_SSH_CONFIG, container: process.env.SLIPWAY_CONTAINER }));`,
    );
    const shutdown = windowShutdown(WINDOW)!;
    await registry.register(shutdown.key);
    const runners: ShutdownRunners = {
      containerPath: '/opt/homebrew/bin/container',
      runtime: process.execPath,
      cliScript,
      // The editor's own environment names another Mac and config: the window's route wins.
      env: { ...process.env, SLIPWAY_HOST: 'ssh://elsewhere', SLIPWAY_SSH_CONFIG: '/other' },
      remote: {
        sshArgv: () => assert.fail('a Compose stop goes through slipway, not ssh'),
        hostUrl: 'ssh://me@mac-studio:2222',
        configFile: '/Users/me/.ssh/work_config',
      },
    };
    assert.equal(await closeWindow(registry, shutdown, runners), true);
    assert.deepEqual(JSON.parse(await waitForFile(out)), {
      host: 'ssh://me@mac-studio:2222',
      config: '/Users/me/.ssh/work_config',
      container: '/opt/homebrew/bin/container',
    });
  });
});
