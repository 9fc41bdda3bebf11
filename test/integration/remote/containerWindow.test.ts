import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { macRouteUrl, type MacRoute } from '../../../src/core/remote/macRoute';
import { windowShutdown } from '../../../src/core/windowShutdown';
import { closeWindow } from '../../../src/node/lastWindow';
import { remoteProcesses } from '../../../src/node/remote/remoteProcesses';
import { recoverTransport, stuckExecClients } from '../../../src/node/ssh/transportRecovery';
import { WindowRegistry } from '../../../src/node/windowRegistry';
import { Services } from '../../../src/vscode/services';
import { containerWatchCheck } from '../../../src/vscode/startup/containerWatch';
import type { ContainerWindow } from '../../../src/vscode/startup/containerWindows';
import { createFakeVscode, newEditorState, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';
import { SCRATCH } from '../slipway/harness';
import { startLoopbackSshd, STANDIN_BIN, type LoopbackSshd } from './loopbackSshd';

/**
 * The window of a container on another Mac, with Slipway on the user's
 * machine: its watch (inspect, keep-alive) and the stop when its last window
 * closes go to that Mac's `container` over the route Reopen recorded. The
 * loopback sshd plays the Mac; the stand-in is on its PATH only.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const REMOTE_STATE = path.join(SCRATCH, 'window-standin-state');
const NAME = 'slipway-rwin-window';

describe('a container window on another Mac, driven from the user’s machine (loopback sshd)', function () {
  this.timeout(240_000);
  let sshd: LoopbackSshd;
  let route: MacRoute;
  let services: Services;
  const saved = { state: process.env.SLIPWAY_STATE_DIR, path: process.env.PATH };
  const editor: FakeEditorState = newEditorState({ executed: [] });
  const debug: string[] = [];
  const log = {
    debug: (line: string) => void debug.push(line),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  } as unknown as vscode.LogOutputChannel;
  const window = (): ContainerWindow => ({
    containerId: NAME,
    containerName: NAME,
    workspaceFolder: '/Users/me/proj',
    configFile: '/Users/me/proj/.devcontainer/devcontainer.json',
    extensions: [],
    shutdownAction: 'stopContainer',
    host: 'mac-studio',
    route,
  });
  const onMac = (args: string[]) =>
    spawnSync('ssh', ['-F', route.configFile!, 'mac-studio', ['container', ...args].join(' ')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
  const state = () => {
    const inspect = onMac(['inspect', NAME]);
    return (JSON.parse(inspect.stdout) as Array<{ status: { state: string } }>)[0]?.status.state;
  };

  before(async () => {
    useFakeVscode(editor);
    // Short: the shared connection's socket lives under it.
    process.env.SLIPWAY_STATE_DIR = path.join(SCRATCH, 'st');
    // No `container` on this machine: whatever runs can only have gone over ssh.
    process.env.PATH = (process.env.PATH ?? '')
      .split(':')
      .filter((entry) => entry !== STANDIN_BIN)
      .join(':');
    sshd = await startLoopbackSshd({ remoteEnv: { CONTAINER_STANDIN_STATE: REMOTE_STATE } });
    route = { host: 'mac-studio', configFile: sshd.writeClientConfig({ alias: 'mac-studio' }) };
    const run = onMac(['run', '-d', '--name', NAME, BUSYBOX, 'sleep', 'infinity']);
    assert.equal(run.status, 0, run.stderr);
    services = new Services(log).onMac(route);
  });

  after(async () => {
    onMac(['delete', '--force', NAME]);
    await services?.session?.close();
    await sshd?.stop();
    process.env.PATH = saved.path;
    if (saved.state === undefined) {
      delete process.env.SLIPWAY_STATE_DIR;
    } else {
      process.env.SLIPWAY_STATE_DIR = saved.state;
    }
  });

  it('watches it over ssh: inspect and the keep-alive go to that Mac, and a running container is left alone', async () => {
    const globalState = createFakeVscode(editor).fakeMemento() as never;
    await containerWatchCheck(services, window(), log, globalState)();
    const calls = debug.join('\n');
    assert.match(calls, /^ssh mac-studio \S*container inspect slipway-rwin-window$/m);
    assert.match(calls, /^ssh mac-studio \S*container exec slipway-rwin-window true$/m);
    assert.deepEqual(editor.messages, [], 'nothing to say while it runs and answers');
  });

  it('ends a stuck `container exec` on that Mac, where the window’s ProxyCommand runs it', async () => {
    const session = services.session!;
    const executable = await services.runner().executable();
    const started = spawnSync(
      'ssh',
      [
        '-F',
        route.configFile!,
        'mac-studio',
        `nohup container exec ${NAME} sleep 600 >/dev/null 2>&1 </dev/null &`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(started.status, 0, started.stderr);
    const processes = remoteProcesses(session);
    let stuck: number[] = [];
    for (const deadline = Date.now() + 30_000; stuck.length === 0;) {
      assert.ok(Date.now() < deadline, 'the exec client never showed in the Mac’s ps');
      await new Promise((resolve) => setTimeout(resolve, 300));
      stuck = await stuckExecClients(executable, NAME, processes);
    }
    // The first probe plays the hang; the next ones are the Mac's real `exec … true`.
    const client = services.engine().client;
    let probes = 0;
    const done = await recoverTransport({
      client: {
        ...client,
        execCapture: (args, options) =>
          probes++ === 0
            ? Promise.reject(new Error('did not finish within 10 s'))
            : client.execCapture(args, options),
      },
      executable,
      containerId: NAME,
      report: () => undefined,
      processes,
    });
    assert.equal(done.recovered, true, done.message);
    assert.deepEqual(await stuckExecClients(executable, NAME, processes), []);
  });

  it('stops it on that Mac when its last window closes; the watch says so, and Start and Reconnect starts it there', async () => {
    const shutdown = windowShutdown(window())!;
    const registry = new WindowRegistry(path.join(SCRATCH, 'rwin-windows'));
    await registry.register(shutdown.key);
    const session = services.session!;
    const started = await closeWindow(registry, shutdown, {
      containerPath: await services.runner().executable(),
      runtime: process.execPath,
      cliScript: '/nonexistent/cli.js',
      env: process.env,
      remote: { sshArgv: (argv) => session.argv(argv), hostUrl: macRouteUrl(route) },
    });
    assert.equal(started, true);
    for (const deadline = Date.now() + 60_000; state() !== 'stopped';) {
      assert.ok(Date.now() < deadline, `${NAME} was not stopped on the Mac (state ${state()})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const globalState = createFakeVscode(editor).fakeMemento() as never;
    editor.answers = ['Start and Reconnect'];
    await containerWatchCheck(services, window(), log, globalState)();
    assert.match(
      editor.messages.map((m) => m.text).join('\n'),
      /The dev container slipway-rwin-window is stopped, so this window lost its connection/,
    );
    // Start and Reconnect starts it on that Mac, then reloads the window onto it.
    assert.equal(state(), 'running');
    assert.ok(editor.executed?.some((e) => e.id === 'workbench.action.reloadWindow'));
  });
});
