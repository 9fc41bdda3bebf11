/**
 * `npm run bench`: how long planning takes, per config of the conformance
 * corpus. Each config is read from memory (so disk speed does not count) and
 * planned end to end: discovery, parsing, substitution, workspace, plan.
 * Reports the median and the worst of many runs per config, in microseconds.
 * It measures; it passes or fails nothing.
 */
import { readFileSync } from 'node:fs';
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
    const raw = parseJsonc(text) as { build?: { dockerfile?: string } };
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
}

void main();
