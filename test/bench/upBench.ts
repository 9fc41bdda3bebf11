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
import type { ContainerRunner } from '../../src/core/client/types';
import { listDevContainers, removeWorkspace } from '../../src/core/engine/containerOps';
import { up } from '../../src/core/engine/up';
import { createEngineDeps } from '../../src/node/engineDeps';

interface Meter {
  calls: number;
  insideMs: number;
}

function metered(meter: Meter) {
  return (runner: ContainerRunner): ContainerRunner => ({
    async run(command, options) {
      const start = performance.now();
      try {
        return await runner.run(command, options);
      } finally {
        meter.calls++;
        meter.insideMs += performance.now() - start;
      }
    },
    async runAttached(args, options) {
      const start = performance.now();
      try {
        return await runner.runAttached(args, options);
      } finally {
        meter.calls++;
        meter.insideMs += performance.now() - start;
      }
    },
  });
}

async function measure(
  name: string,
  action: (deps: ReturnType<typeof createEngineDeps>) => Promise<unknown>,
  stateDir: string,
): Promise<void> {
  const meter: Meter = { calls: 0, insideMs: 0 };
  const deps = createEngineDeps({
    env: { ...process.env, SLIPWAY_STATE_DIR: stateDir },
    log: () => undefined,
    wrapRunner: metered(meter),
  });
  const start = performance.now();
  await action(deps);
  const wall = performance.now() - start;
  console.log(
    `${name.padEnd(34)} ${String(meter.calls).padStart(3)} container calls   wall ${wall.toFixed(0).padStart(6)} ms   inside container ${meter.insideMs.toFixed(0).padStart(6)} ms   Slipway's own ${(wall - meter.insideMs).toFixed(1).padStart(6)} ms`,
  );
}

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
