import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildCli, down, slipway, workspace } from './harness';

/**
 * A postCreateCommand that needs more memory than the container has, end to
 * end: the guest kernel's OOM killer takes it (exit 137), `slipway up` reads
 * `container logs --boot` and says it ran out of memory, names a larger size
 * and the flag, and that flag, taken as said, gets it through.
 */

const DEBIAN = 'docker.io/library/debian:bookworm';
const made: string[] = [];

describe('slipway up: a hook that runs out of memory (integration)', function () {
  this.timeout(240_000);

  before(() => buildCli());
  after(() => made.forEach(down));

  it('fails with the out-of-memory message and remedy; the suggested size then works', () => {
    const folder = workspace('out-of-memory', {
      '.devcontainer.json': JSON.stringify(
        {
          image: DEBIAN,
          // Apple's smallest sizes are 200 MiB and up; tail keeps a line (here 600 MiB of NULs) whole.
          runArgs: ['--memory', '256M'],
          postCreateCommand: 'head -c 600m /dev/zero | tail >/dev/null',
        },
        null,
        2,
      ),
    });
    made.push(folder);
    const run = slipway(['up', '--workspace-folder', folder]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.json.outcome, 'error');
    assert.equal(run.json.kind, 'outOfMemory', run.stderr);
    assert.equal(run.json.failedStep, 'postCreateCommand');
    assert.equal(run.json.exitCode, 137);
    assert.match(
      run.stderr,
      /slipway: postCreateCommand was killed: the container ran out of its 256 MiB\. Command: head -c 600m/,
    );
    assert.match(String(run.json.description), /Memory cgroup out of memory: Killed process/);
    const remedy = String(run.json.remedy);
    assert.match(remedy, /slipway up --memory 1G --remove-existing-container/);
    assert.match(run.stderr, /slipway up --memory 1G --remove-existing-container/);
    assert.doesNotMatch(run.stdout + run.stderr, /Slipway[A-Za-z]*Error|\n\s+at /);

    // The remedy as written: a new container with the suggested size runs the hook through.
    const again = slipway([
      'up',
      '--workspace-folder',
      folder,
      '--memory',
      '1G',
      '--remove-existing-container',
    ]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.outcome, 'success');
    assert.equal(again.json.action, 'created');
  });
});
