import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
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
  type Frame,
  type Page,
  type Workbench,
} from './harness';

/**
 * Slipway: Benchmark This Mac in code-server against the stand-in: the suite
 * runs, the chart opens in a webview tab with a bar per step, and nothing
 * the benchmark made is left. The figures mean nothing here.
 */

const { scratch, env, container } = standinScratch('slipway-ui-bench');
const folder = path.join(scratch, 'workspace');
mkdirSync(folder, { recursive: true });

async function chartFrame(page: Page, timeout: number): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (
        (await frame
          .locator('g[data-step]')
          .count()
          .catch(() => 0)) > 0
      ) {
        return frame;
      }
    }
    assert.ok(Date.now() < deadline, 'the benchmark chart never appeared');
    await page.waitForTimeout(500);
  }
}

describe('Benchmark This Mac (code-server + Chromium)', function () {
  this.timeout(600_000);
  let server: CodeServer;
  let workbench: Workbench | undefined;

  before(async () => {
    container('system', 'start');
    server = await startCodeServer({
      vsix: VSIX,
      folder,
      env,
      userSettings: {
        'slipway.containerPath': STANDIN_CONTAINER,
        // One run of each step: the figures mean nothing on the stand-in; the
        // machinery, the chart and the clean-up are what this test checks.
        'slipway.benchmark.runs': 1,
      },
    });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the suite and shows its medians as a chart, leaving nothing behind', async () => {
    workbench = await openWorkbench(server.url, folder);
    const page = workbench.page;
    await runCommand(page, 'Slipway: Benchmark This Mac');
    const frame = await chartFrame(page, 540_000);
    assert.equal(await frame.locator('g[data-step]').count(), 9);
    assert.equal(await frame.locator('g[data-step] rect.container').count(), 9);
    assert.match(await frame.locator('body').innerText(), /exec round trip/);
    await screenshot(page, 'bench');
    const left =
      container('list', '--all', '--format', 'json') +
      container('volume', 'list', '--format', 'json');
    assert.doesNotMatch(left, /slipway[.-]bench/);
  });
});
