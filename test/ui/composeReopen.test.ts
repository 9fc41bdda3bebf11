import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BUSYBOX,
  composeRun,
  RESPONDER,
  RESPONDER_HEALTH,
  type ComposeRun,
} from '../integration/compose/harness';
import { SCRATCH } from '../integration/slipway/harness';
import {
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarText,
  VSIX,
  type CodeServer,
  type Page,
  type Workbench,
} from './harness';

/**
 * Reopen of a Compose config in the editor, through to ready: an app and a
 * tiny db with a healthcheck, on the stand-in inside a network namespace this
 * run creates (so the app's postCreateCommand really reaches db by name, and
 * nothing leaves the namespace). The status bar names each service's start
 * and health wait as it happens, the Startup Timeline draws them, and
 * `runServices` keeps the third service from starting. As in slipway.test.ts,
 * the SSH window itself cannot open in code-server: the start ends at ready.
 */

const APP = 'shop_devcontainer-app-1';
const DB = 'shop_devcontainer-db-1';

const COMPOSE = `
services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
    volumes:
      - ..:/workspaces/shop
    depends_on:
      db:
        condition: service_healthy
  db:
    image: ${BUSYBOX}
    command: ${RESPONDER}${RESPONDER_HEALTH}
  docs:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
`;

const CONFIG = {
  name: 'Shop',
  dockerComposeFile: 'compose.yml',
  service: 'app',
  runServices: ['app'],
  workspaceFolder: '/workspaces/shop',
  postCreateCommand: 'echo | nc -w 3 db 5432 > /tmp/reply',
  waitFor: 'postCreateCommand',
};

/** The busy texts the status bar showed until the start was ready, and its final text. */
async function watchUntilReady(page: Page): Promise<{ seen: string[]; ready: string }> {
  const seen = new Set<string>();
  const deadline = Date.now() + 180_000;
  for (;;) {
    const entries = (await statusBarText(page)).split(' | ');
    for (const entry of entries) {
      if (entry.startsWith('Slipway:')) {
        // Without the elapsed time, so each phase is one entry.
        seen.add(entry.replace(/… [\d.]+ (ms|s)$/, ''));
      }
    }
    const ready = entries.find((entry) => entry.startsWith(`${APP} · `));
    if (ready !== undefined) {
      return { seen: [...seen], ready };
    }
    assert.ok(
      ![...seen].some((entry) => /failed/.test(entry)),
      `the start failed: ${[...seen].join(', ')}`,
    );
    assert.ok(Date.now() < deadline, `not ready; saw ${[...seen].join(', ')}`);
    await page.waitForTimeout(50);
  }
}

/** Text of the Startup Timeline's waterfall, from whichever frame drew it. */
async function waterfallText(page: Page): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      const bars = await frame
        .locator('#waterfall .bar')
        .count()
        .catch(() => 0);
      if (bars > 0) {
        // An SVG: its text, not its rendered innerText.
        return (await frame.locator('#waterfall').textContent()) ?? '';
      }
    }
    assert.ok(Date.now() < deadline, 'the timeline webview drew no waterfall');
    await page.waitForTimeout(250);
  }
}

describe('Reopen of a Compose config (code-server + Chromium)', function () {
  this.timeout(300_000);
  let run: ComposeRun;
  let server: CodeServer;
  let workbench: Workbench;
  const workspace = path.join(SCRATCH, 'shop');

  before(async () => {
    run = composeRun('ui-reopen');
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify(CONFIG, null, 2),
    );
    writeFileSync(path.join(workspace, '.devcontainer', 'compose.yml'), COMPOSE);
    run.container(['system', 'start']);
    server = await startCodeServer({
      vsix: VSIX,
      folder: workspace,
      env: run.env,
      userSettings: {
        'slipway.refreshInterval': 2,
        // The counting `container` of the run, which passes the namespace on to the stand-in.
        'slipway.containerPath': run.containerPath,
      },
    });
    workbench = await openWorkbench(server.url, workspace);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    run?.cleanUp();
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  it('brings app and db up to ready, naming each service start and health wait', async () => {
    const page = workbench.page;
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const { seen, ready } = await watchUntilReady(page);
    assert.match(ready, / · [\d.]+ (ms|s)$/);
    for (const phase of [
      'Slipway: Starting db',
      'Slipway: Waiting for db to be healthy',
      'Slipway: Starting app',
    ]) {
      assert.ok(seen.includes(phase), `${phase} in the status bar; saw ${seen.join(', ')}`);
    }
    assert.ok(
      seen.indexOf('Slipway: Starting db') < seen.indexOf('Slipway: Starting app'),
      `db before app: ${seen.join(', ')}`,
    );
    const states = JSON.parse(
      run.container(['list', '--all', '--format', 'json']).stdout,
    ) as Array<{
      configuration: { id: string };
      status: { state: string };
    }>;
    const state = (id: string) => states.find((c) => c.configuration.id === id)?.status.state;
    assert.equal(state(APP), 'running');
    assert.equal(state(DB), 'running');
    // runServices: docs is not started, not even created.
    assert.equal(state('shop_devcontainer-docs-1'), undefined);
    // The app's postCreateCommand reached db by name inside the namespace.
    assert.equal(run.container(['exec', APP, 'cat', '/tmp/reply']).stdout, 'ok\n');
    run.assertContained();
    await screenshot(page, 'compose-reopen-ready');
  });

  it('draws the per-service phases in the Startup Timeline', async () => {
    const page = workbench.page;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'Slipway: Show Startup Timeline');
    const text = await waterfallText(page);
    for (const label of ['Start db', 'Wait for db to be healthy', 'Start app']) {
      assert.ok(text.includes(label), `${label} in the waterfall: ${text}`);
    }
    await screenshot(page, 'compose-startup-timeline');
  });
});
