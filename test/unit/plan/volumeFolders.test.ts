import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  detectVolumeFolders,
  normalizeVolumeFolder,
  ownershipFixArgs,
  planVolumeFolders,
  volumeCreateArgs,
  volumeMountArgs,
} from '../../../src/core/plan/volumeFolders';

const ID = '3f2a9c1d7e5b40a8b6c2d9e1f0a7b3c4';

describe('dependency folders on volumes', () => {
  it('finds the known dependency folders and the named ones that exist', () => {
    const present = new Set(['node_modules', 'vendor/bundle', 'tmp/cache', 'src']);
    assert.deepEqual(
      detectVolumeFolders((f) => present.has(f), ['tmp/cache/', 'missing']),
      ['node_modules', 'vendor/bundle', 'tmp/cache'],
    );
  });

  it('refuses a folder outside the workspace, naming it', () => {
    for (const bad of ['/etc', '../up', 'a/../../b', '', '.', 'a,b', 'x=y']) {
      assert.throws(
        () => normalizeVolumeFolder(bad),
        (error: Error) => error.message.includes(`"${bad}"`),
      );
    }
    assert.equal(normalizeVolumeFolder('./vendor//bundle/'), 'vendor/bundle');
  });

  it('plans one labelled volume per workspace and folder, mounted over it', () => {
    const [volume] = planVolumeFolders(['node_modules', './node_modules'], ID, '/workspaces/app');
    assert.deepEqual(volume, {
      folder: 'node_modules',
      volume: 'slipway-3f2a9c1d7e5b-node_modules',
      target: '/workspaces/app/node_modules',
    });
    assert.deepEqual(volumeMountArgs(volume), [
      '--mount',
      'type=volume,source=slipway-3f2a9c1d7e5b-node_modules,target=/workspaces/app/node_modules',
    ]);
    assert.deepEqual(volumeCreateArgs(volume, ID), [
      'volume',
      'create',
      'slipway-3f2a9c1d7e5b-node_modules',
      '--label',
      'slipway.volumeFolder=node_modules',
      '--label',
      `slipway.workspaceId=${ID}`,
    ]);
  });

  it('names nested folders within Apple volume-name pattern', () => {
    const [volume] = planVolumeFolders(['vendor/bundle'], ID, '/w');
    assert.match(volume?.volume ?? '', /^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
    assert.equal(volume?.volume, 'slipway-3f2a9c1d7e5b-vendor-bundle');
    const [hidden] = planVolumeFolders(['.venv'], ID, '/w');
    assert.equal(hidden?.volume, 'slipway-3f2a9c1d7e5b-venv');
  });

  it('gives a non-root remote user its volumes with a root chown, and root nothing to do', () => {
    const volumes = planVolumeFolders(['node_modules', '.venv'], ID, '/w');
    assert.deepEqual(ownershipFixArgs('c1', 'vscode', volumes), [
      'exec',
      '--user',
      'root',
      'c1',
      'chown',
      'vscode',
      '/w/node_modules',
      '/w/.venv',
    ]);
    assert.equal(ownershipFixArgs('c1', 'root', volumes), undefined);
    assert.equal(ownershipFixArgs('c1', 'vscode', []), undefined);
  });
});
