import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { processStartToken } from '../../../src/node/processIdentity';
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

  it('records the process start time in the marker', async () => {
    const registry = new WindowRegistry(path.join(folder, 'started'));
    await registry.register('c3');
    const marker = readFileSync(path.join(folder, 'started', 'c3', String(process.pid)), 'utf8');
    assert.equal(marker, await processStartToken(process.pid));
    assert.notEqual(marker, '');
  });

  it('does not count a marker whose PID now belongs to another process', async () => {
    const registry = new WindowRegistry(path.join(folder, 'reused'));
    // The window that wrote this marker started at another time than the
    // process that has its PID now (the parent, alive): a reused PID.
    const reused = process.ppid;
    const now = await processStartToken(reused);
    assert.ok(now !== undefined, 'this system can tell when a process started');
    const earlier = now.replace(/\d+$/, (ticks) => String(Number(ticks) + 1));
    mkdirSync(path.join(folder, 'reused', 'c2'), { recursive: true });
    writeFileSync(path.join(folder, 'reused', 'c2', String(reused)), earlier);
    await registry.register('c2');
    assert.equal(await registry.unregister('c2'), 0, 'the last real window closed');
  });
});
