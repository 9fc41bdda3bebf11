import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isLifecycleError, lastLines } from '../../../src/core/engine/lifecycleRunner';
import { up, type BackgroundStep, type UpRequest } from '../../../src/core/engine/up';
import { fakeDeps } from '../../support/fakeEngine';

/**
 * A failing hook: what its error carries, how the hooks after `waitFor`
 * report their own progress, and how the next `up` finishes the hooks that
 * never completed (their markers are written only once they succeed).
 */

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;

const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

const HOOKS = {
  image: 'img:1',
  onCreateCommand: 'echo onCreate',
  postCreateCommand: 'echo postCreate',
  postStartCommand: 'echo postStart',
};

function setup(config: unknown) {
  return fakeDeps({
    [CONFIG]: JSON.stringify(config, null, 2),
    [`${WS}/.git/HEAD`]: 'x',
  });
}

const ran = (streamed: string[][]): string[] => streamed.map((args) => args.at(-1) ?? '');

describe('up: failing hooks', () => {
  it("carries the hook's command, last output and place in devcontainer.json", async () => {
    const deps = setup(HOOKS);
    deps.client.failures.set('echo onCreate', 42);
    await assert.rejects(up(deps, request), (error: unknown) => {
      assert.ok(isLifecycleError(error));
      assert.equal(error.hook, 'onCreateCommand');
      assert.equal(error.exitCode, 42);
      assert.deepEqual(error.failure, {
        origin: 'devcontainer.json',
        command: 'echo onCreate',
        outputTail: ['failing: echo onCreate'],
        // JSON.stringify(..., 2): the value of "onCreateCommand" on line 3, column 22.
        location: { file: CONFIG, line: 3, column: 22 },
      });
      return true;
    });
  });

  it('keeps the last lines of the output, without colour codes or blank lines', () => {
    const output = 'one\n\n\u001b[31mtwo\u001b[0m\r\nthree\nfour\nfive\nsix\n\n';
    assert.deepEqual(lastLines(output), ['two', 'three', 'four', 'five', 'six']);
  });

  it('runs a failed onCreateCommand again on the next up, then the hooks after it', async () => {
    const deps = setup(HOOKS);
    deps.client.failures.set('echo onCreate', 1);
    await assert.rejects(up(deps, request), /onCreateCommand/);
    assert.deepEqual(ran(deps.client.streamed), ['echo onCreate']);
    deps.client.failures.clear();
    deps.client.streamed = [];
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'reused');
    assert.deepEqual(ran(deps.client.streamed), [
      'echo onCreate',
      'echo postCreate',
      'echo postStart',
    ]);
    // All done: the third up runs nothing and needs no set-up exec.
    deps.client.streamed = [];
    const calls = deps.client.calls.length;
    await (
      await up(deps, request)
    ).background;
    assert.deepEqual(ran(deps.client.streamed), []);
    assert.ok(!deps.client.calls.slice(calls).some((call) => call.verb === 'execCapture'));
  });

  it('runs a postCreateCommand that failed in the background again, and not onCreateCommand', async () => {
    const deps = setup(HOOKS);
    deps.client.failures.set('echo postCreate', 3);
    const first = await up(deps, request);
    await assert.rejects(first.background, /postCreateCommand/);
    deps.client.failures.clear();
    deps.client.streamed = [];
    await (
      await up(deps, request)
    ).background;
    assert.deepEqual(ran(deps.client.streamed), ['echo postCreate', 'echo postStart']);
  });

  it('reports each background hook as it runs and ends, with its duration and error', async () => {
    const deps = setup(HOOKS);
    deps.client.failures.set('echo postStart', 5);
    const steps: BackgroundStep[] = [];
    const { result, background } = await up(deps, {
      ...request,
      onBackgroundStep: (step) => steps.push(step),
    });
    assert.deepEqual(result.backgroundSteps, ['postCreateCommand', 'postStartCommand']);
    await assert.rejects(background);
    assert.deepEqual(
      steps.map((step) => [step.hook, step.state]),
      [
        ['postCreateCommand', 'running'],
        ['postCreateCommand', 'done'],
        ['postStartCommand', 'running'],
        ['postStartCommand', 'failed'],
      ],
    );
    assert.ok(steps.filter((step) => step.state !== 'running').every((s) => s.ms !== undefined));
    assert.ok(isLifecycleError(steps[3]?.error));
  });
});
