import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  contextMenu,
  hoverTooltip,
  openViewContainer,
  openWorkbench,
  ROOT,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  treeItems,
  VSIX,
  type CodeServer,
  type Page,
  type Workbench,
} from './harness';

/**
 * A Compose project in the containers view: brought up with the `slipway`
 * CLI on the stand-in, then grouped under one node in the workbench's tree,
 * stopped, started and removed from that node's menu. The stand-in runs
 * without CONTAINER_STANDIN_NETNS here, so its containers have no network
 * at all (podman's `--network none`): the tree needs none, and no packet
 * leaves.
 */

const CLI = path.join(ROOT, 'dist', 'cli.js');
const BUSYBOX = 'docker.io/library/busybox:latest';
const { scratch, env, container } = standinScratch('slipway-ui-compose');
const project = path.join(scratch, 'shop');
// The workbench opens a folder of its own, so no Reopen offer covers the tree.
const opened = path.join(scratch, 'elsewhere');
const PROJECT = 'shop_devcontainer';
const SERVICES = ['db', 'app'];

/** Polls until the tree's rows satisfy `check`; its message says what was there instead. */
async function waitForTree(
  page: Page,
  what: string,
  check: (rows: Awaited<ReturnType<typeof treeItems>>) => boolean,
  timeout = 60_000,
) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await treeItems(page, 'Containers').catch(() => []);
    if (check(rows)) {
      return rows;
    }
    if (Date.now() > deadline) {
      throw new Error(`the tree never showed ${what}: ${JSON.stringify(rows)}`);
    }
    await page.waitForTimeout(250);
  }
}

/** The project row and its two service rows, each service in `state`. */
function projectIn(state: 'running' | 'stopped') {
  return (rows: Awaited<ReturnType<typeof treeItems>>) =>
    rows.some((r) => r.label === PROJECT) &&
    SERVICES.every((service) =>
      rows.some((r) => r.label === service && r.ariaLabel.startsWith(`${service}, ${state}`)),
    );
}

/** The tree level (1 = top) of the row labelled `label`. */
async function levelOf(page: Page, label: string): Promise<string | null> {
  return page
    .locator('.part.sidebar .monaco-list-rows > .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .first()
    .getAttribute('aria-level');
}

/** Drags the side bar's edge so that the descriptions are not cut off in the screenshot. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null || box.width >= width) {
    return;
  }
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

describe('A Compose project in the containers view (code-server + Chromium)', function () {
  this.timeout(240_000);
  let server: CodeServer;
  let workbench: Workbench;

  before(async () => {
    mkdirSync(path.join(project, '.devcontainer'), { recursive: true });
    mkdirSync(opened, { recursive: true });
    writeFileSync(
      path.join(project, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({
        dockerComposeFile: 'compose.yml',
        service: 'app',
        workspaceFolder: '/workspace',
      }),
    );
    writeFileSync(
      path.join(project, '.devcontainer', 'compose.yml'),
      `services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
    depends_on: [db]
  db:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
`,
    );
    container('system', 'start');
    execFileSync(process.execPath, [CLI, 'up', '--workspace-folder', project], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = await startCodeServer({
      vsix: VSIX,
      folder: opened,
      env,
      userSettings: {
        'slipway.refreshInterval': 2,
        'slipway.containerPath': STANDIN_CONTAINER,
      },
    });
    workbench = await openWorkbench(server.url, opened);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    try {
      container('delete', '--all', '--force');
      container('network', 'delete', '--all');
    } catch {
      // Best effort: the stand-in's state folder goes below.
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('groups the project under one node, its services under it with their state', async () => {
    const page = workbench.page;
    await openViewContainer(page, 'Slipway');
    const rows = await waitForTree(page, 'the running project', projectIn('running'));
    const node = rows.find((r) => r.label === PROJECT)!;
    assert.equal(node.description, '2 services · 2 running');
    // db is created first (app depends on it), and the services are in that order.
    assert.deepEqual(
      rows.map((r) => r.label),
      [PROJECT, 'db', 'app'],
    );
    assert.equal(await levelOf(page, PROJECT), '1');
    assert.equal(await levelOf(page, 'db'), '2');
    assert.equal(await levelOf(page, 'app'), '2');
    const db = rows.find((r) => r.label === 'db')!;
    assert.match(db.description, /^192\.168\.\d+\.\d+ · \d+ CPUs? · [\d.]+ (MiB|GiB)/);
    // The hover says 'Loading...' until the extension resolves the tooltip: ask again until it has.
    let tooltip = '';
    for (const deadline = Date.now() + 20_000; !/Compose project/.test(tooltip);) {
      assert.ok(Date.now() < deadline, `no project tooltip: ${tooltip}`);
      tooltip = await hoverTooltip(page, PROJECT).catch((error: unknown) => String(error));
      await page.waitForTimeout(500);
    }
    assert.match(tooltip, /Compose project/);
    assert.match(tooltip, new RegExp(`Folder: ?${project.replace(/[/.]/g, '\\$&')}`));
    assert.match(tooltip, /devcontainer\.json/);
  });

  it('stops the whole project from its node, then starts it again in dependency order', async () => {
    const page = workbench.page;
    await page.mouse.move(700, 450);
    await contextMenu(page, PROJECT, 'Stop Compose Project');
    const stopped = await waitForTree(page, 'both services stopped', projectIn('stopped'));
    assert.equal(stopped.find((r) => r.label === PROJECT)?.description, '2 services · stopped');
    await contextMenu(page, PROJECT, 'Start Compose Project');
    await waitForTree(page, 'both services running again', projectIn('running'));
    // Start ends after up's hosts sync, when its progress notification goes.
    await page
      .locator('.notifications-toasts', { hasText: 'Starting Compose project' })
      .waitFor({ state: 'hidden', timeout: 60_000 });
    await waitForTree(page, 'an address for each service', (rows) =>
      SERVICES.every((service) =>
        rows.some((r) => r.label === service && /^192\.168\./.test(r.description)),
      ),
    );
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await widenSideBar(page, 520);
    await page.mouse.move(900, 450);
    await screenshot(page, 'compose-project');
    copyFileSync(
      path.join(ROOT, 'test', 'ui', 'screenshots', 'compose-project.png'),
      path.join(ROOT, 'media', 'screenshots', 'compose-project.png'),
    );
  });

  it('removes the project after asking, keeping its volumes, and its node goes', async () => {
    const page = workbench.page;
    await contextMenu(page, PROJECT, 'Remove Compose Project');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /Remove the Compose project shop_devcontainer\?/);
    assert.match(await dialog.innerText(), /named volumes .* are kept/);
    await dialog.locator('a.monaco-button', { hasText: /^\s*Remove\s*$/ }).click();
    await page.locator('.part.sidebar .welcome-view-content').waitFor({
      state: 'visible',
      timeout: 60_000,
    });
    assert.equal(JSON.parse(container('list', '--all', '--format', 'json')).length, 0);
    assert.doesNotMatch(container('network', 'list'), /shop_devcontainer/);
  });
});
