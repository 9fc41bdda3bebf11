import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isConfigError } from '../../../src/core/errors';
import { isLifecycleError } from '../../../src/core/engine/lifecycleRunner';
import { up, type UpRequest } from '../../../src/core/engine/up';
import { fakeDeps } from '../../support/fakeEngine';

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;

function setup(config: unknown) {
  return fakeDeps({ [CONFIG]: JSON.stringify(config), [`${WS}/.git/HEAD`]: 'x' });
}

const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

const ALL_HOOKS = {
  image: 'img:1',
  onCreateCommand: 'echo onCreate',
  updateContentCommand: 'echo updateContent',
  postCreateCommand: 'echo postCreate',
  postStartCommand: 'echo postStart',
  postAttachCommand: 'echo postAttach',
};

function hookOrder(streamed: string[][]): string[] {
  return streamed.map((args) => args.at(-1) ?? '');
}

describe('up (engine decisions, with an in-memory container)', () => {
  it('creates the container, sets it up and runs the hooks in order', async () => {
    const deps = setup({
      ...ALL_HOOKS,
      remoteEnv: { FROM_CONFIG: '${containerEnv:FROM_IMAGE}-x' },
    });
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'created');
    assert.equal(result.remoteWorkspaceFolder, '/workspaces/proj');
    assert.deepEqual(
      deps.client.calls.map((c) => c.verb),
      [
        'list',
        'version',
        // The image is not here: pulled, then its metadata read, before the run.
        'imageInspect',
        'imagePull',
        'imageInspect',
        'run',
        'inspect',
        'execCapture',
        'execCapture',
        // Each hook with a marker is marked done once it has succeeded.
        'execStreaming',
        'execCapture',
        'execStreaming',
        'execCapture',
        'execStreaming',
        'execCapture',
        'execStreaming',
        'execCapture',
        'execStreaming',
      ],
    );
    assert.deepEqual(hookOrder(deps.client.streamed), [
      'echo onCreate',
      'echo updateContent',
      'echo postCreate',
      'echo postStart',
      'echo postAttach',
    ]);
    const first = deps.client.streamed[0]!;
    assert.deepEqual(first.slice(first.length - 3), ['/bin/sh', '-c', 'echo onCreate']);
    assert.ok(first.includes('FROM_CONFIG=1-x'), 'containerEnv resolved in remoteEnv');
    assert.ok(first.includes('PROFILE_VAR=yes'), 'the probed environment is passed on');
    assert.ok(
      !first.includes('PATH=/usr/bin:/bin'),
      'what the container already has is not repeated',
    );
    for (const phase of [
      'plan',
      'find',
      'version',
      'image',
      'create',
      'boot',
      'setup',
      'onCreateCommand',
      'postAttachCommand',
    ]) {
      assert.equal(typeof result.timings[phase], 'number', phase);
    }
  });

  it('reuses a running container with at most 3 container calls, running only postAttachCommand', async () => {
    const deps = setup(ALL_HOOKS);
    await (
      await up(deps, request)
    ).background;
    deps.client.calls.length = 0;
    deps.client.streamed.length = 0;
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'reused');
    assert.deepEqual(
      deps.client.calls.map((c) => c.verb),
      ['list', 'execStreaming'],
    );
    assert.deepEqual(hookOrder(deps.client.streamed), ['echo postAttach']);
  });

  it('starts a stopped container and runs postStartCommand again', async () => {
    const deps = setup(ALL_HOOKS);
    await (
      await up(deps, request)
    ).background;
    const id = [...deps.client.containers.keys()][0]!;
    await deps.client.stop(id);
    deps.client.streamed.length = 0;
    deps.client.dueHooks = ['postStartCommand'];
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'started');
    assert.deepEqual(hookOrder(deps.client.streamed), ['echo postStart', 'echo postAttach']);
  });

  it('rebuilds: removes the old container first', async () => {
    const deps = setup({ image: 'img:1' });
    await (
      await up(deps, request)
    ).background;
    deps.client.calls.length = 0;
    const { result } = await up(deps, { ...request, removeExisting: true });
    assert.equal(result.action, 'created');
    assert.deepEqual(
      deps.client.calls.slice(0, 3).map((c) => c.verb),
      ['list', 'remove', 'version'],
    );
  });

  it('refuses a container too old for the plan, naming the option', async () => {
    const deps = setup({ image: 'img:1', init: true });
    deps.client.cliVersion = '0.9.0';
    await assert.rejects(up(deps, request), (error: Error) => {
      assert.ok(isConfigError(error));
      assert.match(error.message, /needs container 0\.10\.0 or newer for --init/);
      return true;
    });
    assert.ok(!deps.client.calls.some((c) => c.verb === 'run'), 'nothing was created');
  });

  it('runs initializeCommand on the host only in a trusted workspace', async () => {
    const untrusted = setup({ image: 'img:1', initializeCommand: 'touch marker' });
    await assert.rejects(up(untrusted, { ...request, trusted: false }), /not trusted/);
    assert.equal(untrusted.host.runs.length, 0);
    assert.equal(untrusted.client.calls.length, 0, 'nothing happened in the container either');
    const trusted = setup({ image: 'img:1', initializeCommand: 'touch marker' });
    await (
      await up(trusted, request)
    ).background;
    assert.deepEqual(trusted.host.runs, [{ argv: ['/bin/sh', '-c', 'touch marker'], cwd: WS }]);
  });

  it('creates or rebuilds a container only for a trusted workspace; reuses one untrusted', async () => {
    const deps = setup({
      image: 'img:1',
      mounts: ['type=bind,source=${localEnv:HOME},target=/host-home'],
    });
    await assert.rejects(up(deps, { ...request, trusted: false }), (error: Error) => {
      assert.ok(isConfigError(error));
      assert.match(error.message, /not trusted.*Trust the workspace to create/);
      return true;
    });
    assert.deepEqual(
      deps.client.calls.map((c) => c.verb),
      ['list'],
      'nothing was pulled, built or run',
    );
    await (
      await up(deps, request)
    ).background;
    const reused = await up(deps, { ...request, trusted: false });
    assert.equal(reused.result.action, 'reused');
    await assert.rejects(
      up(deps, { ...request, trusted: false, removeExisting: true }),
      /Trust the workspace to rebuild/,
    );
    assert.ok(!deps.client.calls.some((c) => c.verb === 'remove'), 'nothing was removed');
  });

  it('returns at waitFor and finishes the later hooks in the background', async () => {
    const deps = setup({ ...ALL_HOOKS, waitFor: 'onCreateCommand' });
    const { result, background } = await up(deps, request);
    assert.deepEqual(result.backgroundSteps, [
      'updateContentCommand',
      'postCreateCommand',
      'postStartCommand',
      'postAttachCommand',
    ]);
    await background;
    assert.equal(deps.client.streamed.length, 5);
  });

  it('stops at the first failing hook, naming it and its exit code', async () => {
    const early = setup({ ...ALL_HOOKS, waitFor: 'postCreateCommand' });
    early.client.failures.set('echo updateContent', 2);
    await assert.rejects(
      up(early, request),
      /The updateContentCommand from devcontainer\.json failed with exit code 2/,
    );
    const deps = setup(ALL_HOOKS);
    deps.client.failures.set('echo postCreate', 3);
    // postCreateCommand comes after waitFor (updateContentCommand): it fails in the background.
    const { result, background } = await up(deps, request);
    assert.deepEqual(result.backgroundSteps, [
      'postCreateCommand',
      'postStartCommand',
      'postAttachCommand',
    ]);
    await assert.rejects(background, (error: Error) => {
      assert.ok(isLifecycleError(error));
      assert.match(
        error.message,
        /The postCreateCommand from devcontainer\.json failed with exit code 3/,
      );
      return true;
    });
    assert.deepEqual(hookOrder(deps.client.streamed), [
      'echo onCreate',
      'echo updateContent',
      'echo postCreate',
    ]);
  });

  it('runs the parallel form concurrently, with each output kept apart', async () => {
    const deps = setup({
      image: 'img:1',
      postCreateCommand: { one: 'echo 1', two: ['echo', '2'] },
    });
    await (
      await up(deps, request)
    ).background;
    const text = deps.output.join('');
    assert.match(text, /\[one\]\nran: echo 1\n/);
    assert.match(text, /\[two\]\nran: 2\n/);
  });

  it('ends with one container when two ups race', async () => {
    const deps = setup({ image: 'img:1' });
    const [a, b] = await Promise.all([up(deps, request), up(deps, request)]);
    await Promise.all([a.background, b.background]);
    assert.equal(deps.client.containers.size, 1);
    assert.deepEqual([a.result.action, b.result.action].sort(), ['created', 'reused']);
  });

  it('says what a cancelled up left behind, and in which state', async () => {
    const deps = setup({ image: 'img:1' });
    const controller = new AbortController();
    const runPlanned = deps.client.runPlanned.bind(deps.client);
    deps.client.runPlanned = async (args: string[]) => {
      await runPlanned(args);
      controller.abort();
      throw new Error('aborted by the user');
    };
    await assert.rejects(up(deps, { ...request, signal: controller.signal }), (error: Error) => {
      assert.match(
        error.message,
        /^Cancelled during create\. The container proj-[0-9a-v]{8} was left running; the next start \(`slipway up` or Reopen\) reuses it and runs the lifecycle commands that did not finish/,
      );
      return true;
    });
  });

  /** Resolves when the signal aborts, rejecting with its reason (as a real wait does). */
  function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
    return new Promise((_, reject) =>
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
    );
  }

  it('is cancelled cleanly while waiting for the lock', async () => {
    const deps = setup({ image: 'img:1' });
    const controller = new AbortController();
    deps.locks = {
      acquire: (_key, signal) => {
        setTimeout(() => controller.abort(new Error('Interrupted by SIGINT')), 10);
        return waitForAbort(signal);
      },
    };
    await assert.rejects(up(deps, { ...request, signal: controller.signal }), (error: Error) => {
      assert.equal(error.name, 'SlipwayContainerCliError');
      assert.equal((error as Error & { kind?: string }).kind, 'cancelled');
      assert.equal(
        error.message,
        'Cancelled while waiting for another Slipway to finish with this dev container. Nothing was built or started.',
      );
      return true;
    });
    assert.deepEqual(deps.client.calls, []);
  });

  it('is cancelled cleanly while fetching Features', async () => {
    const deps = setup({ image: 'img:1', features: { 'ghcr.io/x/y/z:1': {} } });
    const controller = new AbortController();
    deps.features = {
      resolve: (resolveRequest) => {
        setTimeout(() => controller.abort(new Error('Interrupted by SIGINT')), 10);
        return waitForAbort(resolveRequest.signal);
      },
      writeContext: () => Promise.reject(new Error('not reached')),
    };
    await assert.rejects(up(deps, { ...request, signal: controller.signal }), (error: Error) => {
      assert.equal((error as Error & { kind?: string }).kind, 'cancelled');
      assert.match(
        error.message,
        /^Cancelled during plan \(reading the config and fetching its Features\)\./,
      );
      return true;
    });
  });
});
