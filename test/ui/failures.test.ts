import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  openWorkbench,
  ROOT,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  statusBarText,
  VSIX,
  type CodeServer,
  type Locator,
  type Page,
  type Workbench,
} from './harness';

/**
 * What a user sees when a lifecycle hook fails, in a real workbench
 * (code-server + Chromium, the stand-in `container` on podman): the
 * notification's text and buttons, the status bar item and its tooltip, and
 * the Startup Timeline. One workspace whose onCreateCommand fails (the start
 * fails), one whose postCreateCommand fails after `waitFor` (the container is
 * ready, and the hook's failure is its own news).
 */

const { scratch, env, container, removeContainers } = standinScratch('slipway-ui-failures');
const BUSYBOX = 'docker.io/library/busybox:latest';

function workspaceWith(name: string, config: object): string {
  const folder = path.join(scratch, name);
  mkdirSync(path.join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(folder, '.devcontainer', 'devcontainer.json'),
    JSON.stringify(config, null, 2),
  );
  return folder;
}

// Line 4 of the file, column 22: where JSON.stringify(…, 2) puts the hook's value.
const onCreateFails = workspaceWith('oncreatefails', {
  image: BUSYBOX,
  name: 'onCreate fails',
  onCreateCommand:
    "echo 'Installing the toolchain'; echo 'error: toolchain.tar not found' >&2; exit 42",
  postCreateCommand: 'echo never here',
});
const postCreateFails = workspaceWith('postcreatefails', {
  image: BUSYBOX,
  name: 'postCreate fails',
  postCreateCommand: "sleep 1; echo 'npm ERR! Missing script: setup' >&2; exit 3",
  postStartCommand: 'echo started',
});

/** The toast whose message matches, once it is there. */
async function toast(page: Page, text: RegExp, timeout = 120_000): Promise<Locator> {
  const item = page
    .locator('.notifications-toasts .notification-list-item')
    .filter({ has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first();
  await item.waitFor({ state: 'visible', timeout });
  return item;
}

async function buttonsOf(item: Locator): Promise<string[]> {
  const buttons = await item
    .locator('.notification-list-item-buttons-container .monaco-button')
    .allInnerTexts();
  return buttons.map((text) => text.trim());
}

/** Hovers the status bar item with this text and returns its tooltip's text. */
async function statusTooltip(page: Page, text: RegExp): Promise<string> {
  await page.mouse.move(700, 450);
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  await item.hover({ timeout: 10_000 });
  const hover = page.locator('.workbench-hover .hover-contents').first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  return hover.innerText();
}

/** The labels of the timeline's waterfall rows, from the webview's frame. */
async function timelineRows(page: Page, expect: RegExp): Promise<string[]> {
  await page.mouse.move(700, 450);
  await page.keyboard.press('Escape');
  await runCommand(page, 'Slipway: Show Startup Timeline');
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      const labels = await frame
        .locator('#waterfall .phase-label')
        .allTextContents()
        .catch(() => [] as string[]);
      if (labels.some((label) => expect.test(label))) {
        return labels;
      }
    }
    assert.ok(Date.now() < deadline, `no timeline row matching ${expect}`);
    await page.waitForTimeout(250);
  }
}

