/**
 * `npm run bench`, Compose part: what `up` of a Compose project costs beyond
 * `container` itself, measured as upBench.ts does (every `container` call
 * counted and timed; Slipway's own time is the wall time minus those).
 * Cold `up` of an app + db project (db with a healthcheck), then warm `up`
 * of a running 3-service project. Budgets: warm up at most 3 container
 * calls and under 50 ms of Slipway's own time. It reports; it asserts nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { removeWorkspace } from '../../src/core/engine/containerOps';
import { up } from '../../src/core/engine/up';
import { measure as measureWith } from './meteredEngine';

/** This file's lines, with its own column width. */
const measure = (name: string, action: Parameters<typeof measureWith>[1], stateDir: string) =>
  measureWith(name, action, stateDir, 40);

const BUSYBOX = 'docker.io/library/busybox:latest';

function project(scratch: string, name: string, services: string[]): string {
  const folder = path.join(scratch, name);
  mkdirSync(path.join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(folder, '.devcontainer', 'devcontainer.json'),
    JSON.stringify({ dockerComposeFile: 'compose.yml', service: 'app', postCreateCommand: 'true' }),
  );
  const others = services.map(
    (service) => `  ${service}:
    image: ${BUSYBOX}
    command: ["nc", "-ll", "-p", "5432", "-e", "echo", "ok"]
    healthcheck:
      test: ["CMD-SHELL", "echo | nc -w 1 127.0.0.1 5432 | grep -q ok"]
      interval: 1s
`,
  );
  writeFileSync(
    path.join(folder, '.devcontainer', 'compose.yml'),
    `services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
    depends_on:
${services.map((s) => `      ${s}:\n        condition: service_healthy\n`).join('')}${others.join('')}`,
  );
  return folder;
}

async function main(): Promise<void> {
  if (!process.env.SLIPWAY_TEST_REAL_CONTAINER) {
    process.env.PATH = `${path.resolve(__dirname, '../standin/bin')}:${process.env.PATH ?? ''}`;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-compose-bench-'));
  const stateDir = path.join(scratch, 'state');
  const request = (folder: string) => ({
    workspaceFolder: folder,
    settings: {},
    env: process.env,
    trusted: true,
  });
  const two = project(scratch, 'two', ['db']);
  const three = project(scratch, 'three', ['db', 'cache']);
  try {
    await measure(
      'cold up, 2 services (db healthy)',
      async (deps) => (await up(deps, request(two))).background,
      stateDir,
    );
    await measure(
      'cold up, 3 services',
      async (deps) => (await up(deps, request(three))).background,
      stateDir,
    );
    await measure(
      'warm up, 3 services running',
      async (deps) => (await up(deps, request(three))).background,
      stateDir,
    );
    for (const folder of [two, three]) {
      await measure(
        `down ${path.basename(folder)}`,
        (deps) => removeWorkspace(deps, { workspaceFolder: folder, force: true, volumes: true }),
        stateDir,
      );
    }
    console.log(
      "budgets: warm Compose up at most 3 container calls; Slipway's own time per warm up under 50 ms",
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
