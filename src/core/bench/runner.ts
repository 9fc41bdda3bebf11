import { RUNTIMES, type BenchRuntimeName } from './runtimes';
import { summarize, type StepStats } from './stats';
import { STEPS, suiteSetup, volumeName, type BenchCommand, type SuiteContext } from './suite';

/**
 * Runs the suite against one or two runtimes, N times per step, and always
 * removes what it created: on success, on a failing command and when
 * cancelled. Processes and the clock come in through BenchProcess.
 */

export interface BenchProcess {
  /** Runs the executable with these arguments (never a shell); rejects when the signal aborts. */
  run(
    executable: string,
    argv: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ exitCode: number; stderr: string }>;
  /** Milliseconds from a monotonic clock. */
  now(): number;
}

export interface StepResult {
  id: string;
  label: string;
  durationsMs: number[];
  stats?: StepStats;
}

export interface RuntimeResult {
  runtime: BenchRuntimeName;
  steps: StepResult[];
}

export interface BenchResult {
  image: string;
  runs: number;
  runtimes: RuntimeResult[];
}

export interface BenchProgress {
  runtime: BenchRuntimeName;
  step: string;
  run: number;
  runs: number;
  /** Steps done so far, over all runtimes, and how many there are. */
  done: number;
  total: number;
}

export interface BenchOptions {
  process: BenchProcess;
  /** The executable for each runtime to run (Apple's `container` always, `docker` only when asked). */
  executables: Partial<Record<BenchRuntimeName, string>>;
  image: string;
  runs: number;
  /** A host folder per runtime for the bind-mount step (created and removed by the caller). */
  bindDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
}

export class BenchCommandError extends Error {
  override readonly name = 'SlipwayBenchCommandError';
}

export class BenchCancelledError extends Error {
  override readonly name = 'SlipwayBenchCancelledError';
  constructor() {
    super('The benchmark was cancelled; everything it created has been removed.');
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join('\n');
}

class Session {
  readonly created = new Set<string>();
  constructor(
    private readonly options: BenchOptions,
    private readonly executable: string,
  ) {}

  async run(command: BenchCommand): Promise<void> {
    if (this.options.signal?.aborted) {
      throw new BenchCancelledError();
    }
    if (command.creates !== undefined) {
      // Recorded before it starts: a cancelled `run` may still leave the container behind.
      this.created.add(command.creates);
    }
    let outcome;
    try {
      outcome = await this.options.process.run(this.executable, command.argv, this.options.signal);
    } catch (error) {
      if (this.options.signal?.aborted) {
        throw new BenchCancelledError();
      }
      throw error;
    }
    if (outcome.exitCode !== 0) {
      throw new BenchCommandError(
        `'${[this.executable, ...command.argv].join(' ')}' failed (exit ${outcome.exitCode}): ${lastLines(outcome.stderr)}`,
      );
    }
  }

  async timed(phases: readonly BenchCommand[][]): Promise<number> {
    const start = this.options.process.now();
    for (const phase of phases) {
      await Promise.all(phase.map((command) => this.run(command)));
    }
    return this.options.process.now() - start;
  }

  /** Best effort and never cancelled: each removal on its own, so one missing name does not keep the rest. */
  async cleanUp(context: SuiteContext): Promise<void> {
    const quietly = (argv: string[]) =>
      this.options.process.run(this.executable, argv).catch(() => undefined);
    for (const name of this.created) {
      await quietly(context.argv.remove([name]));
    }
    await quietly(context.argv.removeVolume(volumeName(context)));
  }
}

async function runRuntime(
  options: BenchOptions,
  runtime: BenchRuntimeName,
  executable: string,
  progress: { done: number; total: number },
): Promise<RuntimeResult> {
  const context: SuiteContext = {
    argv: RUNTIMES[runtime],
    image: options.image,
    bindDir: options.bindDir,
    tag: runtime === 'container' ? 'apple' : 'docker',
  };
  const session = new Session(options, executable);
  try {
    for (const command of suiteSetup(context)) {
      await session.run(command);
    }
    const steps: StepResult[] = [];
    for (const step of STEPS) {
      const durationsMs: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        options.onProgress?.({
          runtime,
          step: step.label,
          run: run + 1,
          runs: options.runs,
          ...progress,
        });
        const plan = step.plan(context, run);
        for (const command of plan.before) {
          await session.run(command);
        }
        durationsMs.push(await session.timed(plan.timed));
        for (const command of plan.after) {
          await session.run(command);
        }
      }
      progress.done++;
      steps.push({ id: step.id, label: step.label, durationsMs, stats: summarize(durationsMs) });
    }
    return { runtime, steps };
  } finally {
    await session.cleanUp(context);
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const chosen = (['container', 'docker'] as const).filter(
    (r) => options.executables[r] !== undefined,
  );
  const progress = { done: 0, total: chosen.length * STEPS.length };
  const runtimes: RuntimeResult[] = [];
  for (const runtime of chosen) {
    runtimes.push(
      await runRuntime(options, runtime, options.executables[runtime] ?? runtime, progress),
    );
  }
  return { image: options.image, runs: options.runs, runtimes };
}