describe('A failing lifecycle hook, as the user sees it (code-server + Chromium)', function () {
  this.timeout(300_000);
  let server: CodeServer;
  let workbench: Workbench | undefined;

  before(async () => {
    container('system', 'start');
    server = await startCodeServer({
      vsix: VSIX,
      folder: onCreateFails,
      env,
      // The extension host's PATH comes from a login shell, not code-server's environment.
      userSettings: { 'slipway.containerPath': STANDIN_CONTAINER },
    });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    removeContainers((id) => id.startsWith('oncreatefails') || id.startsWith('postcreatefails'));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('onCreateCommand fails: the notification names the hook, its command, exit code and last output', async () => {
    workbench = await openWorkbench(server.url, onCreateFails);
    const page = workbench.page;
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const item = await toast(page, /onCreateCommand from devcontainer\.json failed/);
    const message = (await item.locator('.notification-list-item-message').textContent()) ?? '';
    assert.match(
      message,
      /^Starting dev container failed: The onCreateCommand from devcontainer\.json failed with exit code 42\./,
    );
    assert.match(message, /Command: echo 'Installing the toolchain'/);
    assert.match(
      message,
      /— Last output: Installing the toolchain · error: toolchain\.tar not found\./,
    );
    assert.match(message, /runs the lifecycle commands that did not finish/);
    assert.doesNotMatch(message, /unexpected|Slipway[A-Za-z]*Error/);
    assert.deepEqual(await buttonsOf(item), ['Show Log', 'Rebuild', 'Open devcontainer.json']);
    await screenshot(page, 'failure-notification');
    copyFileSync(
      path.join(ROOT, 'test', 'ui', 'screenshots', 'failure-notification.png'),
      path.join(ROOT, 'media', 'screenshots', 'failure-notification.png'),
    );

    // Open devcontainer.json lands on the hook's line.
    await item.locator('.monaco-button', { hasText: 'Open devcontainer.json' }).click();
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: /Ln 4, Col 22/ })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('onCreateCommand fails: the status bar says the start failed, and why, without a class name', async () => {
    const page = workbench!.page;
    assert.match(await statusBarText(page), /Slipway: start failed/);
    const tooltip = await statusTooltip(page, /start failed/);
    assert.match(tooltip, /start failed during onCreateCommand, after [\d.]+ (ms|s)\./);
    assert.match(tooltip, /failed with exit code 42/);
    assert.match(tooltip, /error: toolchain\.tar not found/);
    assert.doesNotMatch(tooltip, /Slipway[A-Za-z]*Error|after 0 ms/);
  });

  it('onCreateCommand fails: the timeline shows the phases up to the failed hook', async () => {
    const rows = await timelineRows(workbench!.page, /onCreateCommand failed/);
    assert.ok(rows.includes('Create container'), rows.join(', '));
    assert.equal(rows.at(-1), 'onCreateCommand failed');
    await workbench?.close();
    workbench = undefined;
  });

  it('postCreateCommand fails after waitFor: ready stays ready, and the hook gets its own notification', async () => {
    workbench = await openWorkbench(server.url, postCreateFails);
    const page = workbench.page;
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const item = await toast(page, /postCreateCommand from devcontainer\.json failed/);
    const message = (await item.locator('.notification-list-item-message').textContent()) ?? '';
    assert.match(
      message,
      /^postcreatefails-\S+ is ready, but a lifecycle command failed: The postCreateCommand from devcontainer\.json failed with exit code 3\./,
    );
    assert.match(message, /Last output: npm ERR! Missing script: setup\./);
    assert.deepEqual(await buttonsOf(item), ['Show Log', 'Rebuild', 'Open devcontainer.json']);
    await screenshot(page, 'background-failure-notification');
  });

  it('postCreateCommand fails after waitFor: the status bar and its tooltip follow the hooks to their end', async () => {
    const page = workbench!.page;
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: /postCreateCommand failed/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await statusBarText(page),
      /postcreatefails-\S+ · [\d.]+ (ms|s) · postCreateCommand failed/,
    );
    const tooltip = await statusTooltip(page, /postCreateCommand failed/);
    assert.match(tooltip, /is ready: Slipway created a new container/);
    assert.match(tooltip, /postCreateCommand\s+failed in [\d.]+ s/);
    assert.doesNotMatch(tooltip, /Still running|running…|Slipway[A-Za-z]*Error/);
    await screenshot(page, 'background-failure-tooltip');
  });

  it('postCreateCommand fails after waitFor: the timeline has it as failed, with its time', async () => {
    const rows = await timelineRows(workbench!.page, /postCreateCommand failed/);
    assert.ok(rows.includes('Create container'), rows.join(', '));
    await screenshot(workbench!.page, 'background-failure-timeline');
  });
});
