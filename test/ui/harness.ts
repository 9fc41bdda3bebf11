import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * UI-test helpers: a real VS Code workbench (code-server 4.100.3, VS Code 1.100)
 * driven by Debian's Chromium through playwright-core. Both are installed in
 * test/ui/server by test/ui/setup.sh, not by the extension's own `npm ci`.
 *
 * Everything binds to and connects to 127.0.0.1 only.
 *
 * Environment: SLIPWAY_UI_SCREENSHOTS, where screenshot() writes (default
 * test/ui/screenshots); SLIPWAY_UI_KEEP=1 keeps code-server's temporary
 * user-data and extensions directories after stop(), for its logs.
 */

// Not __dirname: tsx runs this file as CommonJS here (no "type": "module"), but
// when an ES module imports it, tsx's __dirname is a data: URL. tsx defines
// import.meta.url in both module systems.
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const SERVER_DIR = path.join(HERE, 'server');
const CODE_SERVER = path.join(SERVER_DIR, 'node_modules', '.bin', 'code-server');
const CHROMIUM = '/usr/bin/chromium';
const HOST = '127.0.0.1';

// --- The subset of playwright-core's API the helpers use -----------------------
//
// playwright-core lives in test/ui/server/node_modules, which exists only after
// setup.sh; typing it structurally keeps `tsc` green on a fresh clone. It is
// loaded at run time from that folder.

