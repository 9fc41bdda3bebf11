import * as assert from 'node:assert/strict';
import {
  openViewContainer,
  openWorkbench,
  runCommand,
  screenshot,
  statusBarText,
  treeItems,
  webviewFrame,
  type Page,
  type Workbench,
} from './harness';
import { DEMO_CONTAINER, DEMO_FOLDER, demoInstructions, startDemo, type Demo } from './demoSetup';

/**
 * `npm run demo`, started as the script starts it (startDemo), driven as a
 * newcomer would: the sidebar lists the containers, Reopen gets the sample
 * workspace's dev container to ready, the containerPath link lands on a
 * settings tab that has the setting, and Check Setup is a page with buttons.
 */

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
      const welcome = await page
        .locator('.part.sidebar .welcome-view-content')
        .allInnerTexts()
        .catch(() => []);
      throw new Error(
        `row ${label} never matched ${pattern}: ${JSON.stringify(rows)} ${welcome.join(' ')}`,
      );
    }
    await page.waitForTimeout(250);
  }
}

/** The state (data-status) of each Check Setup row, by check id, once a run has finished. */
async function checkStates(page: Page, timeout = 30_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = await webviewFrame(page, '#summary', timeout);
    const rows = frame.locator('section.check');
    const states: Record<string, string> = {};
    let complete = true;
    for (let i = 0, n = await rows.count().catch(() => 0); i < n; i++) {
      const id =
        (await rows
          .nth(i)
          .getAttribute('id')
          .catch(() => null)) ?? '';
      // Check Again draws the page anew: a frame detached mid-read is read again, not an error.
      const status = await rows
        .nth(i)
        .getAttribute('data-status', { timeout: 5_000 })
        .catch(() => undefined);
      if (status === undefined) {
        complete = false;
        break;
      }
      states[id.replace(/^check-/, '')] = status ?? '';
    }
    if (complete && Object.keys(states).length > 0) {
      return states;
    }
    if (Date.now() > deadline) {
      throw new Error('Check Setup never finished');
    }
    await page.waitForTimeout(250);
  }
}

describe('npm run demo (code-server + Chromium)', function () {
  this.timeout(300_000);
  let demo: Demo;
  let workbench: Workbench;

  before(async () => {
    demo = await startDemo();
    workbench = await openWorkbench(demo.server.url, demo.workspace);
  });

  after(async () => {
    await workbench?.close();
    await demo?.stop();
  });

  it('prints the URL of the sample workspace and what to click', () => {
    const text = demoInstructions(demo);
    assert.ok(text.includes(demo.url), text);
    assert.ok(demo.url.startsWith(`${demo.server.url}/?folder=`));
    assert.equal(new URL(demo.url).searchParams.get('folder'), demo.workspace);
    assert.match(text, /Slipway icon in the activity bar/);
    assert.match(text, /Reopen in Apple Container/);
  });

  it('lists the containers in the sidebar, with no "container was not found"', async () => {
    const page = workbench.page;
    await openViewContainer(page, 'Slipway');
    const row = await waitForRow(page, DEMO_CONTAINER, /running/);
    assert.match(row.description, /^192\.168\.64\.\d+ · 2 CPUs · 1 GiB · arm64$/);
    const missing = page.locator('.part.sidebar .welcome-view-content', {
      hasText: 'was not found',
    });
    assert.equal(await missing.count(), 0);
  });

  it('reopens the sample workspace in its dev container, to ready', async () => {
    const page = workbench.page;
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const ready = new RegExp(`^${DEMO_FOLDER}-\\S* · [\\d.]+ (ms|s)$`);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const entries = (await statusBarText(page)).split(' | ');
      if (entries.some((entry) => ready.test(entry))) {
        break;
      }
      const failed = entries.find((entry) => /failed/i.test(entry));
      assert.equal(failed, undefined, `the start failed: ${entries.join(' | ')}`);
      assert.ok(Date.now() < deadline, `never ready; status bar: ${entries.join(' | ')}`);
      await page.waitForTimeout(250);
    }
    await waitForRow(page, DEMO_FOLDER, /running/);
  });

  it('opens slipway.containerPath on a settings tab that has it', async () => {
    const page = workbench.page;
    await runCommand(page, 'Slipway: Set Path of container...');
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    // code-server is a remote window: the machine-overridable setting lives on the Remote tab.
    const active = editor.locator(
      '.settings-tabs-widget .action-item.checked, .settings-tabs-widget .action-label.checked',
    );
    await active.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await active.first().innerText(), /Remote/);
    await editor
      .locator('.setting-item-contents', { hasText: 'Container Path' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await editor.locator('.no-results-message').isVisible(), false);
    await page.keyboard.press('Control+W');
  });

  it('shows Check Setup as a page: a row per check, its state and a button per fix', async () => {
    const page = workbench.page;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'Slipway: Check Setup');
    let states = await checkStates(page);
    assert.deepEqual(Object.keys(states), [
      'os',
      'chip',
      'cli',
      'version',
      'service',
      'skew',
      'kernel',
      'stale',
      'builder',
      'memory',
      'disk',
      'network',
      'dns',
      'ssh',
    ]);
    // The stand-in itself is fine; Linux, no Remote - SSH in code-server and no
    // egress from the stand-in's containers are problems, said as such.
    assert.equal(states.cli, 'ok');
    assert.equal(states.version, 'ok');
    assert.equal(states.service, 'ok');
    assert.equal(states.skew, 'ok');
    assert.equal(states.ssh, 'warning');
    assert.notEqual(states.dns, 'ok', 'the stand-in has no egress: the probe cannot pass');
    const problems = Object.values(states).filter((s) => s === 'warning' || s === 'error').length;
    const frame = await webviewFrame(page, '#summary');
    assert.match(
      await frame.locator('#summary').innerText(),
      new RegExp(`\\b${problems} problems?\\b`),
    );
    const install = frame.locator('#check-ssh a.button', { hasText: 'Install Remote - SSH' });
    assert.equal(await install.count(), 1);
    // Plain text, not Markdown: the version has no backslashes.
    assert.doesNotMatch(await frame.locator('#check-version').innerText(), /\\/);
    await screenshot(page, 'check-setup');

    // Never stale: Check Again after the service stopped shows the new state and its fix.
    demo.container('system', 'stop');
    try {
      await frame.locator('a.button', { hasText: 'Check Again' }).click();
      const deadline = Date.now() + 30_000;
      while ((states = await checkStates(page)).service !== 'error') {
        assert.ok(Date.now() < deadline, `the service row stayed ${states.service}`);
        await page.waitForTimeout(250);
      }
      const again = await webviewFrame(page, '#check-service a.button');
      // The fix button runs the fix command, allowed for this page.
      await again.locator('#check-service a.button', { hasText: 'Start Container System' }).click();
      await page
        .locator('.notifications-toasts', { hasText: 'container system service is running' })
        .waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      demo.container('system', 'start');
    }
  });
});
