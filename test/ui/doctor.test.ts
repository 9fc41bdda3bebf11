import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  openWorkbench,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  VSIX,
  waitForCheckStates,
  webviewFrame,
  type CodeServer,
  type Page,
  type Workbench,
} from './harness';

/**
 * Check Setup with one of Apple's traps (issue 13 §2): the service still runs
 * the release from before an upgrade (the stand-in's client/server skew).
 * The row says so, why it matters and offers its fix; the fix asks first,
 * restarts the service, and the open page checks again and shows the row OK.
 */

// A fresh state folder: the service runs, and until `system start` runs in it
// the stand-in plays a 1.0.0 server left behind by an upgrade.
const { scratch, env } = standinScratch('slipway-ui-doctor', {
  CONTAINER_STANDIN_SERVER_VERSION: '1.0.0',
});
const workspace = path.join(scratch, 'project');

/**
 * Brings the Check Setup tab to the front until its page shows: a tab that
 * opens meanwhile (the walkthrough, on a slow first activation) would hide
 * it, and a hidden webview has no frame to read.
 */
async function frontCheckSetup(page: Page, timeout = 120_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const tab = page.locator('.tabs-container .tab', { hasText: 'Slipway: Check Setup' }).first();
  for (;;) {
    if ((await tab.count()) > 0) {
      await tab.click({ timeout: 5_000 }).catch(() => undefined);
    }
    try {
      await webviewFrame(page, '#summary', 5_000);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        await screenshot(page, path.join(tmpdir(), 'slipway-ui-doctor-failure.png'));
        throw error;
      }
    }
  }
}

describe('Check Setup: a failing check and its fix (code-server + Chromium)', function () {
  this.timeout(240_000);
  let server: CodeServer;
  let workbench: Workbench;

  before(async () => {
    // No dev container config: the Reopen offer would cover the page.
    mkdirSync(workspace, { recursive: true });
    server = await startCodeServer({
      vsix: VSIX,
      folder: workspace,
      env,
      userSettings: { 'slipway.containerPath': STANDIN_CONTAINER },
    });
    workbench = await openWorkbench(server.url, workspace);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the skew as an error with why and a fix, and the fix (with consent) turns it OK', async () => {
    const page = workbench.page;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'Slipway: Check Setup');
    await frontCheckSetup(page);
    const before = await waitForCheckStates(page, (states) => states.skew !== undefined);
    assert.equal(before.service, 'ok');
    assert.equal(before.skew, 'error');

    const frame = await webviewFrame(page, '#check-skew');
    const row = await frame.locator('#check-skew').innerText();
    assert.match(row, /The container command is 1\.5\.0 but the service still runs 1\.0\.0\./);
    assert.match(row, /After an upgrade the old service keeps running/);
    const fix = frame.locator('#check-skew a.button', { hasText: 'Restart Container System' });
    assert.equal(await fix.count(), 1);
    await screenshot(page, 'check-setup-skew');

    // The fix stops every running container, so it asks first.
    await fix.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await dialog.innerText(), /Restart the container system service\?/);
    await dialog.locator('.monaco-button', { hasText: 'Restart Container System' }).first().click();

    // Without pressing Check Again: the open page checks again once the fix is done.
    await frontCheckSetup(page);
    const after = await waitForCheckStates(page, (states) => states.skew === 'ok', 120_000);
    assert.equal(after.service, 'ok');
    const fixed = await webviewFrame(page, '#check-skew');
    assert.match(await fixed.locator('#check-skew').innerText(), /Both 1\.5\.0/);
    await page
      .locator('.notifications-toasts', { hasText: 'The container system service was restarted.' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'check-setup-fixed');
  });
});
