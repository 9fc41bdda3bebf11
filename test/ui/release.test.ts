import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  notifications,
  openWorkbench,
  ROOT,
  runCommand,
  screenshot,
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  VSIX,
  type CodeServer,
  type Page,
  type Workbench,
} from './harness';

/**
 * What a new user meets (issue 15): the Get Started walkthrough that opens on
 * the first activation, and Install 'slipway' Command in PATH, whose launcher
 * must run the `slipway` bundled in the installed extension.
 */

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const { scratch, env, container } = standinScratch('slipway-ui-release');
const home = path.join(scratch, 'home');
const workspace = path.join(scratch, 'first-project');
const launcher = path.join(home, '.local', 'bin', 'slipway');

/** Polls the notification toasts until one matches. */
async function waitForNotification(page: Page, pattern: RegExp, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const messages = await notifications(page);
    const match = messages.find((message) => pattern.test(message));
    if (match !== undefined) {
      return match;
    }
    if (Date.now() > deadline) {
      throw new Error(`no notification matching ${pattern}: ${JSON.stringify(messages)}`);
    }
    await page.waitForTimeout(250);
  }
}

describe('Release: first run and the slipway command (code-server + Chromium)', function () {
  this.timeout(240_000);
  let server: CodeServer;
  let workbench: Workbench;

  before(async () => {
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({ name: 'First project', image: 'docker.io/library/busybox:latest' }),
    );
    // A user whose login shell puts ~/.local/bin on PATH, as Debian's and
    // many Mac users' profiles do: the extension host takes its PATH from it.
    mkdirSync(home, { recursive: true });
    const profile = 'PATH="$HOME/.local/bin:$PATH"\nexport PATH\n';
    writeFileSync(path.join(home, '.profile'), profile);
    writeFileSync(path.join(home, '.bash_profile'), profile);
    container('system', 'start');
    server = await startCodeServer({
      vsix: VSIX,
      folder: workspace,
      env: { ...env, HOME: home, PATH: `${path.join(home, '.local', 'bin')}:${env.PATH}` },
      userSettings: {
        // A new user's default, which the other UI tests turn off.
        'workbench.welcomePage.walkthroughs.openOnInstall': true,
        'slipway.containerPath': STANDIN_CONTAINER,
      },
    });
    workbench = await openWorkbench(server.url, workspace);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the Get Started walkthrough on the first activation, with every step', async () => {
    const page = workbench.page;
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough
      .locator('.getting-started-category', { hasText: 'Get Started with Slipway' })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    const steps = (await walkthrough.locator('.getting-started-step .step-title').allInnerTexts())
      .map((title) => title.trim())
      .filter(Boolean);
    assert.deepEqual(steps, [
      "Install Apple's container",
      'Start the container system service',
      'Check your set-up',
      "Install the editor's SSH extension",
      'Reopen in Apple Container',
      'Optional: the slipway command',
    ]);
    // The stand-in answers as an installed `container` whose service runs, so
    // the first two steps complete once Slipway has looked.
    await runCommand(page, 'Slipway: Get Started');
    const done = walkthrough.locator('.getting-started-step[aria-checked="true"] .step-title');
    const deadline = Date.now() + 30_000;
    while ((await done.count()) < 2) {
      if (Date.now() > deadline) {
        await screenshot(page, 'walkthrough-incomplete');
        assert.fail(`the container steps never completed: ${await done.allInnerTexts()}`);
      }
      await page.waitForTimeout(250);
    }
    assert.deepEqual(
      (await done.allInnerTexts()).map((title) => title.trim()),
      ["Install Apple's container", 'Start the container system service'],
    );
    // Toasts (the Reopen offer) and the tab's hover would cover the screenshot.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.mouse.move(900, 880);
    await page.waitForTimeout(500);
    await screenshot(page, 'walkthrough');
  });

  it("installs a 'slipway' launcher in ~/.local/bin that runs the bundled command line", async () => {
    const page = workbench.page;
    await runCommand(page, "Slipway: Install 'slipway' Command in PATH");
    const message = await waitForNotification(page, /installed the 'slipway' command/);
    assert.match(message, new RegExp(`in ${path.join(home, '.local', 'bin')}\\.`));
    assert.ok(existsSync(launcher), `no launcher at ${launcher}`);
    // As the user's terminal would run it: found on PATH, no node of its own.
    const output = execFileSync('slipway', ['--version'], {
      encoding: 'utf8',
      env: { PATH: `${path.dirname(launcher)}:/usr/bin:/bin`, HOME: home },
    });
    assert.equal(output, `slipway ${version}\n`);
  });

  it("removes the launcher with Uninstall 'slipway' Command from PATH", async () => {
    const page = workbench.page;
    await runCommand(page, "Slipway: Uninstall 'slipway' Command from PATH");
    await waitForNotification(page, /removed the 'slipway' command/);
    assert.ok(!existsSync(launcher), 'the launcher is still there');
  });
});
