import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { MetadataEntry } from '../../../src/core/config/types';
import { up, type UpRequest } from '../../../src/core/engine/up';
import { fakeDeps } from '../../support/fakeEngine';

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;
const IMAGE = 'mcr.microsoft.com/devcontainers/base:debian';

const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

/** What mcr.microsoft.com/devcontainers/base carries, and a hook of the image's own. */
const IMAGE_ENTRY: MetadataEntry = {
  remoteUser: 'vscode',
  containerEnv: { FROM_METADATA: '1' },
  postCreateCommand: 'echo image',
  postStartCommand: 'echo image start',
};

function setup(config: unknown, files: Record<string, string> = {}) {
  const deps = fakeDeps({
    [CONFIG]: JSON.stringify(config),
    [`${WS}/.git/HEAD`]: 'x',
    ...files,
  });
  deps.client.images.set(IMAGE, {
    reference: IMAGE,
    platforms: ['linux/arm64'],
    labels: { 'devcontainer.metadata': JSON.stringify([IMAGE_ENTRY]) },
    env: [],
  });
  return deps;
}

function hookOrder(streamed: string[][]): string[] {
  return streamed.map((args) => args.at(-1) ?? '');
}

function runArgs(deps: ReturnType<typeof setup>): string[] {
  return deps.client.calls.find((call) => call.verb === 'run')!.args;
}

function containerLabel(deps: ReturnType<typeof setup>): unknown {
  const container = [...deps.client.containers.values()][0]!;
  return JSON.parse(container.labels['devcontainer.metadata'] ?? 'null');
}

describe("up applies the image's devcontainer.metadata", () => {
  it("creates the container with the image's user, environment and hooks, image hooks first", async () => {
    const deps = setup({ image: IMAGE, postCreateCommand: 'echo config' });
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'created');
    assert.equal(result.remoteUser, 'vscode');
    assert.ok(!deps.client.calls.some((call) => call.verb === 'imagePull'), 'it is here');
    assert.ok(runArgs(deps).includes('FROM_METADATA=1'), 'containerEnv from the image');
    assert.deepEqual(hookOrder(deps.client.streamed), [
      'echo image',
      'echo config',
      'echo image start',
    ]);
    const hook = deps.client.streamed[0]!;
    assert.equal(hook[hook.indexOf('-u') + 1], 'vscode');
    assert.deepEqual(containerLabel(deps), [IMAGE_ENTRY, { postCreateCommand: 'echo config' }]);
  });

  it("lets the config's remoteUser win over the image's", async () => {
    const deps = setup({ image: IMAGE, remoteUser: 'root' });
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.remoteUser, 'root');
  });

  it('pulls an image that is not here before reading it', async () => {
    const deps = setup({ image: 'docker.io/library/debian:bookworm' });
    const { result, background } = await up(deps, request);
    await background;
    assert.deepEqual(deps.client.calls.map((call) => call.verb).slice(1, 6), [
      'version',
      'imageInspect',
      'imagePull',
      'imageInspect',
      'run',
    ]);
    assert.equal(result.remoteUser, 'root', 'the pulled image carries no metadata');
  });

  it("reads the built image's metadata for a Dockerfile config, without pulling it", async () => {
    const deps = setup(
      { build: { dockerfile: 'Dockerfile' }, postCreateCommand: 'echo config' },
      { [`${WS}/.devcontainer/Dockerfile`]: `FROM ${IMAGE}\n` },
    );
    deps.client.builtLabels = { 'devcontainer.metadata': JSON.stringify([IMAGE_ENTRY]) };
    const { result, background } = await up(deps, request);
    await background;
    const verbs = deps.client.calls.map((call) => call.verb);
    assert.deepEqual(verbs.slice(0, 5), ['list', 'version', 'build', 'imageInspect', 'run']);
    assert.equal(result.remoteUser, 'vscode');
    assert.deepEqual(hookOrder(deps.client.streamed).slice(0, 2), ['echo image', 'echo config']);
  });

  it("reuses a container with the image's user and hooks from its label, the config's hooks once", async () => {
    const deps = setup({
      image: IMAGE,
      postCreateCommand: 'echo config',
      postStartCommand: 'echo config start',
    });
    await (
      await up(deps, request)
    ).background;
    const id = [...deps.client.containers.keys()][0]!;
    await deps.client.stop(id);
    // Read from the container's label, not from the image (which may be gone).
    deps.client.images.clear();
    deps.client.calls.length = 0;
    deps.client.streamed.length = 0;
    deps.client.dueHooks = ['postStartCommand'];
    const { result, background } = await up(deps, request);
    await background;
    assert.equal(result.action, 'started');
    assert.equal(result.remoteUser, 'vscode');
    assert.ok(!deps.client.calls.some((call) => call.verb.startsWith('image')));
    assert.deepEqual(hookOrder(deps.client.streamed), ['echo image start', 'echo config start']);
  });
});
