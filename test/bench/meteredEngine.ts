/**
 * The bench's way of splitting a run's time: every `container` call counted
 * and timed, so "Slipway's own time" is the wall time minus the time spent
 * inside them. Shared by upBench.ts and composeBench.ts.
 */
import type { ContainerRunner } from '../../src/core/client/types';
import { createEngineDeps } from '../../src/node/engineDeps';

interface Meter {
  calls: number;
  insideMs: number;
}

function metered(meter: Meter) {
  const timed = async <T>(action: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await action();
    } finally {
      meter.calls++;
      meter.insideMs += performance.now() - start;
    }
  };
  return (runner: ContainerRunner): ContainerRunner => ({
    run: (command, options) => timed(() => runner.run(command, options)),
    runAttached: (args, options) => timed(() => runner.runAttached(args, options)),
  });
}

/** Runs `action` on engine deps whose runner is metered, and prints one line (name padded to `width`). */
export async function measure(
  name: string,
  action: (deps: ReturnType<typeof createEngineDeps>) => Promise<unknown>,
  stateDir: string,
  width: number,
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
    `${name.padEnd(width)} ${String(meter.calls).padStart(3)} container calls   wall ${wall.toFixed(0).padStart(6)} ms   inside container ${meter.insideMs.toFixed(0).padStart(6)} ms   Slipway's own ${(wall - meter.insideMs).toFixed(1).padStart(6)} ms`,
  );
}
