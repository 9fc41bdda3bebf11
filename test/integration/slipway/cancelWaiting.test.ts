import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { computeDevcontainerId, idLabelsFor } from '../../../src/core/config/devcontainerId';
import { FileLocks } from '../../../src/node/fileLocks';
import { startSilentServer, type FakeServer } from '../features/fakeServers';
import { buildCli, CLI, testEnv, workspace, type SlipwayRun } from './harness';

/**
 * Ctrl-C while `slipway up` waits, before it touches any container: for a
 * Feature download that never ends, and for the lock another Slipway holds.
 * Either way it exits 130 with the cancelled JSON, as anywhere else in `up`.
 */

/** Runs `slipway up`, sends SIGINT once `ready()` says so, and collects the result. */
function upInterrupted(folder: string, ready: (stderr: string) => boolean): Promise<SlipwayRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'up', '--workspace-folder', folder], {
      env: testEnv(),
    });
    let stdout = '';
    let stderr = '';
    const poll = setInterval(() => {
      if (ready(stderr)) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => {
      clearInterval(poll);
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      resolve({
        status,
        stdout,
        stderr,
        json: line === undefined ? {} : (JSON.parse(line) as Record<string, unknown>),
      });
    });
  });
}

describe('slipway up, interrupted while waiting (integration)', function () {
  this.timeout(60_000);
  let server: FakeServer | undefined;
  before(() => buildCli());
  after(async () => server?.close());

  it('stops during a Feature download that does not end', async () => {
    server = await startSilentServer();
    const registry = server;
    const folder = workspace('cancel-download', {
      '.devcontainer.json': JSON.stringify({
        image: 'docker.io/library/busybox:latest',
        features: { [`${registry.host}/slipway-test/hangs:1`]: {} },
      }),
    });
    const run = await upInterrupted(folder, () => registry.requests.length > 0);
    assert.equal(run.status, 130, run.stderr);
    assert.equal(run.json.outcome, 'error');
    assert.match(
      String(run.json.message),
      /^Cancelled during plan \(reading the config and fetching its Features\)\. Nothing was built or started\.$/,
    );
    assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  });

  it('stops while waiting for the lock another Slipway holds', async () => {
    const folder = workspace('cancel-lock', {
      '.devcontainer.json': JSON.stringify({ image: 'docker.io/library/busybox:latest' }),
    });
    const id = computeDevcontainerId(idLabelsFor(folder, path.join(folder, '.devcontainer.json')));
    const stateDir = String(testEnv().SLIPWAY_STATE_DIR);
    const release = await new FileLocks(path.join(stateDir, 'locks'), {
      command: 'the lock test',
    }).acquire(id);
    try {
      const run = await upInterrupted(folder, (stderr) => /Waiting for the lock test/.test(stderr));
      assert.equal(run.status, 130, run.stderr);
      assert.equal(run.json.outcome, 'error');
      assert.equal(
        run.json.message,
        'Cancelled while waiting for another Slipway to finish with this dev container. Nothing was built or started.',
      );
      assert.match(run.stderr, /Waiting for the lock test \(pid \d+, started \d\d:\d\d/);
    } finally {
      await release();
    }
  });
});
