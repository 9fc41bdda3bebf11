import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  contextMenu,
  hoverTooltip,
  notifications,
  openViewContainer,
  openWorkbench,
  ROOT,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarText,
  treeItems,
  waitForStatusBarText,
  type CodeServer,
  type Workbench,
} from './harness';

/**
 * Proves the UI-test infrastructure with a throwaway extension written and
 * packaged here: code-server installs the .vsix, Chromium opens the workbench,
 * and the helpers drive the command palette, the status bar, a tree view, its
 * hover and its context menu.
 */

const EXTENSION_MANIFEST = {
  name: 'ui-smoke',
  displayName: 'UI smoke',
  description: 'Throwaway extension of the UI smoke test.',
  publisher: 'slipway-test',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.100.0' },
  main: './extension.js',
  // code-server runs extensions in its server-side extension host: "ui" alone
  // never activates there.
  extensionKind: ['ui', 'workspace'],
  capabilities: { untrustedWorkspaces: { supported: true } },
  activationEvents: [],
  contributes: {
    commands: [
      { command: 'uiSmoke.hello', title: 'Hello', category: 'UI Smoke' },
      { command: 'uiSmoke.poke', title: 'Poke' },
    ],
    viewsContainers: {
      activitybar: [{ id: 'uiSmoke', title: 'UI Smoke', icon: 'icon.svg' }],
    },
    views: { uiSmoke: [{ id: 'uiSmoke.items', name: 'Smoke Items' }] },
    menus: {
      'view/item/context': [{ command: 'uiSmoke.poke', when: 'view == uiSmoke.items' }],
      commandPalette: [{ command: 'uiSmoke.poke', when: 'false' }],
    },
  },
};

const EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = (context) => {
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 1000);
  const items = [
    { label: 'alpha', description: 'first', tooltip: 'Alpha tooltip' },
    { label: 'beta', description: 'second', tooltip: new vscode.MarkdownString('**Beta** tooltip') },
  ];
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('uiSmoke.hello', () => {
      status.text = 'UI smoke OK';
      status.show();
    }),
    vscode.commands.registerCommand('uiSmoke.poke', (item) => {
      vscode.window.showInformationMessage('Poked ' + item.label);
    }),
    vscode.window.registerTreeDataProvider('uiSmoke.items', {
      getChildren: (parent) => (parent ? [] : items),
      getTreeItem: (item) => {
        const treeItem = new vscode.TreeItem(item.label);
        treeItem.description = item.description;
        treeItem.tooltip = item.tooltip;
        return treeItem;
      },
    }),
  );
};
`;

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="8"/></svg>';

/** Writes the extension into dir and packages it with the project's own vsce. */
function packageSmokeExtension(dir: string): string {
  const source = path.join(dir, 'extension');
  mkdirSync(source, { recursive: true });
  writeFileSync(path.join(source, 'package.json'), JSON.stringify(EXTENSION_MANIFEST, null, 2));
  writeFileSync(path.join(source, 'extension.js'), EXTENSION_JS);
  writeFileSync(path.join(source, 'icon.svg'), ICON_SVG);
  writeFileSync(path.join(source, 'README.md'), '# UI smoke\n\nThrowaway extension of a test.\n');
  writeFileSync(path.join(source, 'LICENSE'), 'MIT\n');
  const vsix = path.join(dir, 'ui-smoke.vsix');
  execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'vsce'),
    [
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--allow-star-activation',
      '--out',
      vsix,
    ],
    { cwd: source, stdio: 'pipe' },
  );
  return vsix;
}

describe('UI test infrastructure (code-server + Chromium)', function () {
  let scratch = '';
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  before(async function () {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-ui-smoke-'));
    const vsix = packageSmokeExtension(scratch);
    const folder = path.join(scratch, 'workspace');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'hello.txt'), 'hello\n');
    server = await startCodeServer({ vsix, folder });
    workbench = await openWorkbench(server.url, folder);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const file = await screenshot(workbench.page, `smoke-failed-${Date.now()}`);
      console.log(`screenshot: ${file}`);
      if (workbench.pageErrors.length > 0) {
        console.log(`page errors:\n${workbench.pageErrors.join('\n')}`);
      }
    }
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    if (scratch) {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('runs a command from the palette and shows its status bar text', async function () {
    const page = workbench!.page;
    await runCommand(page, 'UI Smoke: Hello');
    await waitForStatusBarText(page, 'UI smoke OK');
    assert.match(await statusBarText(page), /UI smoke OK/);
    await screenshot(page, 'smoke-status-bar');
  });

  it("reads a tree view's rows, hover and context menu", async function () {
    const page = workbench!.page;
    await openViewContainer(page, 'UI Smoke');
    const rows = await treeItems(page, 'Smoke Items');
    assert.deepEqual(
      rows.map(({ label, description }) => ({ label, description })),
      [
        { label: 'alpha', description: 'first' },
        { label: 'beta', description: 'second' },
      ],
    );
    // A plain-string tooltip doubles as the row's aria-label.
    assert.deepEqual(
      rows.map((row) => row.ariaLabel),
      ['Alpha tooltip', 'beta second'],
    );

    assert.equal(await hoverTooltip(page, 'alpha'), 'Alpha tooltip');
    assert.equal(await hoverTooltip(page, 'beta'), 'Beta tooltip');

    await contextMenu(page, 'beta', 'Poke');
    await page
      .locator('.notifications-toasts .notification-list-item-message', { hasText: 'Poked beta' })
      .waitFor({ state: 'visible' });
    assert.ok((await notifications(page)).includes('Poked beta'));
    await screenshot(page, 'smoke-tree-view');
  });
});
