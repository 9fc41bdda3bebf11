/**
 * `npm run bench`, second part: what `up` and `ls` cost beyond `container`
 * itself. Runs the real engine in this process against the `container` first
 * on PATH (the stand-in here), counting every `container` invocation and the
 * time spent inside them; "Slipway's own time" is the wall time minus that.
 * Budgets: a second `up` on a running container makes at most 3 `container`
 * invocations, and Slipway's own time per `up` stays under 50 ms. It reports;
 * it asserts nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listDevContainers, removeWorkspace } from '../../src/core/engine/containerOps';
import { up } from '../../src/core/engine/up';
import { measure as measureWith } from './meteredEngine';

/** This file's lines, with its own column width. */
const measure = (name: string, action: Parameters<typeof measureWith>[1], stateDir: string) =>
  measureWith(name, action, stateDir, 34);

async function main(): Promise<void> {
  // The stand-in, unless this runs on a Mac against Apple's own container.
  if (!process.env.SLIPWAY_TEST_REAL_CONTAINER) {
    process.env.PATH = `${path.resolve(__dirname, '../standin/bin')}:${process.env.PATH ?? ''}`;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-bench-'));
  const folder = path.join(scratch, 'bench-workspace');
  mkdirSync(path.join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(folder, '.devcontainer', 'devcontainer.json'),
    JSON.stringify({
      image: 'docker.io/library/busybox:latest',
      postCreateCommand: 'true',
      postAttachCommand: 'true',
    }),
  );
  const stateDir = path.join(scratch, 'state');
  const request = { workspaceFolder: folder, settings: {}, env: process.env, trusted: true };
  try {
    console.log(`container: ${process.env.PATH?.split(':')[0] ?? ''} first on PATH`);
    await measure(
      'first up (create + hooks)',
      async (deps) => (await up(deps, request)).background,
      stateDir,
    );
    await measure(
      'second up (running, reused)',
      async (deps) => (await up(deps, request)).background,
      stateDir,
    );
    await measure('ls', (deps) => listDevContainers(deps), stateDir);
    await measure(
      'down --force',
      (deps) => removeWorkspace(deps, { workspaceFolder: folder, force: true }),
      stateDir,
    );
    console.log(
      "budgets: second up at most 3 container calls; Slipway's own time per up under 50 ms",
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
