import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  openWorkbench,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  VSIX,
  type CodeServer,
  type Locator,
  type Page,
  type Workbench,
} from './harness';

/**
 * Out of memory, as the user sees it (code-server + Chromium, the stand-in
 * `container` on podman with a real memory limit): an onCreateCommand that
 * needs more than the container's 256 MiB is killed, the notification says
 * the container ran out of its 256 MiB, and its Configure Resources… button
 * opens Configure Container Resources with a larger size first, which Enter
 * writes to the workspace settings.
 */

const { scratch, env, container, removeContainers } = standinScratch('slipway-ui-oom');

const folder = path.join(scratch, 'hungry');
mkdirSync(path.join(folder, '.devcontainer'), { recursive: true });
writeFileSync(
  path.join(folder, '.devcontainer', 'devcontainer.json'),
  JSON.stringify(
    {
      image: 'docker.io/library/debian:bookworm',
      name: 'Hungry',
      runArgs: ['--memory', '256M'],
      // tail keeps the one (600 MiB) line whole: past the container's memory.
      onCreateCommand: 'head -c 600m /dev/zero | tail >/dev/null',
    },
    null,
    2,
  ),
);

async function toast(page: Page, text: RegExp, timeout = 150_000): Promise<Locator> {
  const item = page
    .locator('.notifications-toasts .notification-list-item')
    .filter({ has: page.locator('.notification-list-item-message', { hasText: text }) })
    .first();
  await item.waitFor({ state: 'visible', timeout });
  return item;
}

/** The rows (label and description) of the quick pick whose placeholder matches, once it is open. */
async function quickPick(page: Page, placeholder: RegExp): Promise<string[]> {
  const widget = page.locator('.quick-input-widget');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown =
      (await widget
        .locator('input.input')
        .getAttribute('placeholder')
        .catch(() => null)) ?? '';
    if (placeholder.test(shown)) {
      await widget
        .locator('.monaco-list-row')
        .first()
        .waitFor({ state: 'visible', timeout: 10_000 });
      const rows = await widget.locator('.monaco-list-row').allInnerTexts();
      return rows.map((row) => row.replace(/\s+/g, ' ').trim());
    }
    assert.ok(
      Date.now() < deadline,
      `no quick pick with a placeholder matching ${placeholder} (last: ${shown})`,
    );
    await page.waitForTimeout(200);
  }
}

describe('Out of memory, as the user sees it (code-server + Chromium)', function () {
  this.timeout(300_000);
  let server: CodeServer;
  let workbench: Workbench | undefined;

  before(async () => {
    container('system', 'start');
    server = await startCodeServer({
      vsix: VSIX,
      folder,
      env,
      userSettings: { 'slipway.containerPath': STANDIN_CONTAINER },
    });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    removeContainers((id) => id.startsWith('hungry'));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('says the hook ran out of the container’s memory, and Configure Resources… offers a larger size first', async () => {
    workbench = await openWorkbench(server.url, folder);
    const page = workbench.page;
    await runCommand(page, 'Slipway: Reopen in Apple Container');
    const item = await toast(page, /ran out of its/);
    const message = (await item.locator('.notification-list-item-message').textContent()) ?? '';
    assert.match(
      message,
      /^Starting dev container failed: onCreateCommand was killed: the container ran out of its 256 MiB\. Command: head -c 600m/,
    );
    assert.match(message, /Memory cgroup out of memory: Killed process/);
    assert.match(message, /Give the container more memory, such as 1 GiB/);
    assert.doesNotMatch(message, /unexpected|Slipway[A-Za-z]*Error/);
    const buttons = (
      await item.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()
    ).map((text) => text.trim());
    assert.deepEqual(buttons, ['Configure Resources…', 'Show Log', 'Rebuild']);
    await screenshot(page, 'out-of-memory-notification');

    await item.locator('.monaco-button', { hasText: 'Configure Resources…' }).click();
    // CPUs first: Enter keeps the config's value.
    const cpus = await quickPick(page, /This Mac has \d+ cores/);
    assert.match(cpus[0] ?? '', /Use the config's value/);
    await page.keyboard.press('Enter');
    const memory = await quickPick(page, /^Memory of the container VM.*suggested 1 GiB/);
    assert.match(memory[0] ?? '', /^1 GiB\s*suggested: it ran out of 256 MiB/, memory.join(' | '));
    await screenshot(page, 'out-of-memory-configure');
    await page.keyboard.press('Enter');
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    const deadline = Date.now() + 15_000;
    let written = '';
    while (Date.now() < deadline && !written.includes('slipway.memory')) {
      await page.waitForTimeout(250);
      try {
        written = readFileSync(settingsFile, 'utf8');
      } catch {
        written = '';
      }
    }
    assert.match(written, /"slipway\.memory": "1G"/);
  });
});
