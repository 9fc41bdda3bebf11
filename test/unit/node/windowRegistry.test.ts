import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { WindowRegistry } from '../../../src/node/windowRegistry';

describe('windows open on a container', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'slipway-windows-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('counts the live windows left, ignoring those of processes that are gone', async () => {
    const registry = new WindowRegistry(path.join(folder, 'windows'));
    // A process that has exited: its marker must not keep the container running.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    await registry.register('c1', gone);
    await registry.register('c1', process.pid);
    await registry.register('c1', process.ppid);
    assert.equal(await registry.unregister('c1', process.pid), 1, 'the parent is still there');
    assert.equal(await registry.unregister('c1', process.ppid), 0);
    assert.equal(await registry.unregister('other'), 0);
  });
});
