import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Runs the real `slipway` (the bundled dist/cli.js) against whatever
 * `container` comes first on PATH: the stand-in on Linux (test/standin/bin),
 * Apple's on a Mac. The tests do not know which; they only see Apple's
 * behaviour.
 */

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');

export interface SlipwayRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

/** A scratch space: Slipway's own state and the stand-in's, per test run. */
export const SCRATCH = mkdtempSync(path.join(tmpdir(), 'slipway-it-'));

export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // On a Mac with Apple's container installed, leave PATH alone to test the real thing.
    PATH: process.env.SLIPWAY_TEST_REAL_CONTAINER
      ? process.env.PATH
      : `${STANDIN_BIN}:${process.env.PATH ?? ''}`,
    SLIPWAY_STATE_DIR: path.join(SCRATCH, 'slipway-state'),
    CONTAINER_STANDIN_STATE:
      process.env.CONTAINER_STANDIN_STATE ?? path.join(SCRATCH, 'standin-state'),
    ...extra,
  };
}

export function buildCli(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
}

export function slipway(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): SlipwayRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: testEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 180_000,
  });
  return parseResult(result.status, result.stdout, result.stderr);
}

function parseResult(status: number | null, stdout: string, stderr: string): SlipwayRun {
  let json: Record<string, unknown> = {};
  const firstLine = stdout.split('\n').find((line) => line.startsWith('{'));
  if (firstLine !== undefined) {
    try {
      json = JSON.parse(firstLine) as Record<string, unknown>;
    } catch {
      json = {};
    }
  }
  return { status, stdout, stderr, json };
}

/** `slipway` in the background, for tests that run several at once. */
export function slipwayAsync(args: string[]): Promise<SlipwayRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: testEnv(), encoding: 'utf8', timeout: 180_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve(parseResult(status, stdout, stderr));
      },
    );
    child.stdin?.end();
  });
}

/** Runs the `container` on PATH directly (for set-up and checks). */
export function container(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('container', args, {
    env: testEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workspace folder with the given files (paths relative to it). */
export function workspace(name: string, files: Record<string, string>): string {
  const folder = path.join(SCRATCH, 'workspaces', name);
  rmSync(folder, { recursive: true, force: true });
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return folder;
}

/** Removes a workspace's container, whatever state it is in. */
export function down(folder: string): void {
  slipway(['down', '--force', '--workspace-folder', folder]);
}

/** Deletes the images Slipway built for test workspaces, so they do not pile up across runs. */
export function removeBuiltImages(): void {
  const listed = container(['image', 'list', '-q']);
  const built = listed.stdout.split('\n').filter((ref) => ref.startsWith('localhost/slipway/'));
  if (built.length > 0) {
    container(['image', 'delete', ...built]);
  }
}
