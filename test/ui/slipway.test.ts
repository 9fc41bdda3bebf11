import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  contextMenu,
  hoverTooltip,
  openViewContainer,
  openWorkbench,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  statusBarText,
  treeItems,
  VSIX,
  type CodeServer,
  type Page,
  type Workbench,
} from './harness';

/**
 * Slipway in a real VS Code workbench: the packaged .vsix installed into
 * code-server, Chromium driving it, the stand-in `container` (podman) on
 * PATH. The window connection over SSH cannot run in code-server; these tests
 * stop where Reopen hands over to it.
 */

const { scratch, env, container, removeContainers } = standinScratch('slipway-ui-test');
const workspace = path.join(scratch, 'uidemo');
const RUNNING = `ui-web-${process.pid}`;
const STOPPED = `ui-idle-${process.pid}`;

/** Polls until the tree row `label` has an aria-label matching `pattern`. */
async function waitForRow(page: Page, label: string, pattern: RegExp, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await treeItems(page, 'Containers').catch(() => []);
    const row = rows.find((r) => r.label === label);
    if (row !== undefined && pattern.test(row.ariaLabel)) {
      return row;
    }
    if (Date.now() > deadline) {
      throw new Error(`row ${label} never matched ${pattern}: ${JSON.stringify(rows)}`);
    }
    await page.waitForTimeout(250);
  }
}

/** Toasts would cover what the screenshots are for. */
async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** Drags the side bar's edge so that descriptions are not cut off in the screenshots. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null || box.width >= width) {
    return;
  }
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

