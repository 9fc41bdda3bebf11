/**
 * `npm run bench`: how long planning takes, per config of the conformance
 * corpus. Each config is read from memory (so disk speed does not count) and
 * planned end to end: discovery, parsing, substitution, workspace, plan.
 * Reports the median and the worst of many runs per config, in microseconds.
 * It measures; it passes or fails nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { planWorkspace } from '../../src/core/engine/planWorkspace';
import { isConfigError } from '../../src/core/errors';
import { corpusCases, CORPUS } from '../support/corpus';
import { MemoryFileSystem } from '../support/memoryFs';

const WARMUP = 50;
const RUNS = 400;
const ENV = { HOME: '/Users/me', PATH: '/usr/bin:/bin' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const rows: Array<{ name: string; median: number; worst: number }> = [];
  let refused = 0;
  for (const corpusCase of corpusCases()) {
    const text = readFileSync(corpusCase.configFile, 'utf8');
    const files: Record<string, string> = {
      [corpusCase.configFile]: text,
      [`${corpusCase.workspaceFolder}/.git/HEAD`]: 'x',
    };
    const raw = parseJsonc(text) as {
      build?: { dockerfile?: string };
      dockerComposeFile?: string | string[];
    };
    for (const composeFile of [raw.dockerComposeFile ?? []].flat()) {
      const file = path.resolve(path.dirname(corpusCase.configFile), composeFile);
      if (existsSync(file)) {
        files[file] = readFileSync(file, 'utf8');
      }
    }
    if (raw.build?.dockerfile !== undefined) {
      files[path.resolve(path.dirname(corpusCase.configFile), raw.build.dockerfile)] =
        'FROM debian\n';
    }
    const fs = new MemoryFileSystem(files);
    const request = {
      workspaceFolder: corpusCase.workspaceFolder,
      configFile: corpusCase.configFile,
      env: ENV,
      settings: {},
    };
    try {
      await planWorkspace(fs, request);
    } catch (error) {
      if (isConfigError(error)) {
        refused++;
        continue;
      }
      throw error;
    }
    for (let i = 0; i < WARMUP; i++) {
      await planWorkspace(fs, request);
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      await planWorkspace(fs, request);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    rows.push({
      name: path.relative(CORPUS, corpusCase.configFile),
      median: median(times),
      worst: Math.max(...times),
    });
  }
  rows.sort((a, b) => b.median - a.median);
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'config'.padEnd(width)}  median µs  worst µs`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(width)}  ${row.median.toFixed(0).padStart(9)}  ${row.worst.toFixed(0).padStart(8)}`,
    );
  }
  const medians = rows.map((row) => row.median);
  console.log('');
  console.log(
    `${rows.length} configs planned (${refused} refused with a config error, not timed), ${RUNS} runs each after ${WARMUP} warm-up runs`,
  );
  console.log(
    `median of medians: ${median(medians).toFixed(0)} µs; slowest config median: ${Math.max(...medians).toFixed(0)} µs; worst single run: ${Math.max(...rows.map((r) => r.worst)).toFixed(0)} µs`,
  );
  console.log(`budget: a typical config under 2000 µs`);
  await composeBench();
}

/** A six-service Compose project, the shape of a real app stack: planned warm, in memory. */
const SIX_SERVICES = `name: shop
x-env: &env
  TZ: UTC
services:
  app:
    build: {context: .., dockerfile: .devcontainer/Dockerfile, args: {NODE: "22"}}
    command: sleep infinity
    volumes: [..:/workspace:cached, node_modules:/workspace/node_modules]
    environment: {<<: *env, DATABASE_URL: "postgres://db:5432/shop"}
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started}
      migrate: {condition: service_completed_successfully}
  db:
    image: postgres:16
    environment: {POSTGRES_PASSWORD: "\${PGPASS:-secret}"}
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck: {test: ["CMD-SHELL", "pg_isready"], interval: 2s, retries: 10}
    mem_limit: 2g
  cache:
    image: redis:7
    ports: ["127.0.0.1:6379:6379"]
  migrate:
    image: node:22
    command: npm run migrate
    depends_on: [db]
  worker:
    image: node:22
    command: npm run worker
    depends_on: [cache, db]
    networks: [default, jobs]
  mail:
    image: mailpit:latest
    ports: ["8025:8025", "1025"]
    networks:
      jobs: {aliases: [smtp]}
volumes:
  pgdata: {}
  node_modules: {}
networks:
  jobs: {}
`;

async function composeBench(): Promise<void> {
  const workspace = '/Users/me/shop';
  const fs = new MemoryFileSystem({
    [`${workspace}/.git/HEAD`]: 'x',
    [`${workspace}/.devcontainer/devcontainer.json`]:
      '{"dockerComposeFile": "compose.yml", "service": "app", "workspaceFolder": "/workspace", "runServices": ["app", "db", "cache", "migrate", "worker", "mail"]}',
    [`${workspace}/.devcontainer/compose.yml`]: SIX_SERVICES,
    [`${workspace}/.devcontainer/Dockerfile`]: 'FROM node:22\n',
  });
  const request = { workspaceFolder: workspace, env: ENV, settings: {} };
  const first = await planWorkspace(fs, request);
  for (let i = 0; i < WARMUP; i++) {
    await planWorkspace(fs, request);
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await planWorkspace(fs, request);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log('');
  console.log(
    `Compose project of ${first.compose?.services.length ?? 0} services (${first.commands.length} commands): median ${median(times).toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms over ${RUNS} runs (budget: median under 20 ms)`,
  );
}

void main();
