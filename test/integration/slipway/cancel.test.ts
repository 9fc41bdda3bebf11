import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'mocha';
import { buildCli, CLI, down, testEnv, workspace, type SlipwayRun } from './harness';

/** Ctrl-C during `slipway up`: it stops cleanly and says what it left behind. */

function upInterrupted(folder: string, when: RegExp): Promise<SlipwayRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'up', '--workspace-folder', folder], {
      env: testEnv(),
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (status) => {
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

describe('slipway up, interrupted (integration)', function () {
  this.timeout(120_000);
  const folders: string[] = [];
  before(() => buildCli());
  after(() => folders.forEach(down));

  it('stops during initializeCommand with nothing left behind', async () => {
    const folder = workspace('cancel-early', {
      '.devcontainer.json': JSON.stringify({
        image: 'docker.io/library/busybox:latest',
        initializeCommand: ['sleep', '30'],
      }),
    });
    folders.push(folder);
    const run = await upInterrupted(folder, /Running initializeCommand/);
    assert.equal(run.status, 130, run.stderr);
    assert.equal(run.json.outcome, 'error');
    assert.match(
      String(run.json.message),
      /^Cancelled during initializeCommand\. No container was left behind\./,
    );
  });

  it('stops during a hook and names the container it left, and its state', async () => {
    const folder = workspace('cancel-late', {
      '.devcontainer.json': JSON.stringify({
        image: 'docker.io/library/busybox:latest',
        onCreateCommand: 'sleep 30',
      }),
    });
    folders.push(folder);
    const run = await upInterrupted(folder, /Running onCreateCommand/);
    assert.equal(run.status, 130, run.stderr);
    assert.match(
      String(run.json.message),
      /^Cancelled during onCreateCommand\. The container cancel-late-[0-9a-v]{8} was left running/,
    );
  });
});
