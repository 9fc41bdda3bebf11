import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { startOvercommit } from '../../../src/core/engine/overcommit';
import { up, type UpRequest } from '../../../src/core/engine/up';
import { containerInfo } from '../../support/containerInfo';
import { fakeDeps } from '../../support/fakeEngine';

const GIB = 2 ** 30;
const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;

function container(id: string, state: 'running' | 'stopped', memoryBytes?: number) {
  return containerInfo(id, state, memoryBytes !== undefined ? { memoryBytes } : {});
}

describe('overcommit warning before a start', () => {
  it('counts only the running containers other than the one starting, by the doctor’s rule', () => {
    const list = [
      container('a', 'running', 8 * GIB),
      container('b', 'stopped', 8 * GIB),
      container('me', 'running', 8 * GIB),
    ];
    // 8 running + 4 starting = 12 of 16: exactly the 75% the doctor allows.
    assert.equal(startOvercommit(list, { id: 'me', memoryBytes: 4 * GIB }, 16 * GIB), undefined);
    const warning = startOvercommit(list, { memoryBytes: 6 * GIB }, 16 * GIB) ?? '';
    assert.match(warning, /Containers would hold 22 GiB of this Mac's 16 GiB \(138%\)/);
    assert.match(warning, /Stop dev containers you are not using/);
  });

  it('says nothing when the Mac’s memory is unknown', () => {
    const list = [container('a', 'running', 64 * GIB)];
    assert.equal(startOvercommit(list, { memoryBytes: 4 * GIB }, undefined), undefined);
  });
});

describe('up warns before it creates or starts an overcommitting container', () => {
  const request: UpRequest = {
    workspaceFolder: WS,
    settings: { memory: '8G' },
    env: { HOME: '/Users/me' },
    trusted: true,
    host: { memoryBytes: 16 * GIB },
  };

  it('warns (log and callback) before `container run`, and still creates it', async () => {
    const deps = fakeDeps({
      [CONFIG]: JSON.stringify({ image: 'img:1' }),
      [`${WS}/.git/HEAD`]: 'x',
    });
    deps.client.containers.set('other', container('other', 'running', 8 * GIB));
    const warned: string[] = [];
    let callsWhenWarned = -1;
    const { result, background } = await up(deps, {
      ...request,
      onWarning: (message) => {
        warned.push(message);
        callsWhenWarned = deps.client.calls.length;
      },
    });
    await background;
    assert.equal(result.action, 'created');
    assert.equal(warned.length, 1);
    assert.match(warned[0] ?? '', /16 GiB of this Mac's 16 GiB \(100%\)/);
    assert.equal(
      deps.client.calls.slice(callsWhenWarned).some((c) => c.verb === 'run'),
      true,
      'the warning comes before the run',
    );
    assert.ok(deps.output.some((line) => line.startsWith('Warning: Containers would hold')));
  });

  it('warns before starting a stopped container, with the memory it was created with', async () => {
    const deps = fakeDeps({
      [CONFIG]: JSON.stringify({ image: 'img:1' }),
      [`${WS}/.git/HEAD`]: 'x',
    });
    await (
      await up(deps, request)
    ).background;
    const [id] = [...deps.client.containers.keys()];
    deps.client.containers.set(id!, {
      ...deps.client.containers.get(id!)!,
      state: 'stopped',
      memoryBytes: 12 * GIB,
    });
    deps.client.containers.set('other', container('other', 'running', 2 * GIB));
    const warned: string[] = [];
    const { result, background } = await up(deps, { ...request, onWarning: (m) => warned.push(m) });
    await background;
    assert.equal(result.action, 'started');
    assert.equal(warned.length, 1);
    assert.match(warned[0] ?? '', /14 GiB of this Mac's 16 GiB/);
  });

  it('stays quiet when the Mac has room', async () => {
    const deps = fakeDeps({
      [CONFIG]: JSON.stringify({ image: 'img:1' }),
      [`${WS}/.git/HEAD`]: 'x',
    });
    deps.client.containers.set('other', container('other', 'running', 2 * GIB));
    const warned: string[] = [];
    await (
      await up(deps, { ...request, onWarning: (m) => warned.push(m) })
    ).background;
    assert.deepEqual(warned, []);
    assert.equal(
      deps.output.some((line) => line.startsWith('Warning:')),
      false,
    );
  });
});
