import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { benchCsv } from '../../../src/core/bench/export';
import { BenchCancelledError, runBench, type BenchProcess } from '../../../src/core/bench/runner';
import { BENCH_LABEL } from '../../../src/core/bench/runtimes';
import { STEPS } from '../../../src/core/bench/suite';

/** A runtime that keeps the set of containers and volumes alive, and a clock that ticks 10 ms per command. */
class FakeRuntime implements BenchProcess {
  readonly calls: string[][] = [];
  readonly alive = new Set<string>();
  private clock = 0;
  constructor(private readonly failWhen: (argv: readonly string[]) => boolean = () => false) {}

  now(): number {
    return this.clock;
  }

  async run(executable: string, argv: readonly string[], signal?: AbortSignal) {
    await Promise.resolve();
    if (signal?.aborted) {
      throw new Error('aborted');
    }
    this.calls.push([executable, ...argv]);
    this.clock += 10;
    if (this.failWhen(argv)) {
      return { exitCode: 1, stderr: 'Error: something broke' };
    }
    const nameAt = argv.indexOf('--name');
    if (nameAt >= 0) {
      this.alive.add(argv[nameAt + 1] ?? '');
    }
    if (argv[0] === 'volume' && argv[1] === 'create') {
      // Apple: `volume create NAME --label L`; docker: `volume create --label L NAME`.
      this.alive.add(`volume:${argv[2] === '--label' ? argv[4] : argv[2]}`);
    }
    if (argv[0] === 'delete' || argv[0] === 'rm') {
      argv.slice(2).forEach((name) => this.alive.delete(name));
    }
    if (argv[0] === 'volume' && (argv[1] === 'delete' || argv[1] === 'rm')) {
      this.alive.delete(`volume:${argv[2]}`);
    }
    return { exitCode: 0, stderr: '' };
  }
}

const base = { image: 'docker.io/library/busybox:latest', bindDir: '/tmp/bench-bind' };

describe('bench runner', () => {
  it('times every step N times and leaves nothing behind', async () => {
    const runtime = new FakeRuntime();
    const result = await runBench({
      ...base,
      process: runtime,
      executables: { container: 'container' },
      runs: 3,
    });
    assert.deepEqual(
      result.runtimes[0]?.steps.map((s) => s.id),
      STEPS.map((s) => s.id),
    );
    const lifecycle = result.runtimes[0]?.steps.find((s) => s.id === 'lifecycle');
    // Two timed commands (run, then delete) at 10 ms each.
    assert.deepEqual(lifecycle?.durationsMs, [20, 20, 20]);
    assert.equal(lifecycle?.stats?.medianMs, 20);
    assert.deepEqual([...runtime.alive], []);
    const runs = runtime.calls.filter((c) => c[1] === 'run' || c[1] === 'create');
    assert.ok(runs.every((c) => c.includes('--label') && c.includes(BENCH_LABEL)));
    assert.ok(runs.every((c) => c[c.indexOf('--name') + 1]?.startsWith('slipway-bench-apple-')));
  });

  it('runs docker side by side with its own spelling', async () => {
    const runtime = new FakeRuntime();
    const result = await runBench({
      ...base,
      process: runtime,
      executables: { container: 'container', docker: 'docker' },
      runs: 1,
    });
    assert.deepEqual(
      result.runtimes.map((r) => r.runtime),
      ['container', 'docker'],
    );
    assert.ok(runtime.calls.some((c) => c[0] === 'docker' && c[1] === 'rm'));
    assert.ok(!runtime.calls.some((c) => c[0] === 'container' && c[1] === 'rm'));
    assert.deepEqual([...runtime.alive], []);
  });

  it('removes what it created when a command fails, and says which', async () => {
    const runtime = new FakeRuntime((argv) => argv[0] === 'exec');
    await assert.rejects(
      runBench({ ...base, process: runtime, executables: { container: 'container' }, runs: 2 }),
      /'container exec slipway-bench-apple-work sh -c .*' failed \(exit 1\): Error: something broke/,
    );
    assert.deepEqual([...runtime.alive], []);
  });

  it('stops when cancelled and still cleans up', async () => {
    const controller = new AbortController();
    const runtime = new FakeRuntime();
    const promise = runBench({
      ...base,
      process: runtime,
      executables: { container: 'container' },
      runs: 5,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step.startsWith('5 containers')) {
          controller.abort();
        }
      },
    });
    await assert.rejects(promise, BenchCancelledError);
    assert.deepEqual([...runtime.alive], []);
    assert.ok(!runtime.calls.some((c) => c[1] === 'exec'), 'no step after the cancel ran');
  });

  it('exports CSV with a header and one row per step', async () => {
    const result = await runBench({
      ...base,
      process: new FakeRuntime(),
      executables: { container: 'container' },
      runs: 1,
    });
    const lines = benchCsv(result).split('\r\n');
    assert.equal(lines[0], 'runtime,step,label,runs,median_ms,min_ms,max_ms,iqr_ms');
    assert.equal(lines[4], 'container,lifecycle,"Create, run and remove",1,20,20,20,0');
    assert.equal(lines.length, STEPS.length + 2);
  });
});
