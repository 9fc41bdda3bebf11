import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isContainerCliError } from '../../../src/core/client/types';
import { planForDisplay, planJson } from '../../../src/core/engine/planCommand';
import { Timings } from '../../../src/core/engine/timings';
import { up, type UpRequest } from '../../../src/core/engine/up';
import type { FeatureContextFile } from '../../../src/core/features/buildContext';
import type { FeatureSupport, FeatureResolveRequest } from '../../../src/core/features/resolved';
import { renderPlan } from '../../../src/core/plan/render';
import { fakeDeps } from '../../support/fakeEngine';
import { LOCAL, NODE } from '../features/buildFixtures';

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;
const IMAGE = 'mcr.microsoft.com/devcontainers/base:ubuntu';

const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

/** Features resolved without any fetching: node (OCI) then a local one. */
function fakeFeatures(): FeatureSupport & {
  requests: FeatureResolveRequest[];
  contexts: FeatureContextFile[][];
} {
  const requests: FeatureResolveRequest[] = [];
  const contexts: FeatureContextFile[][] = [];
  return {
    requests,
    contexts,
    async resolve(resolveRequest) {
      requests.push(resolveRequest);
      return {
        installOrder: [NODE(), LOCAL()],
        warnings: [],
        lockfile: { file: `${WS}/.devcontainer/devcontainer-lock.json`, action: 'not written' },
      };
    },
    async writeContext(files) {
      contexts.push([...files]);
      return { dir: '/tmp/ctx', dispose: async () => undefined };
    },
  };
}

function setup(config: unknown) {
  const deps = fakeDeps({ [CONFIG]: JSON.stringify(config), [`${WS}/.git/HEAD`]: 'x' });
  const features = fakeFeatures();
  deps.features = features;
  deps.client.images.set(IMAGE, {
    reference: IMAGE,
    id: 'sha256:base',
    user: 'vscode',
    platforms: ['linux/arm64'],
    labels: {},
    env: [],
  });
  return { deps, features };
}

const CONFIG_WITH_FEATURES = {
  image: IMAGE,
  features: { 'ghcr.io/devcontainers/features/node:1': { version: '18' }, './local-tool': {} },
  postCreateCommand: 'echo config',
};

