/**
 * `npm run test:mac`: the integration suites (test/mac/suites.ts) against the
 * `container` on PATH, Apple's, on a Mac, with SLIPWAY_TEST_REAL_CONTAINER=1;
 * then one start-up probe (`slipway up` twice on a throwaway workspace); then
 * a report in test-mac-report/ (report.json, report.md). See CONTRIBUTING.md.
 *
 * It refuses to run anywhere but macOS (exit 2). It leaves nothing behind:
 * the tests remove what they create, and this removes any container or image
 * that appeared during the run (the user is asked not to create any meanwhile).
 *
 * Exit 0 when every test passed, 1 otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, markdownSummary, type MochaJson, type StartupTimings } from './report';
import { INTEGRATION_ROOT, macSuites, platformRefusal } from './suites';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'test-mac-report');
const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The start-up probe's image: small, multi-arch, pulled from Docker Hub. */
const PROBE_IMAGE = 'docker.io/library/debian:bookworm-slim';

function output(file: string, args: string[]): string {
  return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

function listFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** What exists now, to remove only what the run added. */
function snapshot(): { containers: Set<string>; images: Set<string> } {
  const lines = (args: string[]) => new Set(output('container', args).split('\n').filter(Boolean));
  return {
    containers: lines(['list', '--all', '--quiet']),
    images: lines(['image', 'list', '--quiet']),
  };
}

function cleanUp(before: ReturnType<typeof snapshot>): void {
  const after = snapshot();
  for (const id of after.containers) {
    if (!before.containers.has(id)) {
      console.log(`test:mac: removing container ${id}, left by the run`);
      spawnSync('container', ['delete', '--force', id], { stdio: 'inherit' });
    }
  }
  for (const reference of after.images) {
    if (!before.images.has(reference)) {
      console.log(`test:mac: removing image ${reference}, pulled by the run`);
      spawnSync('container', ['image', 'delete', reference], { stdio: 'inherit' });
    }
  }
}

/** `slipway up` on a fresh workspace (create), again (reuse), then `down`. */
function startupProbe(): StartupTimings {
  const workspace = mkdtempSync(path.join(tmpdir(), 'slipway-mac-probe-'));
  const result: StartupTimings = { image: PROBE_IMAGE };
  const up = (): Record<string, number> => {
    const run = spawnSync(process.execPath, [CLI, 'up', '--workspace-folder', workspace], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
    const json = line === undefined ? {} : (JSON.parse(line) as Record<string, unknown>);
    if (json.outcome !== 'success') {
      throw new Error(`slipway up failed: ${String(json.message ?? run.stderr.trim())}`);
    }
    return json.timings as Record<string, number>;
  };
  try {
    mkdirSync(path.join(workspace, '.devcontainer'));
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({ name: 'test:mac probe', image: PROBE_IMAGE }),
    );
    result.first = up();
    result.second = up();
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    spawnSync(process.execPath, [CLI, 'down', '--force', '--workspace-folder', workspace], {
      stdio: 'inherit',
    });
    rmSync(workspace, { recursive: true, force: true });
  }
  return result;
}

function main(): number {
  const refusal = platformRefusal(process.platform);
  if (refusal !== undefined) {
    console.error(`test:mac: ${refusal}`);
    return 2;
  }
  let containerVersion: string;
  try {
    containerVersion = output('container', ['--version']);
  } catch {
    console.error(
      "test:mac: no container on PATH. Install Apple's container (https://github.com/apple/container/releases) and run container system start.",
    );
    return 2;
  }
  const suites = macSuites(listFiles(INTEGRATION_ROOT));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const startedAt = new Date();
  console.log(`test:mac: ${containerVersion}; ${suites.length} suites`);
  output(process.execPath, [path.join(ROOT, 'esbuild.mjs')]);
  const before = snapshot();
  rmSync(OUT, { recursive: true, force: true });
  const mochaOut = path.join(OUT, 'mocha.json');
  const mocha = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'mocha'),
    [
      // Not the integration .mocharc.json: its spec (every suite, the
      // stand-in's too) would be added to the files given here.
      '--no-config',
      '--node-option',
      'import=tsx',
      '--timeout',
      '600000',
      '--reporter',
      'json',
      '--reporter-option',
      `output=${mochaOut}`,
      ...suites,
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SLIPWAY_TEST_REAL_CONTAINER: '1' },
    },
  );
  let startup: StartupTimings;
  try {
    startup = startupProbe();
  } finally {
    cleanUp(before);
  }
  let mochaJson: MochaJson;
  try {
    mochaJson = JSON.parse(readFileSync(mochaOut, 'utf8')) as MochaJson;
  } catch {
    console.error(`test:mac: mocha wrote no report (exit ${String(mocha.status)}); see above.`);
    return 1;
  }
  const report = buildReport(
    {
      mocha: mochaJson,
      slipwayVersion: manifest.version,
      containerVersion,
      macosVersion: output('/usr/bin/sw_vers', ['-productVersion']),
      arch: process.arch,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      startup,
    },
    ROOT,
  );
  writeFileSync(path.join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const summary = markdownSummary(report);
  writeFileSync(path.join(OUT, 'report.md'), summary);
  console.log(`\n${summary}\ntest:mac: report in ${path.relative(ROOT, OUT)}/report.{json,md}`);
  return report.totals.failed === 0 ? 0 : 1;
}

process.exitCode = main();
