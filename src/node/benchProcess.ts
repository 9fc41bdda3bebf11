import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchProcess } from '../core/bench/runner';
import { appendBenchRecord, parseBenchHistory, type BenchRecord } from '../core/bench/history';
import { readTextOrEmpty, writeFileAtomic } from './atomicFile';
import { loadExeca } from './execa';

/** The benchmark's processes (execa, argument arrays, no shell), its clock, and its history file. */

export const benchProcess: BenchProcess = {
  async run(executable, argv, signal) {
    const { execa } = await loadExeca();
    const result = await execa(executable, [...argv], {
      stdin: 'ignore',
      reject: false,
      cancelSignal: signal,
      // A runtime that ignores SIGTERM must not keep a cancelled benchmark waiting.
      forceKillAfterDelay: 5_000,
    });
    if (result.isCanceled) {
      throw new Error(`'${executable} ${argv.join(' ')}' was cancelled`);
    }
    if (result.exitCode === undefined) {
      throw new Error(`'${executable}' could not be started: ${result.shortMessage}`);
    }
    return { exitCode: result.exitCode, stderr: String(result.stderr) };
  },
  now: () => performance.now(),
};

/** The first `name` executable on PATH (absolute entries only, like locateContainerCli). */
export async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const directory of searchPath.split(path.delimiter).filter((d) => path.isAbsolute(d))) {
    const candidate = path.join(directory, name);
    try {
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next entry.
    }
  }
  return undefined;
}

export const benchHistoryFile = (stateDir: string): string =>
  path.join(stateDir, 'bench-history.json');

export async function readBenchHistory(stateDir: string): Promise<BenchRecord[]> {
  return parseBenchHistory(await readTextOrEmpty(benchHistoryFile(stateDir)));
}

export async function saveBenchRecord(stateDir: string, record: BenchRecord): Promise<void> {
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  const history = appendBenchRecord(await readBenchHistory(stateDir), record);
  await writeFileAtomic(benchHistoryFile(stateDir), `${JSON.stringify(history, null, 2)}\n`);
}
