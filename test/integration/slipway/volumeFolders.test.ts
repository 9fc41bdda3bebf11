import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { buildCli, container, slipway, workspace } from './harness';

/**
 * A dependency folder on a named volume, end to end with a real `container`
 * (the stand-in here, whose volumes are empty root-owned disks as Apple's
 * are): created and labelled by `up`, mounted over the folder, given to the
 * non-root remote user before postCreateCommand installs into it, kept by a
 * rebuild, and removed only by `down --volumes`.
 */

const DEBIAN = 'docker.io/library/debian:bookworm';

interface VolumeRow {
  name: string;
  labels: Record<string, string>;
}

function volumes(): VolumeRow[] {
  const listed = container(['volume', 'list', '--format', 'json']);
  assert.equal(listed.status, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as Array<Record<string, unknown>>).map((entry) => {
    const config = (entry.configuration ?? entry.config ?? entry) as {
      name: string;
      labels?: Record<string, string>;
    };
    return { name: config.name, labels: config.labels ?? {} };
  });
}

describe('slipway up --volume-folder (integration)', function () {
  this.timeout(300_000);
  let folder: string;
  const up = (...extra: string[]) =>
    slipway(['up', '--workspace-folder', folder, '--volume-folder', 'node_modules', ...extra]);
  const exec = (script: string) =>
    slipway(['exec', '--workspace-folder', folder, 'sh', '-c', script]);

  before(() => {
    buildCli();
    folder = workspace('volume-folders', {
      '.devcontainer/devcontainer.json': JSON.stringify({
        image: DEBIAN,
        remoteUser: 'vscode',
        // As an install would: the remote user writes into the folder before the editor connects.
        postCreateCommand: 'id -un > node_modules/installed-by',
      }),
      'package.json': '{}',
    });
  });

  after(() => {
    slipway(['down', '--force', '--volumes', '--workspace-folder', folder]);
  });

  it('puts the folder on a labelled volume owned by the remote user, surviving a rebuild', () => {
    const first = up();
    assert.equal(first.status, 0, first.stderr);
    const id = first.json.containerId as string;
    const ours = volumes().filter((v) => v.labels['slipway.volumeFolder'] === 'node_modules');
    assert.equal(ours.length, 1, JSON.stringify(volumes()));
    const volume = ours[0]!;
    assert.match(volume.name, /^slipway-[0-9a-v]{12}-node_modules$/);

    const inspected = container(['inspect', id]);
    assert.equal(inspected.status, 0, inspected.stderr);
    const [info] = JSON.parse(inspected.stdout) as Array<{
      configuration: { mounts: Array<{ destination: string; type: Record<string, unknown> }> };
    }>;
    const mount = info!.configuration.mounts.find(
      (m) => m.destination === '/workspaces/volume-folders/node_modules',
    );
    assert.ok(
      mount !== undefined && 'volume' in mount.type,
      JSON.stringify(info!.configuration.mounts),
    );

    const owned = exec('stat -c %U node_modules; cat node_modules/installed-by');
    assert.equal(owned.stdout, 'vscode\nvscode\n', owned.stderr);
    assert.equal(exec('echo kept > node_modules/dep.txt').status, 0);
    // On the volume, not in the workspace on the host.
    assert.equal(existsSync(path.join(folder, 'node_modules', 'dep.txt')), false);

    const rebuilt = up('--remove-existing-container');
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    assert.equal(rebuilt.json.action, 'created');
    const after = exec('cat node_modules/dep.txt; stat -c %U node_modules');
    assert.equal(after.stdout, 'kept\nvscode\n', after.stderr);
    assert.deepEqual(
      volumes()
        .filter((v) => v.labels['slipway.volumeFolder'] === 'node_modules')
        .map((v) => v.name),
      [volume.name],
    );
  });

  it('down keeps the volume; down --volumes removes it', () => {
    const named = () =>
      volumes().filter((v) => v.labels['slipway.volumeFolder'] === 'node_modules');
    const kept = slipway(['down', '--force', '--workspace-folder', folder]);
    assert.equal(kept.status, 0, kept.stderr);
    assert.equal(named().length, 1);
    const name = named()[0]?.name;
    const again = up();
    assert.equal(again.status, 0, again.stderr);
    assert.equal(exec('cat node_modules/dep.txt').stdout, 'kept\n');
    const removed = slipway(['down', '--force', '--volumes', '--workspace-folder', folder]);
    assert.equal(removed.status, 0, removed.stderr);
    assert.deepEqual(removed.json.volumes, [name]);
    assert.equal(named().length, 0);
  });
});
