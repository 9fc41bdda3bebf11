/**
 * `npm run bench`, doctor part: `slipway doctor` end to end (the bundled
 * dist/cli.js, as a user runs it) against the `container` first on PATH (the
 * stand-in here), with the service running and one dev container up, so
 * every check, the DNS probe included, runs. Target: under 1 s, most of it
 * the `container` calls, which run in parallel. It reports; it asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RUNS = 5;

function slipway(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0 && args[0] !== 'doctor') {
    throw new Error(`slipway ${args.join(' ')} failed: ${result.stderr}`);
  }
  return performance.now() - start;
}

function main(): void {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-doctor-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: process.env.SLIPWAY_TEST_REAL_CONTAINER
      ? process.env.PATH
      : `${path.join(ROOT, 'test', 'standin', 'bin')}:${process.env.PATH ?? ''}`,
    SLIPWAY_STATE_DIR: path.join(scratch, 'state'),
  };
  const folder = path.join(scratch, 'doctor-workspace');
  mkdirSync(path.join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(folder, '.devcontainer', 'devcontainer.json'),
    JSON.stringify({ image: 'docker.io/library/busybox:latest' }),
  );
  try {
    slipway(['up', '--workspace-folder', folder], env);
    const times = Array.from({ length: RUNS }, () => slipway(['doctor', '--json'], env));
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `slipway doctor --json (1 dev container up)  median ${sorted[Math.floor(RUNS / 2)]?.toFixed(0)} ms   worst ${sorted.at(-1)?.toFixed(0)} ms   (target under 1000 ms)`,
    );
  } finally {
    slipway(['down', '--force', '--workspace-folder', folder], env);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