export interface Locator {
  click(options?: { button?: 'left' | 'right'; timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  waitFor(options?: {
    state?: 'attached' | 'detached' | 'visible' | 'hidden';
    timeout?: number;
  }): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  filter(options: { hasText?: string | RegExp; has?: Locator }): Locator;
  first(): Locator;
  nth(index: number): Locator;
  count(): Promise<number>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  innerText(options?: { timeout?: number }): Promise<string>;
  allTextContents(): Promise<string[]>;
  allInnerTexts(): Promise<string[]>;
  isVisible(): Promise<boolean>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}

/** A frame of the page: webviews are iframes two levels down. */
export interface Frame {
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  url(): string;
}

export interface Page {
  frames(): Frame[];
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  screenshot(options: { path: string }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  /** Evaluates a script (a string: the tests are typed without the DOM library) in the page. */
  evaluate(expression: string): Promise<unknown>;
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
}

export interface Browser {
  newContext(options: { viewport: { width: number; height: number } }): Promise<{
    newPage(): Promise<Page>;
  }>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: {
    launch(options: {
      executablePath: string;
      headless: boolean;
      args: string[];
    }): Promise<Browser>;
  };
}

function playwright(): PlaywrightCore {
  const requireFromServer = createRequire(path.join(SERVER_DIR, 'package.json'));
  try {
    return requireFromServer('playwright-core') as PlaywrightCore;
  } catch (error) {
    throw new Error(
      `playwright-core is not installed: run bash test/ui/setup.sh (${String(error)})`,
      { cause: error },
    );
  }
}

// --- the stand-in ----------------------------------------------------------------------

export const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');
/** The stand-in `container`, for the slipway.containerPath setting. */
export const STANDIN_CONTAINER = path.join(STANDIN_BIN, 'container');
/** The packaged extension (`npm run package`). */
export const VSIX = path.join(ROOT, 'slipway.vsix');

export interface StandinScratch {
  /** A fresh temporary folder; the caller removes it. */
  scratch: string;
  /** The stand-in first on PATH, with its state and Slipway's kept in `scratch`. */
  env: Record<string, string>;
  /** Runs the stand-in `container` with `env`; returns its stdout. */
  container(...args: string[]): string;
  /** Deletes (best effort) the containers whose id `match` accepts. */
  removeContainers(match: (id: string) => boolean): void;
}

/**
 * A scratch folder (prefix `name`) with the stand-in's state and Slipway's in
 * it, so that each test file starts from nothing and leaves nothing behind.
 * `extraEnv` is merged over the env (e.g. CONTAINER_STANDIN_SERVER_VERSION).
 */
export function standinScratch(
  name: string,
  extraEnv: Record<string, string> = {},
): StandinScratch {
  const scratch = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const env: Record<string, string> = {
    PATH: `${STANDIN_BIN}:${process.env.PATH ?? ''}`,
    CONTAINER_STANDIN_STATE: path.join(scratch, 'standin-state'),
    SLIPWAY_STATE_DIR: path.join(scratch, 'slipway-state'),
    ...extraEnv,
  };
  const container = (...args: string[]): string =>
    execFileSync(STANDIN_CONTAINER, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  const removeContainers = (match: (id: string) => boolean): void => {
    try {
      const listed = JSON.parse(container('list', '--all', '--format', 'json')) as Array<{
        configuration?: { id?: string };
      }>;
      for (const entry of listed) {
        const id = entry.configuration?.id;
        if (id !== undefined && match(id)) {
          container('delete', '--force', id);
        }
      }
    } catch {
      // Best effort: the stand-in's state folder goes with the scratch folder.
    }
  };
  return { scratch, env, container, removeContainers };
}

// --- code-server -------------------------------------------------------------------

export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  // Slipway opens its walkthrough on a first activation unless this is off;
  // only test/ui/release.test.ts wants it.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  /** What code-server printed so far (the tail), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A packaged extension to install before the server starts. */
  vsix: string;
  /** The folder the workbench opens. */
  folder: string;
  /** Added to this process's environment, e.g. PATH with the stand-in first. */
  env?: Record<string, string>;
  /** Merged over DEFAULT_USER_SETTINGS. */
  userSettings?: object;
}

const OUTPUT_LIMIT = 64 * 1024;

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const base = mkdtempSync(path.join(tmpdir(), 'slipway-ui-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const env = { ...process.env, ...options.env };
  // Our own config file, so code-server never writes ~/.config/code-server.
  const common = [
    '--config',
    path.join(base, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  writeFileSync(path.join(base, 'config.yaml'), 'auth: none\n');

  try {
    await run(CODE_SERVER, [...common, '--install-extension', path.resolve(options.vsix)], env);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...options.userSettings }, null, 2),
  );

  const port = await freePort();
  // Its own process group, so stop() also reaches the extension host and the
  // other processes code-server forks.
  const child = spawn(
    CODE_SERVER,
    [
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `${HOST}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      path.resolve(options.folder),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const server: CodeServer = {
    url: `http://${HOST}:${port}`,
    port,
    userDataDir,
    output: () => output,
    async stop() {
      process.removeListener('exit', killOnExit);
      killGroup(child, 'SIGTERM');
      const timer = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([exited, timer]);
      // Whatever is left of the group (a slow extension host, say) goes now.
      killGroup(child, 'SIGKILL');
      if (!process.env.SLIPWAY_UI_KEEP) {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };

  try {
    await waitForHttp(`${server.url}/healthz`, 60_000, () => child.exitCode !== null);
  } catch (error) {
    await server.stop();
    throw new Error(
      `code-server did not answer on ${server.url}: ${(error as Error).message}\n--- code-server output ---\n${output}`,
      { cause: error },
    );
  }
  return server;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host: HOST, port: 0 }, () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (gaveUp()) {
      throw new Error('the process exited');
    }
    const status = await new Promise<number | string>((resolve) => {
      const req = request(url, { timeout: 2_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', (error) => resolve(error.message));
      req.end();
    });
    if (typeof status === 'number' && status >= 200 && status < 500) {
      return;
    }
    last = String(status);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms (last: ${last})`);
}

// --- The workbench in Chromium ----------------------------------------------------------

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Uncaught errors of the workbench page, for diagnosis. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openWorkbench(url: string, folder: string): Promise<Workbench> {
  const browser = await playwright().chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${url}/?${new URLSearchParams({ folder: path.resolve(folder) })}`, {
      timeout: 60_000,
    });
    // .monaco-workbench appears early; the activity bar and the status bar only
    // once the layout is done and the parts are rendered.
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return { browser, page, pageErrors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

// --- Workbench helpers --------------------------------------------------------------------

/**
 * Opens the command palette. A key press goes to whatever has focus, and a
 * webview (Check Setup, a walkthrough) is an iframe that can keep it: the
 * press then never reaches the workbench's keybindings, and the palette stays
 * shut. So when it does not open promptly, close whatever popup there is,
 * take focus back from any iframe to the workbench, and press again,
 * alternating F1 with Ctrl+Shift+P, until `deadline`.
 */
async function openPalette(page: Page, input: Locator, deadline: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press(attempt % 2 === 0 ? 'F1' : 'Control+Shift+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`the command palette did not open: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    await page.keyboard.press('Escape');
    // An iframe with focus is the top document's activeElement: blurring it gives
    // the keyboard back to the workbench, whose keybindings listen on the window.
    await page.evaluate(
      "document.activeElement && document.activeElement.tagName === 'IFRAME' && document.activeElement.blur()",
    );
  }
}

/** Runs a command by its palette title, e.g. 'Slipway: Show Log'. */
export async function runCommand(page: Page, title: string, timeout = 30_000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  // Match a row's .label-name exactly: the row's full text also holds the
  // keybinding and 'recently used', and a longer title containing this one
  // ('Rebuild and Reopen…' for 'Reopen…') may be listed first.
  const match = widget.locator('.monaco-list-row .label-name', { hasText: exactText(title) });
  const deadline = Date.now() + timeout;
  for (;;) {
    await openPalette(page, input, deadline);
    try {
      // fill() replaces the '>' F1 puts there, so put it back: it selects commands.
      // The palette can close again before the fill (focus taken by an editor or a
      // webview that opened meanwhile): then it is opened again, below.
      await input.fill(`>${title}`, { timeout: 3_000 });
      // Filtering is asynchronous: wait until the command is listed.
      await match.first().waitFor({ state: 'visible', timeout: 3_000 });
      // The click is in the retry too: the palette can close between the
      // listing and the click (the walkthrough or a notification opening on
      // activation takes the focus), and then the row is there but hidden.
      await match.first().click({ timeout: 3_000 });
      break;
    } catch (error) {
      // An open palette does not pick up commands registered after it opened,
      // such as an extension's while the extension host is still starting, so
      // close it and ask again.
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`no command '${title}' in the palette: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }
  await widget.waitFor({ state: 'hidden' });
}

/** The texts of the status bar's entries, joined with ' | '. */
export async function statusBarText(page: Page): Promise<string> {
  // innerText skips the codicons (they are ::before content) and the entries
  // hidden for lack of room.
  // One snapshot of every entry: counting them and then reading each by index
  // fails when an entry goes away in between (a start's phases come and go).
  const texts = (await page.locator('.part.statusbar .statusbar-item').allInnerTexts())
    .map((text) => text.trim())
    .filter((text) => text !== '');
  return texts.join(' | ');
}

/** Waits until a status bar entry shows text (the status bar updates asynchronously). */
export async function waitForStatusBarText(
  page: Page,
  text: string | RegExp,
  timeout = 30_000,
): Promise<void> {
  await page
    .locator('.part.statusbar .statusbar-item', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout });
}

/** Saves a PNG of the page; returns its path. */
export async function screenshot(page: Page, file: string): Promise<string> {
  const dir = process.env.SLIPWAY_UI_SCREENSHOTS ?? path.join(ROOT, 'test', 'ui', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const target = path.resolve(dir, file.endsWith('.png') ? file : `${file}.png`);
  await page.screenshot({ path: target });
  return target;
}

/** The messages of the notification toasts on screen. */
export async function notifications(page: Page): Promise<string[]> {
  // Toasts hide themselves after a while; the notification center (not
  // searched here) keeps them.
  const messages = page.locator('.notifications-toasts .notification-list-item-message');
  return (await messages.allTextContents()).map((text) => text.trim());
}

/** Shows a view container (Explorer, or an extension's) by its activity bar title. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  // The tab (li[role=tab]) has an empty aria-label; its a.action-label carries
  // the title, with the keybinding for built-in ones ('Explorer (Ctrl+Shift+E)').
  // The badge repeats the label, so match the a element only.
  const label = page.locator(
    `a.action-label[aria-label=${cssString(title)}], ` +
      `a.action-label[aria-label^=${cssString(`${title} (`)}]`,
  );
  const item = page
    .locator('.part.activitybar li.action-item[role="tab"]')
    .filter({ has: label })
    .first();
  await item.waitFor({ state: 'visible' });
  // Clicking the container that is already showing hides the side bar.
  const showing =
    (await item.getAttribute('aria-selected')) === 'true' &&
    (await page.locator('.part.sidebar').isVisible());
  if (!showing) {
    await item.click();
  }
  await page.locator('.part.sidebar').waitFor({ state: 'visible' });
}

// Direct children of .monaco-list-rows only: a tree with sticky scroll also
// renders copies of its top rows in .monaco-tree-sticky-container.
const TREE_ROWS = '.monaco-list-rows > .monaco-list-row';

/** The view (pane) of the side bar with this title, expanded. */
async function viewPane(page: Page, viewTitle: string): Promise<Locator> {
  // The title is matched on its text content: CSS upper-cases it on screen, and
  // innerText would return the upper-cased form. A view alone in its container
  // has its header hidden (merged into the container's title) but still in the
  // DOM, so attached, not visible, is what to wait for.
  const pane = page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header h3.title', { hasText: exactText(viewTitle) }) })
    .first();
  await pane.waitFor({ state: 'attached' });
  const header = pane.locator('.pane-header').first();
  if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false') {
    await header.click();
  }
  return pane;
}

export interface TreeRow {
  label: string;
  description: string;
  ariaLabel: string;
}

/**
 * The rows a tree view renders (the visible part of a long list only). The
 * row's aria-label is the item's accessibilityInformation.label, else its
 * tooltip when that is a plain string, else 'label description'.
 */
export async function treeItems(page: Page, viewTitle: string): Promise<TreeRow[]> {
  const pane = await viewPane(page, viewTitle);
  const rows = pane.locator(TREE_ROWS);
  // A tree view renders its rows after its provider answers.
  await rows.first().waitFor({ state: 'visible' });
  const result: TreeRow[] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) {
    const row = rows.nth(i);
    result.push({
      label: ((await row.locator('.label-name').first().textContent()) ?? '').trim(),
      description: await optionalText(row.locator('.label-description')),
      ariaLabel: (await row.getAttribute('aria-label')) ?? '',
    });
  }
  return result;
}

/** Right-clicks the tree row labelled rowLabel and clicks menuItem in its context menu. */
export async function contextMenu(page: Page, rowLabel: string, menuItem: string): Promise<void> {
  await treeRow(page, rowLabel).click({ button: 'right' });
  // The menu is a .monaco-menu in a .context-view (in the page's own DOM in
  // 1.100, no shadow root). The a[role=menuitem] has no aria-label and its text
  // would include the keybinding, so match its .action-label.
  const menu = page.locator('.context-view .monaco-menu');
  const entry = menu
    .locator('a.action-menu-item')
    .filter({ has: page.locator('.action-label', { hasText: exactText(menuItem) }) })
    .first();
  await entry.waitFor({ state: 'visible' });
  // A menu item only listens for mouseup 100 ms after it is rendered (so that
  // the right-click's own mouseup cannot pick an entry); a click before that is
  // silently ignored. Wait that out, and click again if the menu stays open.
  for (let attempt = 1; ; attempt++) {
    await page.waitForTimeout(150);
    await entry.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 1_000 });
      return;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
}

/** Hovers the tree row labelled rowLabel and returns the text of the hover that appears. */
export async function hoverTooltip(page: Page, rowLabel: string): Promise<string> {
  // A hover from before (the activity bar item just clicked, say) stays up
  // while the mouse is on its target and would be mistaken for this one. Park
  // the mouse on the title bar's empty drag region, which has no hover.
  const titleBar = await page.locator('.part.titlebar').boundingBox();
  await page.mouse.move(
    titleBar ? titleBar.x + titleBar.width * 0.8 : 0,
    titleBar ? titleBar.y + titleBar.height / 2 : 0,
  );
  const hover = page.locator('.workbench-hover');
  await hover.waitFor({ state: 'hidden' });
  await treeRow(page, rowLabel).hover();
  // Tree items use the workbench's own hover, not a title attribute: it comes
  // after workbench.hover.delay (about 0.8 s here), and empty at first while
  // the extension resolves the tooltip. .hover-contents leaves out the hover's
  // own status bar; a markdown tooltip is rendered inside it.
  const contents = hover.first().locator('.hover-contents');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = (await contents.allInnerTexts())
      .map((part) => part.trim())
      .join('\n')
      .trim();
    if (text) {
      return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`no hover with text over the tree row '${rowLabel}'`);
    }
    await page.waitForTimeout(100);
  }
}

function treeRow(page: Page, rowLabel: string): Locator {
  return page
    .locator(`.part.sidebar ${TREE_ROWS}`)
    .filter({ has: page.locator('.label-name', { hasText: exactText(rowLabel) }) })
    .first();
}

async function optionalText(locator: Locator): Promise<string> {
  return (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : '';
}

/** A RegExp that matches exactly this text (playwright's hasText matches substrings). */
function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function cssString(text: string): string {
  return JSON.stringify(text);
}

// --- webviews -------------------------------------------------------------------------

/** The webview frame (two iframes deep) that has `selector`, once it is drawn. */
export async function webviewFrame(page: Page, selector: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      ) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview shows ${selector}`);
    }
    await page.waitForTimeout(250);
  }
}

/**
 * Polls Check Setup's rows (data-status by check id, once a run has finished)
 * until `done` accepts them; a frame redrawn mid-read is read again.
 */
export async function waitForCheckStates(
  page: Page,
  done: (states: Record<string, string>) => boolean,
  timeout = 60_000,
): Promise<Record<string, string>> {
  const deadline = Date.now() + timeout;
  let last: Record<string, string> = {};
  for (;;) {
    const frame = await webviewFrame(page, '#summary', Math.max(1, deadline - Date.now()));
    const rows = frame.locator('section.check');
    const states: Record<string, string> = {};
    for (let i = 0, n = await rows.count().catch(() => 0); i < n; i++) {
      const id = await rows
        .nth(i)
        .getAttribute('id', { timeout: 5_000 })
        .catch(() => null);
      const status = await rows
        .nth(i)
        .getAttribute('data-status', { timeout: 5_000 })
        .catch(() => null);
      if (id !== null && status !== null) {
        states[id.replace(/^check-/, '')] = status;
      }
    }
    if (Object.keys(states).length > 0) {
      last = states;
      if (done(states)) {
        return states;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`Check Setup never showed the states waited for: ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(250);
  }
}
