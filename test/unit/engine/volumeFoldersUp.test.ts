import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { removeWorkspace } from '../../../src/core/engine/containerOps';
import { up, type UpRequest } from '../../../src/core/engine/up';
import { fakeDeps } from '../../support/fakeEngine';

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;

/** The fake `container`, with volumes that `volume create`/`delete` keep and `volume list` shows. */
function setup(config: unknown) {
  const deps = fakeDeps({ [CONFIG]: JSON.stringify(config), [`${WS}/.git/HEAD`]: 'x' });
  const volumes = new Map<string, Record<string, string>>();
  const planned = deps.client.runPlanned.bind(deps.client);
  deps.client.runPlanned = async (args, options) => {
    if (args[0] === 'volume' && args[1] === 'list') {
      const list = [...volumes].map(([name, labels]) => ({ configuration: { name, labels } }));
      return JSON.stringify(list);
    }
    if (args[0] === 'volume' && args[1] === 'create') {
      const labels: Record<string, string> = {};
      args.forEach((arg, i) => {
        if (arg === '--label') {
          const [key = '', value = ''] = (args[i + 1] ?? '').split('=');
          labels[key] = value;
        }
      });
      volumes.set(args.at(-1) ?? '', labels);
    }
    if (args[0] === 'volume' && args[1] === 'delete') {
      volumes.delete(args[2] ?? '');
    }
    return planned(args, options);
  };
  return { deps, volumes };
}

const request: UpRequest = {
  workspaceFolder: WS,
  settings: { volumeFolders: [{ folder: 'node_modules', from: 'slipway.volumeFolders' }] },
  env: { HOME: '/Users/me' },
  trusted: true,
};

const ownershipFixes = (calls: Array<{ verb: string; args: string[] }>) =>
  calls.filter((c) => c.args.includes('slipway-volume-owner'));

describe('up with volume folders (engine decisions, with an in-memory container)', () => {
  it('creates the missing volume before the run, then gives it to the remote user once', async () => {
    const { deps, volumes } = setup({
      image: 'img:1',
      remoteUser: 'node',
      postCreateCommand: 'npm ci',
    });
    const { result, background } = await up(deps, request);
    await background;
    const verbs = deps.client.calls.map((c) => `${c.verb} ${c.args[1] ?? ''}`.trim());
    const create = verbs.indexOf('volume create');
    assert.ok(
      create > verbs.indexOf('volume list') && create < verbs.findIndex((v) => v.startsWith('run')),
      verbs.join(', '),
    );
    assert.deepEqual(
      [...volumes.keys()],
      [`slipway-${[...volumes.values()][0]?.['slipway.workspaceId']?.slice(0, 12)}-node_modules`],
    );
    const [fix] = ownershipFixes(deps.client.calls);
    assert.ok(fix !== undefined, 'the ownership fix ran');
    assert.deepEqual(fix.args.slice(0, 3), ['exec', '-u', 'root']);
    assert.deepEqual(fix.args.slice(-2), ['node', '/workspaces/proj/node_modules']);
    // Before any hook could install into it.
    const fixAt = deps.client.calls.findIndex((c) => c.args.includes('slipway-volume-owner'));
    assert.ok(fixAt < deps.client.calls.findIndex((c) => c.verb === 'execStreaming'));
    assert.equal(deps.memoMap.get(result.containerId)?.volumeOwnership?.startsWith('node '), true);

    deps.client.calls.length = 0;
    await (
      await up(deps, request)
    ).background;
    assert.equal(
      ownershipFixes(deps.client.calls).length,
      0,
      'recorded: not again for the same container',
    );
  });

  it('keeps an existing volume on rebuild (no second create) and fixes the new container once', async () => {
    const { deps, volumes } = setup({ image: 'img:1', remoteUser: 'node' });
    await (
      await up(deps, request)
    ).background;
    deps.client.calls.length = 0;
    await (
      await up(deps, { ...request, removeExisting: true })
    ).background;
    assert.equal(volumes.size, 1);
    assert.ok(!deps.client.calls.some((c) => c.args[1] === 'create' && c.args[0] === 'volume'));
    assert.equal(ownershipFixes(deps.client.calls).length, 1);
  });

  it('never chowns a folder added to the setting after the container was made (still the bind mount)', async () => {
    const { deps } = setup({ image: 'img:1', remoteUser: 'node' });
    await (
      await up(deps, { ...request, settings: {} })
    ).background;
    deps.client.calls.length = 0;
    await (
      await up(deps, request)
    ).background;
    assert.equal(ownershipFixes(deps.client.calls).length, 0);
    assert.ok(deps.output.some((line) => line.includes('rebuild it to apply them')));
  });

  it('labels the container with the volumes it mounts', async () => {
    const { deps } = setup({ image: 'img:1' });
    const { result } = await up(deps, request);
    const labels = deps.client.containers.get(result.containerId)?.labels ?? {};
    assert.match(labels['slipway.volumeFolders'] ?? '', /^slipway-[0-9a-v]{12}-node_modules$/);
  });

  it('leaves a root user volumes alone', async () => {
    const { deps } = setup({ image: 'img:1' });
    await (
      await up(deps, request)
    ).background;
    assert.equal(ownershipFixes(deps.client.calls).length, 0);
  });

  it('down keeps the volumes unless asked to remove them too', async () => {
    const { deps, volumes } = setup({ image: 'img:1' });
    await (
      await up(deps, request)
    ).background;
    const kept = await removeWorkspace(deps, { workspaceFolder: WS, force: true });
    assert.equal(kept.volumes, undefined);
    assert.equal(volumes.size, 1);
    await (
      await up(deps, request)
    ).background;
    const removed = await removeWorkspace(deps, {
      workspaceFolder: WS,
      force: true,
      volumes: true,
    });
    assert.equal(removed.volumes?.length, 1);
    assert.match(removed.volumes?.[0] ?? '', /^slipway-[0-9a-v]{12}-node_modules$/);
    assert.equal(volumes.size, 0);
  });
});
