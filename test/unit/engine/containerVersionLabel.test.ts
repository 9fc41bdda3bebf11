import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { up } from '../../../src/core/engine/up';
import { CONTAINER_VERSION_LABEL, withContainerVersionLabel } from '../../../src/core/plan/labels';
import { fakeDeps } from '../../support/fakeEngine';

const WS = '/Users/me/proj';
const CONFIG = `${WS}/.devcontainer/devcontainer.json`;

describe('the release that created a container, recorded for Check Setup', () => {
  it('puts the label right after run, before the image and its command', () => {
    assert.deepEqual(withContainerVersionLabel(['run', '--name', 'x', 'img', 'sleep'], '1.5.0'), [
      'run',
      '-l',
      'slipway.container.version=1.5.0',
      '--name',
      'x',
      'img',
      'sleep',
    ]);
  });

  it('labels the container up creates with the version container reported', async () => {
    const deps = fakeDeps({
      [CONFIG]: JSON.stringify({ image: 'img:1' }),
      [`${WS}/.git/HEAD`]: 'x',
    });
    deps.client.cliVersion = '1.4.1';
    const { result, background } = await up(deps, {
      workspaceFolder: WS,
      settings: {},
      env: { HOME: '/Users/me' },
      trusted: true,
    });
    await background;
    const created = deps.client.containers.get(result.containerId);
    assert.equal(created?.labels[CONTAINER_VERSION_LABEL], '1.4.1');
  });
});
