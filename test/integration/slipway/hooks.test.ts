import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'mocha';
import { buildCli, CLI, down, slipway, testEnv, workspace } from './harness';

/**
 * A failing hook, end to end with a real `container`: `up`'s outcome and exit
 * code agree, the JSON names the failed step, and the next `up` finishes the
 * hooks that never completed in the same container.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const made: string[] = [];

function ws(name: string, config: unknown): string {
  const folder = workspace(name, { '.devcontainer.json': JSON.stringify(config, null, 2) });
  made.push(folder);
  return folder;
}

/** Each hook appends its name to hooks.log in the workspace; `FAIL_<hook>` in the folder makes it fail. */
function hook(name: string): string {
  return `echo ${name} >> hooks.log; if [ -e FAIL_${name} ]; then echo "${name} is broken" >&2; exit 3; fi`;
}

function ran(folder: string): string[] {
  return readFileSync(path.join(folder, 'hooks.log'), 'utf8').trim().split('\n');
}

/** `slipway up`, sent Ctrl-C once stderr matches `when`; resolves with its exit code. */
function upInterrupted(folder: string, when: RegExp): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'up', '--workspace-folder', folder], {
      env: testEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Once: a second Ctrl-C ends slipway at once, without its clean-up.
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (status) => resolve(status));
  });
}

describe('slipway up: failing hooks (integration)', function () {
  this.timeout(240_000);

  before(() => buildCli());
  after(() => made.forEach(down));

  it('a failing postCreateCommand (after waitFor) makes the outcome error with failedStep, exit 1', () => {
    const folder = ws('failing-post-create', {
      image: BUSYBOX,
      onCreateCommand: hook('onCreateCommand'),
      postCreateCommand: hook('postCreateCommand'),
      postStartCommand: hook('postStartCommand'),
    });
    // Files, not a new workspace: the folder is mounted into the container.
    writeFileSync(path.join(folder, 'FAIL_postCreateCommand'), '');
    const run = slipway(['up', '--workspace-folder', folder]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.json.outcome, 'error');
    assert.equal(run.json.kind, 'lifecycle');
    assert.equal(run.json.failedStep, 'postCreateCommand');
    assert.equal(run.json.exitCode, 3);
    assert.equal(run.json.action, 'created');
    assert.equal(typeof run.json.containerId, 'string');
    assert.equal(run.json.line, 4, 'the hook is on line 4 of the file');
    assert.match(String(run.json.description), /postCreateCommand is broken/);
    assert.match(run.stderr, /postCreateCommand from devcontainer\.json failed with exit code 3/);
    assert.doesNotMatch(run.stdout + run.stderr, /Slipway[A-Za-z]*Error|\n\s+at /);
    assert.equal(run.stdout.trim().split('\n').length, 1, 'one JSON result, not two');
    assert.deepEqual(ran(folder), ['onCreateCommand', 'postCreateCommand']);

    // Fixed: the next up reuses the container and finishes what never completed.
    rmSync(path.join(folder, 'FAIL_postCreateCommand'));
    const again = slipway(['up', '--workspace-folder', folder]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.outcome, 'success');
    assert.equal(again.json.action, 'reused');
    assert.equal(again.json.containerId, run.json.containerId);
    assert.deepEqual(ran(folder).slice(2), ['postCreateCommand', 'postStartCommand']);

    // Then nothing is left to do.
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    assert.equal(ran(folder).length, 4);
  });

  it('after a failed onCreateCommand, the next up runs it again and then every later hook', () => {
    const config = {
      image: BUSYBOX,
      onCreateCommand: hook('onCreateCommand'),
      postCreateCommand: hook('postCreateCommand'),
    };
    const folder = ws('failing-on-create', config);
    writeFileSync(path.join(folder, 'FAIL_onCreateCommand'), '');
    const run = slipway(['up', '--workspace-folder', folder]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.json.outcome, 'error');
    assert.equal(run.json.failedStep, 'onCreateCommand');
    assert.match(String(run.json.remedy), /runs the lifecycle commands that did not finish/);
    assert.deepEqual(ran(folder), ['onCreateCommand']);

    rmSync(path.join(folder, 'FAIL_onCreateCommand'));
    const again = slipway(['up', '--workspace-folder', folder]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.action, 'reused');
    assert.deepEqual(ran(folder), ['onCreateCommand', 'onCreateCommand', 'postCreateCommand']);
  });

  it('after an up interrupted during onCreateCommand, the next up runs it and the later hooks', async () => {
    const folder = ws('interrupted-on-create', {
      image: BUSYBOX,
      onCreateCommand: 'if [ -e SLOW ]; then sleep 60; fi; echo onCreateCommand >> hooks.log',
      postCreateCommand: hook('postCreateCommand'),
    });
    writeFileSync(path.join(folder, 'SLOW'), '');
    assert.equal(await upInterrupted(folder, /Running onCreateCommand/), 130);
    rmSync(path.join(folder, 'SLOW'));
    const again = slipway(['up', '--workspace-folder', folder]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.action, 'reused');
    assert.deepEqual(ran(folder), ['onCreateCommand', 'postCreateCommand']);
  });

  it('success is exit 0, and its timings include the hooks after waitFor', () => {
    const folder = ws('hooks-succeed', {
      image: BUSYBOX,
      postCreateCommand: 'true',
    });
    const run = slipway(['up', '--workspace-folder', folder]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.json.outcome, 'success');
    assert.equal(typeof (run.json.timings as Record<string, number>).postCreateCommand, 'number');
  });
});
