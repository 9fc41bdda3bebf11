import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isLifecycleError, LifecycleError } from '../../../src/core/engine/lifecycleRunner';
import { parseOomKills } from '../../../src/core/memory/oomLog';
import { outOfMemory } from '../../../src/core/memory/outOfMemory';
import { up, type UpRequest } from '../../../src/core/engine/up';
import { GIB } from '../../../src/core/plan/sizes';
import { describeError, oneLine } from '../../../src/core/userFacing';
import { errorJson, errorText } from '../../../src/cli/errorReport';
import { fakeDeps } from '../../support/fakeEngine';

/**
 * A hook that dies with 137: the engine reads the guest kernel's boot log
 * and, when the OOM killer took it, the one error description says so.
 */

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;
const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

const KILL_LINE =
  'Memory cgroup out of memory: Killed process 431 (tail) total-vm:620332kB, anon-rss:258048kB, file-rss:4kB';

function setup(postCreateCommand: string, runArgs: string[] = ['--memory', '4G']) {
  return fakeDeps({
    [CONFIG]: JSON.stringify({ image: 'img:1', runArgs, postCreateCommand }, null, 2),
    [`${WS}/.git/HEAD`]: 'x',
  });
}

async function failure(deps: ReturnType<typeof setup>): Promise<unknown> {
  try {
    // postCreateCommand runs after `waitFor` (updateContentCommand): in the background.
    const { background } = await up(deps, request);
    await background;
  } catch (error) {
    return error;
  }
  assert.fail('up succeeded');
}

function withBootLog(deps: ReturnType<typeof setup>, log: string): void {
  // The container does not exist before `up` creates it: answer for any id.
  deps.client.bootLog = async (id: string) => {
    deps.client.calls.push({ verb: 'bootLog', args: [id] });
    return log;
  };
}

const bootLogCalls = (deps: ReturnType<typeof setup>) =>
  deps.client.calls.filter((call) => call.verb === 'bootLog').length;

describe('up: a hook the out-of-memory killer took', () => {
  it('says the hook ran out of the container’s memory, with a larger size and the flag', async () => {
    const deps = setup('head -c 6g /dev/zero | tail');
    deps.client.failures.set('tail', 137);
    withBootLog(deps, `[    0.1] Booting Linux\n[  812.1] ${KILL_LINE}\n`);
    const error = await failure(deps);
    assert.ok(isLifecycleError(error));
    assert.equal(error.outOfMemory?.limitBytes, 4 * GIB);
    const facing = describeError(error);
    assert.equal(facing.kind, 'outOfMemory');
    assert.equal(
      facing.message,
      'postCreateCommand was killed: the container ran out of its 4 GiB. Command: head -c 6g /dev/zero | tail',
    );
    assert.equal(
      facing.detail,
      "The guest kernel's log: Memory cgroup out of memory: Killed process 431 (tail)",
    );
    assert.match(facing.remedy ?? '', /such as 6 GiB/);
    assert.match(facing.remedy ?? '', /slipway up --memory 6G --remove-existing-container/);
    assert.match(facing.remedy ?? '', /Configure Container Resources/);
    assert.deepEqual(facing.actions, ['configureResources', 'showLog']);
    assert.equal(facing.outOfMemory?.suggestedBytes, 6 * GIB);
    // The CLI: the JSON names the step and exit code; stderr has the message and remedy.
    assert.deepEqual(
      {
        kind: errorJson(facing).kind,
        failedStep: errorJson(facing).failedStep,
        exitCode: errorJson(facing).exitCode,
      },
      { kind: 'outOfMemory', failedStep: 'postCreateCommand', exitCode: 137 },
    );
    assert.match(
      errorText(facing),
      /^slipway: postCreateCommand was killed: the container ran out of its 4 GiB/,
    );
    assert.match(oneLine(facing), /Memory cgroup out of memory/);
  });

  it('stays a plain hook failure when the kernel killed nothing (a kill -9 of its own)', async () => {
    const deps = setup('sleep 100');
    deps.client.failures.set('sleep', 137);
    withBootLog(deps, '[    0.1] Booting Linux\n');
    const facing = describeError(await failure(deps));
    assert.equal(facing.kind, 'lifecycle');
    assert.equal(bootLogCalls(deps), 1);
  });

  it('stays a plain hook failure when the boot log cannot be read', async () => {
    const deps = setup('sleep 100');
    deps.client.failures.set('sleep', 137);
    deps.client.bootLog = () => Promise.reject(new Error('container not found'));
    assert.equal(describeError(await failure(deps)).kind, 'lifecycle');
  });

  it('reads no boot log for any other exit code', async () => {
    const deps = setup('false');
    deps.client.failures.set('false', 1);
    withBootLog(deps, KILL_LINE);
    assert.equal(describeError(await failure(deps)).kind, 'lifecycle');
    assert.equal(bootLogCalls(deps), 0);
  });

  it('says "out of memory" without a size when the limit is not known', () => {
    const oom = outOfMemory(parseOomKills(KILL_LINE), undefined);
    assert.ok(oom !== undefined);
    const error = new LifecycleError(
      'onCreateCommand',
      'failed with exit code 137.',
      137,
      undefined,
      oom,
    );
    const facing = describeError(error);
    assert.equal(facing.kind, 'outOfMemory');
    assert.equal(facing.message, 'onCreateCommand was killed: the container ran out of memory.');
    assert.match(facing.remedy ?? '', /--memory <size>/);
  });
});
