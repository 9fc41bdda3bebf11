/**
 * `npm run bench`: resolving a config's Features and generating their
 * build, from a warm cache, for a config with 5 Features (3 OCI Features
 * from a registry on loopback, 2 local ones). The lockfile is present, so
 * every OCI Feature is fetched by its pinned digest and needs no request
 * (without it, the cache asks the registry what each tag points at now,
 * every time); the registry is stopped before measuring to prove it. The
 * `container build` itself is not part of this. Budget: under 100 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareWorkspace } from '../../src/core/engine/planWorkspace';
import { createFeatureSupport } from '../../src/node/features/featureSupport';
import { NodeFileSystem } from '../../src/node/fileSystem';
import {
  ensureRegistryInstalled,
  publishFeature,
  startRegistry,
  writeFeatureFolder,
} from '../integration/features/registry';

const WARMUP = 5;
const RUNS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  if (!ensureRegistryInstalled()) {
    console.log('features bench: skipped (no docker-registry to serve the OCI Features)');
    return;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-features-bench-'));
  const env = { ...process.env, SLIPWAY_STATE_DIR: path.join(scratch, 'state') };
  const registry = await startRegistry();
  try {
    const features: Record<string, unknown> = {};
    for (const id of ['alpha', 'beta', 'gamma']) {
      const folder = writeFeatureFolder(scratch, {
        id,
        version: '1.0.0',
        options: { level: { type: 'string', enum: ['low', 'high'], default: 'low' } },
        containerEnv: { [`${id.toUpperCase()}_HOME`]: `/opt/${id}` },
      });
      await publishFeature(registry, `bench/${id}`, ['1', '1.0.0'], folder);
      features[`${registry.host}/bench/${id}:1`] = { level: 'high' };
    }
    const workspaceFolder = path.join(scratch, 'ws');
    for (const id of ['local-one', 'local-two']) {
      const folder = path.join(workspaceFolder, '.devcontainer', id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        path.join(folder, 'devcontainer-feature.json'),
        JSON.stringify({ id, version: '0.1.0', installsAfter: [`${registry.host}/bench/alpha`] }),
      );
      writeFileSync(path.join(folder, 'install.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
      features[`./${id}`] = {};
    }
    mkdirSync(path.join(workspaceFolder, '.git'), { recursive: true });
    writeFileSync(path.join(workspaceFolder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(
      path.join(workspaceFolder, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({ image: 'mcr.microsoft.com/devcontainers/base:ubuntu', features }),
    );
    const fs = new NodeFileSystem();
    const request = { workspaceFolder, settings: {}, env };
    const support = createFeatureSupport({ env, log: () => undefined });
    // Warm the cache and write the lockfile; then the registry goes away.
    await prepareWorkspace(fs, request, { features: support, lockfile: 'write' });
    await registry.stop();
    const once = async (): Promise<number> => {
      const start = process.hrtime.bigint();
      // A new support each time: nothing is remembered in memory between runs.
      const fresh = createFeatureSupport({ env, log: () => undefined });
      const prepared = await prepareWorkspace(fs, request, { features: fresh, lockfile: 'read' });
      prepared.withBase({ user: 'vscode', id: 'sha256:base' });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    for (let i = 0; i < WARMUP; i++) {
      await once();
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await once());
    }
    console.log('');
    console.log(
      `features: resolve + generate the build for 5 Features (3 OCI pinned by devcontainer-lock.json, 2 local), warm cache, registry stopped: median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms over ${RUNS} runs (budget: under 100 ms, the build itself excluded)`,
    );
  } finally {
    await registry.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