describe('Slipway in VS Code (code-server + Chromium)', function () {
  this.timeout(240_000);
  let server: CodeServer;
  let workbench: Workbench;

  before(async () => {
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify(
        {
          name: 'UI demo',
          image: 'docker.io/library/busybox:latest',
          postCreateCommand: 'echo created > /tmp/created',
          postStartCommand: 'sleep 1',
        },
        null,
        2,
      ),
    );
    container('system', 'start');
    container(
      'run',
      '-d',
      '--name',
      RUNNING,
      '--cpus',
      '2',
      '--memory',
      '1G',
      'docker.io/library/busybox:latest',
      'sleep',
      '3600',
    );
    container('create', '--name', STOPPED, 'docker.io/library/busybox:latest', 'sleep', '3600');
    server = await startCodeServer({
      vsix: VSIX,
      folder: workspace,
      env,
      // The extension host's PATH comes from a login shell, not from code-server's
      // environment, so the stand-in is named by the setting users have for this.
      userSettings: {
        'slipway.refreshInterval': 2,
        'slipway.containerPath': STANDIN_CONTAINER,
      },
    });
    workbench = await openWorkbench(server.url, workspace);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    for (const id of [RUNNING, STOPPED]) {
      try {
        container('delete', '--force', id);
      } catch {
        // Already gone.
      }
    }
    removeContainers((id) => id.startsWith('uidemo'));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lists the containers with their state, IP, CPUs, memory and platform', async () => {
    const page = workbench.page;
    await openViewContainer(page, 'Slipway');
    const running = await waitForRow(page, RUNNING, /running/);
    assert.match(running.description, /^192\.168\.64\.\d+ · 2 CPUs · 1 GiB · arm64$/);
    const stopped = await waitForRow(page, STOPPED, /stopped/);
    assert.doesNotMatch(stopped.description, /192\.168/);
    await widenSideBar(page, 560);
    await clearNotifications(page);
    // Live usage arrives with the second poll (a CPU percentage needs two samples).
    let tooltip = '';
    for (const deadline = Date.now() + 30_000; !/Usage: ?CPU \d+%/.test(tooltip);) {
      assert.ok(Date.now() < deadline, `no live usage in the tooltip: ${tooltip}`);
      await page.waitForTimeout(1000);
      // A refresh re-renders the row under the mouse, which can close the hover: ask again.
      tooltip = await hoverTooltip(page, RUNNING).catch((error: unknown) => String(error));
    }
    assert.match(tooltip, /memory [\d.]+ (KiB|MiB|GiB) of 1 GiB/);
    assert.match(tooltip, /Image: ?docker\.io\/library\/busybox:latest/);
    assert.match(tooltip, /CPUs: ?2/);
    await screenshot(page, 'containers-view');
  });

  it('stops and starts a container from its context menu', async () => {
    const page = workbench.page;
    await contextMenu(page, RUNNING, 'Stop Container');
    await waitForRow(page, RUNNING, /stopped/);
    await contextMenu(page, RUNNING, 'Start Container');
    const row = await waitForRow(page, RUNNING, /running/);
    assert.match(row.description, /^192\.168\.64\.\d+ /);
  });

  it('runs Reopen in Apple Container with the phases in the status bar, ending with the time to ready', async () => {
    const page = workbench.page;
    const seen = new Set<string>();
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const deadline = Date.now() + 120_000;
    let ready: string | undefined;
    while (ready === undefined) {
      const text = await statusBarText(page);
      for (const entry of text.split(' | ')) {
        if (entry.startsWith('Slipway:') || entry.startsWith('uidemo')) {
          seen.add(entry);
        }
      }
      ready = text.split(' | ').find((entry) => /^uidemo\S* · [\d.]+ (ms|s)$/.test(entry));
      assert.ok(
        Date.now() < deadline,
        `no time to ready in the status bar; saw ${[...seen].join(', ')}`,
      );
      assert.ok(
        ![...seen].some((e) => /failed/.test(e)),
        `the start failed: ${[...seen].join(', ')}`,
      );
      await page.waitForTimeout(50);
    }
    const phases = [...seen].filter((entry) => entry.startsWith('Slipway:'));
    assert.ok(
      phases.some((entry) =>
        /Creating container|Booting VM|Running post(Create|Start)Command/.test(entry),
      ),
      `the spinner named a phase; saw ${phases.join(', ')}`,
    );
    assert.ok(
      phases.every((entry) => / [\d.]+ (ms|s)$/.test(entry)),
      `each busy text ends with the elapsed time: ${phases.join(', ')}`,
    );
    // The dev container joins the tree, labelled by its workspace folder.
    await waitForRow(page, 'uidemo', /running/);
    // The tooltip breaks the start down by phase.
    await clearNotifications(page);
    const item = page
      .locator('.part.statusbar .statusbar-item', { hasText: /uidemo-\S* · / })
      .first();
    await item.hover({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`status bar now: ${await statusBarText(page)}`, { cause: error });
    });
    const hover = page.locator('.workbench-hover .hover-contents').first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const tooltip = await hover.innerText();
    assert.match(tooltip, /Pull and inspect image/);
    assert.match(tooltip, /Create container/);
    assert.match(tooltip, /postCreateCommand/);
    assert.match(tooltip, /created a new container/);
    await screenshot(page, 'status-bar-tooltip');
  });

  it('stops the dev container from the palette, restarts it with Reopen and draws the timeline of both starts', async () => {
    const page = workbench.page;
    await page.mouse.move(700, 450);
    await page.keyboard.press('Escape');
    await runCommand(page, 'Slipway: Stop Container');
    await waitForRow(page, 'uidemo', /stopped/);
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    await waitForRow(page, 'uidemo', /running/);
    const item = page
      .locator('.part.statusbar .statusbar-item', { hasText: /uidemo-\S* · / })
      .first();
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await clearNotifications(page);
    await item.hover();
    const hover = page.locator('.workbench-hover .hover-contents', {
      hasText: 'started the stopped container',
    });
    await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.first().innerText(), /Start VM/);
    await page.mouse.move(700, 450);
    await runCommand(page, 'Slipway: Show Startup Timeline');
    // The webview's page is two iframes deep; find the frame that drew the waterfall.
    const deadline = Date.now() + 30_000;
    let bars = 0;
    while (bars === 0) {
      for (const frame of page.frames()) {
        bars = Math.max(
          bars,
          await frame
            .locator('#waterfall .bar')
            .count()
            .catch(() => 0),
        );
      }
      assert.ok(Date.now() < deadline, 'the timeline webview drew no bars');
      await page.waitForTimeout(250);
    }
    assert.ok(bars >= 3, `a bar per phase (got ${bars})`);
    let starts = 0;
    for (const frame of page.frames()) {
      starts = Math.max(
        starts,
        await frame
          .locator('#history .bar')
          .count()
          .catch(() => 0),
      );
    }
    assert.equal(starts, 2, 'both starts in the history chart');
    await screenshot(page, 'startup-timeline');
  });

  it('shows the welcome view with Start Container System when the service is stopped', async () => {
    const page = workbench.page;
    await openViewContainer(page, 'Slipway');
    container('system', 'stop');
    try {
      const welcome = page.locator('.part.sidebar .welcome-view-content', {
        hasText: 'The container system service is not running.',
      });
      await welcome.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(
        await welcome.locator('a.monaco-button', { hasText: 'Start Container System' }).count(),
        1,
      );
      await screenshot(page, 'welcome-service-stopped');
    } finally {
      container('system', 'start');
    }
    await waitForRow(page, STOPPED, /stopped/);
  });
});