describe('up with Features (engine decisions)', () => {
  it('builds the Features image from the base image, timing each Feature, then runs it', async () => {
    const { deps, features } = setup(CONFIG_WITH_FEATURES);
    deps.client.buildOutput = [
      '#9 0.1 ##slipway-feature begin 1/2',
      '#9 0.2 installing node',
      '#9 0.3 ##slipway-feature end 1/2 0',
      '#10 0.1 ##slipway-feature begin 2/2',
      '#10 0.2 ##slipway-feature end 2/2 0',
    ];
    const phases: string[] = [];
    const { result, background } = await up(deps, { ...request, onPhase: (p) => phases.push(p) });
    await background;
    assert.equal(features.requests[0]?.lockfile, 'auto');
    const verbs = deps.client.calls.map((call) => call.verb);
    assert.deepEqual(verbs.slice(0, 6), [
      'list',
      'version',
      'imageInspect',
      'imageInspect',
      'build',
      'run',
    ]);
    const build = deps.client.calls.find((call) => call.verb === 'build')!.args;
    const tag = build[build.indexOf('--tag') + 1]!;
    assert.ok(build.includes('/tmp/ctx'), 'the context placeholder is replaced');
    assert.ok(!build.join(' ').includes('<features-context>'));
    const run = deps.client.calls.find((call) => call.verb === 'run')!.args;
    assert.equal(run.includes(tag), true, 'the container runs the Features image');
    assert.ok(features.contexts[0]?.some((file) => file.path === 'Dockerfile'));
    assert.deepEqual(
      phases.filter((p) => p.startsWith('feature')),
      // After each Feature, progress goes back to the rest of the build.
      [
        'features',
        'feature:ghcr.io/devcontainers/features/node:1',
        'features',
        'feature:./local-tool',
        'features',
      ],
    );
    assert.equal(typeof result.timings['feature:./local-tool'], 'number');
    // The Feature's hook comes before the config's.
    const hooks = deps.client.streamed.map((args) => args.at(-1));
    assert.deepEqual(hooks.slice(0, 2), ['node --version', 'echo config']);
  });

  it('reuses an image that has the tag already, and pulls a base image that is not here', async () => {
    const { deps } = setup(CONFIG_WITH_FEATURES);
    deps.client.images.delete(IMAGE);
    await (
      await up(deps, request)
    ).background;
    const verbs = deps.client.calls.map((call) => call.verb);
    assert.ok(verbs.includes('imagePull'));
    assert.ok(verbs.includes('build'));
    const rebuilt = setup(CONFIG_WITH_FEATURES).deps;
    // The same config on the same base image: the tag exists now, nothing is built.
    for (const [ref, info] of deps.client.images) {
      rebuilt.client.images.set(ref, info);
    }
    await (
      await up(rebuilt, request)
    ).background;
    assert.ok(!rebuilt.client.calls.some((call) => call.verb === 'build'));
    assert.ok(rebuilt.output.some((line) => line.startsWith('Reusing localhost/slipway/')));
  });

  it("puts the base image's metadata first, then the Features', then the config's", async () => {
    const { deps } = setup(CONFIG_WITH_FEATURES);
    const imageEntry = { postCreateCommand: 'echo image', containerEnv: { FROM_METADATA: '1' } };
    deps.client.images.get(IMAGE)!.labels['devcontainer.metadata'] = JSON.stringify([imageEntry]);
    await (
      await up(deps, request)
    ).background;
    const hooks = deps.client.streamed.map((args) => args.at(-1));
    assert.deepEqual(hooks.slice(0, 3), ['echo image', 'node --version', 'echo config']);
    const run = deps.client.calls.find((call) => call.verb === 'run')!.args;
    assert.ok(run.includes('FROM_METADATA=1'));
    const container = [...deps.client.containers.values()][0]!;
    const label = JSON.parse(container.labels['devcontainer.metadata']!) as Array<{ id?: string }>;
    assert.deepEqual(label[0], imageEntry);
    assert.deepEqual(
      label.map((entry) => entry.id),
      [undefined, 'ghcr.io/devcontainers/features/node:1', './local-tool', undefined],
    );

    // Started again with postCreateCommand due: each layer's hook runs once (the
    // recorded Feature and config entries are not applied on top of the plan's own).
    const id = container.id;
    await deps.client.stop(id);
    deps.client.streamed.length = 0;
    deps.client.dueHooks = ['postCreateCommand'];
    await (
      await up(deps, request)
    ).background;
    assert.deepEqual(
      deps.client.streamed.map((args) => args.at(-1)),
      ['echo image', 'node --version', 'echo config'],
    );
  });

  it('names the Feature whose install failed, with what it printed', async () => {
    const { deps } = setup(CONFIG_WITH_FEATURES);
    deps.client.buildOutput = [
      '##slipway-feature begin 1/2',
      '##slipway-feature end 1/2 0',
      '##slipway-feature begin 2/2',
      'make: *** no rule',
      '##slipway-feature end 2/2 2',
    ];
    const runPlanned = deps.client.runPlanned.bind(deps.client);
    deps.client.runPlanned = async (args, options) => {
      await runPlanned(args, options);
      if (args[0] === 'build') {
        throw new Error('container build failed');
      }
      return '';
    };
    await assert.rejects(up(deps, request), (error: unknown) => {
      assert.ok(isContainerCliError(error));
      assert.match(
        error.message,
        /^The Feature "\.\/local-tool" failed to install \(exit status 2\)/,
      );
      assert.match(error.message, /make: \*\*\* no rule/);
      return true;
    });
  });

  it('refuses Features when nothing can fetch them', async () => {
    const { deps } = setup(CONFIG_WITH_FEATURES);
    delete deps.features;
    await assert.rejects(up(deps, request), /without a way to fetch them/);
  });

  it('plans the Features step without writing the lockfile, and shows it', async () => {
    const { deps, features } = setup(CONFIG_WITH_FEATURES);
    const plan = await planForDisplay(deps, request);
    assert.equal(features.requests[0]?.lockfile, 'read');
    assert.deepEqual(
      plan.commands.map((command) => command.step),
      ['features', 'run'],
    );
    assert.equal(plan.features?.baseImageKnown, true);
    assert.match(plan.image, /^localhost\/slipway\/proj-[a-z0-9]+-features:[0-9a-f]{20}$/);
    const text = renderPlan(plan);
    assert.match(text, /Features \(installed in this order\):/);
    assert.match(text, /1\. ghcr\.io\/devcontainers\/features\/node:1/);
    const json = planJson(plan) as { features: Record<string, unknown> };
    assert.equal(json.features.build, undefined);
    assert.equal(JSON.parse(JSON.stringify(json)).features.tag, plan.image);
    // The Features' metadata sits between the image's and the config's in the label.
    const label = JSON.parse(plan.labels['devcontainer.metadata']!) as Array<{ id?: string }>;
    assert.deepEqual(
      label.map((entry) => entry.id),
      ['ghcr.io/devcontainers/features/node:1', './local-tool', undefined],
    );
  });

  it('says when the base image is not here yet', async () => {
    const { deps } = setup(CONFIG_WITH_FEATURES);
    deps.client.images.clear();
    const plan = await planForDisplay(deps, request);
    assert.equal(plan.features?.baseImageKnown, false);
    assert.ok(plan.warnings.some((w) => /is not on this machine yet/.test(w.message)));
  });
});

describe('Timings from a stream', () => {
  it('records phases begun and ended by output lines, inside a measured one', async () => {
    let now = 0;
    const timings = new Timings(() => now);
    await timings.measure('features', async () => {
      now = 10;
      timings.begin('feature:a');
      assert.equal(timings.current, 'feature:a');
      now = 25;
      timings.end('feature:a');
      assert.equal(timings.current, 'features');
      timings.begin('feature:b');
      now = 30;
    });
    timings.end('feature:never-begun');
    assert.deepEqual(timings.phases, { 'feature:a': 15, features: 30 });
  });
});
