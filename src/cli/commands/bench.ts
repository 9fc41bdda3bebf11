import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { benchCsv } from '../../core/bench/export';
import {
  BenchCancelledError,
  BenchCommandError,
  runBench,
  type BenchResult,
} from '../../core/bench/runner';
import { BENCH_PREFIX } from '../../core/bench/runtimes';
import { benchProcess, findOnPath, saveBenchRecord } from '../../node/benchProcess';
import { locateContainerCli } from '../../node/locateContainerCli';
import { slipwayStateDir } from '../../node/stateDir';
import type { UserFacingError } from '../../core/userFacing';
import type { CommandArgs } from '../args';
import { errorJson, errorText } from '../errorReport';
import { printJson, type Io } from '../io';

/**
 * `slipway bench`: the lifecycle suite against Apple's `container` (and
 * docker with --with-docker), a progress line per step on stderr, the
 * figures on stdout, and the run kept in the state folder's history.
 */

/** A small image most Macs with a container runtime already have, and the stand-in plays. */
export const DEFAULT_BENCH_IMAGE = 'docker.io/library/busybox:latest';
const DEFAULT_RUNS = 5;

const ms = (value: number | undefined): string =>
  value === undefined
    ? '-'
    : value >= 1000
      ? `${(value / 1000).toFixed(2)} s`
      : `${Math.round(value)} ms`;

function table(result: BenchResult): string {
  const header = [
    'STEP',
    ...result.runtimes.map((r) => `${r.runtime.toUpperCase()} (median ± IQR)`),
  ];
  const rows = (result.runtimes[0]?.steps ?? []).map((step) => [
    step.label,
    ...result.runtimes.map((r) => {
      const stats = r.steps.find((s) => s.id === step.id)?.stats;
      return `${ms(stats?.medianMs)} ± ${ms(stats?.iqrMs)}`;
    }),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  return [header, ...rows]
    .map(
      (row) =>
        `${row
          .map((cell, i) => cell.padEnd((widths[i] ?? 0) + 2))
          .join('')
          .trimEnd()}\n`,
    )
    .join('');
}

/** The benchmark's own failures, in the words every other command uses. */
function benchFailure(error: unknown): UserFacingError | undefined {
  if (error instanceof BenchCancelledError) {
    return { kind: 'cancelled', message: error.message, actions: [] };
  }
  if (error instanceof BenchCommandError) {
    return {
      kind: 'container',
      message: error.message,
      remedy:
        'Everything the benchmark created has been removed. Check that the runtime works ' +
        '(`container system status`) and that the image can be pulled, or pass another with --image.',
      actions: ['showLog'],
    };
  }
  return undefined;
}

export async function benchCommand(args: CommandArgs, io: Io): Promise<number> {
  const container = await locateContainerCli(io.env.SLIPWAY_CONTAINER, { searchPath: io.env.PATH });
  const docker = args.withDocker ? await findOnPath('docker', io.env.PATH ?? '') : undefined;
  if (args.withDocker && docker === undefined) {
    io.stderr(
      'slipway: --with-docker: there is no docker on PATH; benchmarking container alone.\n',
    );
  }
  const bindDir = await mkdtemp(path.join(tmpdir(), `${BENCH_PREFIX}-`));
  let result: BenchResult;
  try {
    result = await runBench({
      process: benchProcess,
      executables: { container, ...(docker !== undefined ? { docker } : {}) },
      image: args.image ?? DEFAULT_BENCH_IMAGE,
      runs: args.runs ?? DEFAULT_RUNS,
      bindDir,
      signal: io.signal,
      onProgress: (p) =>
        io.stderr(
          `[${p.done + 1}/${p.total}] ${p.runtime}: ${p.step} (run ${p.run} of ${p.runs})\n`,
        ),
    });
  } catch (error) {
    const facing = benchFailure(error);
    if (facing === undefined) {
      throw error;
    }
    if (args.json) {
      printJson(io, errorJson(facing));
    }
    io.stderr(errorText(facing));
    return facing.kind === 'cancelled' ? 130 : 1;
  } finally {
    await rm(bindDir, { recursive: true, force: true });
  }
  await saveBenchRecord(slipwayStateDir(io.env), { at: new Date().toISOString(), result });
  if (args.json) {
    printJson(io, result);
  } else if (args.csv) {
    io.stdout(benchCsv(result));
  } else {
    io.stdout(table(result));
  }
  return 0;
}
