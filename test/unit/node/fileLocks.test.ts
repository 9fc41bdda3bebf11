import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { FileLocks } from '../../../src/node/fileLocks';

describe('FileLocks', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'slipway-locks-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('lets one holder in at a time, in turn', async () => {
    const locks = new FileLocks(folder, 10);
    const order: string[] = [];
    const first = await locks.acquire('ws');
    assert.equal(readFileSync(path.join(folder, 'ws.lock'), 'utf8'), String(process.pid));
    assert.equal(statSync(path.join(folder, 'ws.lock')).mode & 0o777, 0o600);
    const second = locks.acquire('ws').then((release) => {
      order.push('second');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('first done');
    await first();
    await (
      await second
    )();
    assert.deepEqual(order, ['first done', 'second']);
  });

  it('takes over a lock whose owner has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(path.join(folder, 'stale.lock'), dead);
    const release = await new FileLocks(folder, 10).acquire('stale');
    await release();
  });

  it('stops waiting when cancelled', async () => {
    const locks = new FileLocks(folder, 10);
    const held = await locks.acquire('busy');
    const controller = new AbortController();
    const waiting = locks.acquire('busy', controller.signal);
    controller.abort();
    await assert.rejects(waiting);
    await held();
  });
});
