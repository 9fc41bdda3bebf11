/**
 * `npm run bench`, editor part: the bundle's `activate` on a workspace with a
 * config (budget 50 ms), the containers view model for 10, 100 and 1,000
 * containers from `list` JSON (budget 10 ms at 1,000), and the size of the
 * packaged .vsix (budget 300 KB). It measures and prints; it fails nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseContainers } from '../../src/core/client/parseContainers';
import { containerItems } from '../../src/core/view/containerItems';

const root = path.resolve(__dirname, '../..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

/**
 * Runs in a child process on plain Node (no tsx hooks, which slow `require`
 * threefold), as the editor's extension host loads the bundle: the fake
 * `vscode` is bundled with esbuild first.
 */
const ACTIVATION_PROBE = `
const Module = require('node:module');
const path = require('node:path');
const { createFakeVscode, Uri } = require(process.env.FAKE_VSCODE);
const state = { commands: new Map(), providers: new Map(), shownDocuments: [], messages: [],
  logLines: [], settings: {}, workspaceFolders: [{ uri: Uri.file(process.env.WORKSPACE), name: 'bench', index: 0 }] };
let fake = createFakeVscode(state);
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? fake : originalLoad.call(this, request, parent, isMain);
};
const activateOnce = (activate) => {
  const subscriptions = [];
  const start = performance.now();
  activate({ subscriptions, extension: { packageJSON: { version: '0' } },
    workspaceState: fake.fakeMemento(), globalState: fake.fakeMemento() });
  const elapsed = performance.now() - start;
  subscriptions.forEach((s) => s.dispose());
  return elapsed;
};
const loadStart = performance.now();
const extension = require(process.env.BUNDLE);
const loadMs = performance.now() - loadStart;
const firstMs = activateOnce(extension.activate);
const runs = [];
for (let i = 0; i < 50; i++) {
  state.commands.clear();
  fake = createFakeVscode(state);
  runs.push(activateOnce(extension.activate));
}
runs.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ loadMs, firstMs, medianMs: runs[25] }));
`;

function benchActivation(): void {
  const workspace = mkdtempSync(path.join(tmpdir(), 'slipway-bench-'));
  try {
    mkdirSync(path.join(workspace, '.devcontainer'));
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu" }\n',
    );
    const fakeBundle = path.join(workspace, 'fakeVscode.cjs');
    buildSync({
      entryPoints: [path.join(root, 'test', 'support', 'fakeVscode.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: fakeBundle,
      logLevel: 'error',
    });
    const samples = Array.from(
      { length: 5 },
      () =>
        JSON.parse(
          execFileSync(process.execPath, ['-e', ACTIVATION_PROBE], {
            env: {
              ...process.env,
              NODE_OPTIONS: '',
              FAKE_VSCODE: fakeBundle,
              BUNDLE: path.join(root, 'dist', 'extension.js'),
              WORKSPACE: workspace,
            },
            encoding: 'utf8',
          }),
        ) as { loadMs: number; firstMs: number; medianMs: number },
    );
    const load = median(samples.map((s) => s.loadMs));
    const first = median(samples.map((s) => s.firstMs));
    console.log(
      'Extension activation (dist/extension.js on plain Node, a workspace with a config; budget 50 ms):',
    );
    console.log(`  loading the bundle (median of 5 processes):  ${fmt(load)}`);
    console.log(`  first activate() (median of 5 processes):    ${fmt(first)}`);
    console.log(`  load + first activate():                      ${fmt(load + first)}`);
    console.log(
      `  activate() again, median of 50:              ${fmt(median(samples.map((s) => s.medianMs)))}`,
    );
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function listJson(count: number): string {
  const containers = Array.from({ length: count }, (_, i) => ({
    status: {
      state: i % 3 === 0 ? 'stopped' : 'running',
      networks: [{ ipv4Address: `192.168.64.${(i % 250) + 2}/24` }],
    },
    configuration: {
      id: `container-${i}`,
      image: { reference: 'mcr.microsoft.com/devcontainers/base:ubuntu' },
      platform: { os: 'linux', architecture: i % 5 === 0 ? 'amd64' : 'arm64' },
      rosetta: i % 5 === 0,
      resources: { cpus: 4, memoryInBytes: 4 * 2 ** 30 },
      labels:
        i % 2 === 0
          ? {
              'devcontainer.local_folder': `/Users/me/project-${i}`,
              'devcontainer.config_file': `/Users/me/project-${i}/.devcontainer/devcontainer.json`,
            }
          : {},
      publishedPorts:
        i % 4 === 0
          ? [
              {
                hostAddress: '127.0.0.1',
                hostPort: 3000 + i,
                containerPort: 3000,
                proto: 'tcp',
                count: 1,
              },
            ]
          : [],
    },
  }));
  return JSON.stringify(containers);
}

function benchTreeModel(): void {
  console.log('Containers view model from `list` JSON (parse + items; budget 10 ms at 1,000):');
  for (const count of [10, 100, 1000]) {
    const json = listJson(count);
    for (let i = 0; i < 50; i++) {
      containerItems(parseContainers(json));
    }
    const runs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      const items = containerItems(parseContainers(json));
      runs.push(performance.now() - start);
      if (items.length !== count) {
        throw new Error(`expected ${count} items, got ${items.length}`);
      }
    }
    console.log(
      `  ${String(count).padStart(5)} containers: median ${fmt(median(runs))}, worst ${fmt(Math.max(...runs))}`,
    );
  }
}

function benchVsix(): void {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
  const bytes = statSync(path.join(root, 'slipway.vsix')).size;
  console.log(`Packaged slipway.vsix: ${(bytes / 1024).toFixed(1)} KB (budget 300 KB)`);
}

// Packaging first: it leaves the production (minified) bundle in dist/, which is what users load.
benchVsix();
benchActivation();
benchTreeModel();
