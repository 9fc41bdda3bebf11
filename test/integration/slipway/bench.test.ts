import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import { buildCli, CLI, container, SCRATCH, slipway, testEnv } from './harness';

/**
 * `slipway bench --runs 1` against the runtime on PATH. The figures mean
 * nothing on the stand-in; the machinery, the clean-up and cancellation do.
 */

function leftovers(): string {
  const containers = container(['list', '--all', '--format', 'json']);
  const volumes = container(['volume', 'list', '--format', 'json']);
  assert.equal(containers.status, 0, containers.stderr);
  assert.equal(volumes.status, 0, volumes.stderr);
  return [containers.stdout, volumes.stdout]
    .filter((text) => /slipway[.-]bench/.test(text))
    .join('\n');
}

function benchInterrupted(when: RegExp): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'bench', '--runs', '1'], { env: testEnv() });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('slipway bench (integration)', function () {
  this.timeout(600_000);
  before(() => buildCli());

  it('runs every step once, reports JSON, keeps history and leaves nothing behind', () => {
    const run = slipway(['bench', '--runs', '1', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const runtimes = run.json.runtimes as {
      runtime: string;
      steps: { id: string; durationsMs: number[] }[];
    }[];
    assert.deepEqual(
      runtimes.map((r) => r.runtime),
      ['container'],
    );
    const steps = runtimes[0]?.steps ?? [];
    assert.equal(steps.length, 9);
    assert.ok(steps.every((s) => s.durationsMs.length === 1 && (s.durationsMs[0] ?? -1) > 0));
    assert.match(run.stderr, /\[9\/9\] container: exec round trip \(run 1 of 1\)/);
    const history = JSON.parse(
      readFileSync(path.join(SCRATCH, 'slipway-state', 'bench-history.json'), 'utf8'),
    ) as unknown[];
    assert.ok(history.length >= 1);
    assert.equal(leftovers(), '');
  });

  it('on Ctrl-C removes what it created and exits 130', async () => {
    const run = await benchInterrupted(/5 containers in parallel/);
    assert.equal(run.status, 130, run.stderr);
    assert.match(run.stderr, /cancelled; everything it created has been removed/);
    assert.equal(leftovers(), '');
  });
});
