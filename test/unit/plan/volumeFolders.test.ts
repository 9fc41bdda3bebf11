import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  detectVolumeFolders,
  normalizeVolumeFolder,
  ownershipFixCommand,
  ownershipSignature,
  planRequestedVolumeFolders,
  planVolumeFolders,
  volumeCreateArgs,
  volumeMountArgs,
  volumeOwner,
  workspaceVolumeFolders,
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
      '--label',
      'slipway.volumeFolder=node_modules',
      '--label',
      `slipway.workspaceId=${ID}`,
      'slipway-3f2a9c1d7e5b-node_modules',
    ]);
  });

  it('names nested folders within Apple volume-name pattern', () => {
    const [volume] = planVolumeFolders(['vendor/bundle'], ID, '/w');
    assert.match(volume?.volume ?? '', /^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
    assert.equal(volume?.volume, 'slipway-3f2a9c1d7e5b-vendor-bundle');
    const [hidden] = planVolumeFolders(['.venv'], ID, '/w');
    assert.equal(hidden?.volume, 'slipway-3f2a9c1d7e5b-venv');
  });

  it('keeps every name within 63 characters and Apple pattern, distinct per workspace', () => {
    const deep = `${'very-long-folder-name/'.repeat(5)}node_modules`;
    for (const folder of [deep, '.cache/pip', 'a b/c', '__pycache__']) {
      const [volume] = planVolumeFolders([folder], ID, '/w');
      assert.ok((volume?.volume.length ?? 99) <= 63, volume?.volume);
      assert.match(volume?.volume ?? '', /^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
    }
    const [spaced, dashed] = planVolumeFolders(['a b', 'a-b'], ID, '/w');
    assert.notEqual(spaced?.volume, dashed?.volume);
    const other = planVolumeFolders(['node_modules'], 'aa11bb22cc33dd44', '/w')[0]?.volume;
    assert.notEqual(other, planVolumeFolders(['node_modules'], ID, '/w')[0]?.volume);
  });

  it('plans requested folders once each, saying where they came from', () => {
    const planned = planRequestedVolumeFolders(
      [
        { folder: 'node_modules', from: 'slipway.volumeFolders' },
        { folder: './node_modules/', from: '--volume-folder' },
        { folder: '.venv', from: '--volume-folder' },
      ],
      ID,
      '/workspaces/app',
    );
    assert.deepEqual(
      planned.map((v) => [v.folder, v.from, v.target]),
      [
        ['node_modules', 'slipway.volumeFolders', '/workspaces/app/node_modules'],
        ['.venv', '--volume-folder', '/workspaces/app/.venv'],
      ],
    );
    assert.throws(
      () => planRequestedVolumeFolders([{ folder: '../x', from: '--volume-folder' }], ID, '/w'),
      /^.*--volume-folder: "\.\.\/x" is not a folder inside the workspace/,
    );
  });

  it('finds a workspace own volume folders among all volumes by their labels', () => {
    const volumes: Array<{ name: string; labels: Record<string, string> }> = [
      { name: 'a', labels: { 'slipway.volumeFolder': 'node_modules', 'slipway.workspaceId': ID } },
      { name: 'b', labels: { 'slipway.volumeFolder': 'node_modules', 'slipway.workspaceId': 'x' } },
      { name: 'c', labels: { 'slipway.workspaceId': ID } },
      { name: 'd', labels: {} },
    ];
    assert.deepEqual(
      workspaceVolumeFolders(volumes, ID).map((v) => v.name),
      ['a'],
    );
  });

  it('gives the volumes to a non-root remote user, else a non-root container user, else nobody', () => {
    assert.equal(volumeOwner('vscode', 'root'), 'vscode');
    assert.equal(volumeOwner('root', 'node'), 'node');
    assert.equal(volumeOwner('root', undefined), undefined);
    assert.equal(volumeOwner('0', '0:0'), undefined);
    const volumes = planVolumeFolders(['node_modules', '.venv'], ID, '/w');
    const command = ownershipFixCommand('vscode', volumes);
    assert.deepEqual(command?.slice(0, 2), ['/bin/sh', '-c']);
    assert.deepEqual(command?.slice(3), [
      'slipway-volume-owner',
      'vscode',
      '/w/node_modules',
      '/w/.venv',
    ]);
    assert.equal(ownershipFixCommand(undefined, volumes), undefined);
    assert.equal(ownershipFixCommand('vscode', []), undefined);
    assert.equal(
      ownershipSignature('vscode', volumes),
      'vscode slipway-3f2a9c1d7e5b-node_modules slipway-3f2a9c1d7e5b-venv',
    );
  });
});
