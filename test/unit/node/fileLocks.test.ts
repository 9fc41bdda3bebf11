import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { FileLocks } from '../../../src/node/fileLocks';

/** Fails a promise that would otherwise wait forever (as the old lock did). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A minute old: long past any holder's refresh. */
function makeOld(file: string): void {
  const old = new Date(Date.now() - 60_000);
  utimesSync(file, old, old);
}

const FAST = { staleMs: 3_000, updateMs: 1_000, pollMs: 10 };

describe('FileLocks', function () {
  this.timeout(30_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'slipway-locks-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('lets one holder in at a time, in turn, and says who holds it', async () => {
    const locks = new FileLocks(folder, { ...FAST, command: 'slipway up' });
    const order: string[] = [];
    const first = await locks.acquire('ws');
    const holder = JSON.parse(readFileSync(path.join(folder, 'ws.holder.json'), 'utf8'));
    assert.equal(holder.pid, process.pid);
    assert.equal(holder.command, 'slipway up');
    assert.equal(statSync(path.join(folder, 'ws.holder.json')).mode & 0o777, 0o600);
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
    assert.equal(existsSync(path.join(folder, 'ws.lock')), false, 'released');
    assert.equal(existsSync(path.join(folder, 'ws.holder.json')), false, 'no holder left');
  });

  it('takes over a lock whose owner has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(path.join(folder, 'stale.lock'), dead);
    makeOld(path.join(folder, 'stale.lock'));
    const release = await within(new FileLocks(folder, FAST).acquire('stale'), 5_000, 'acquire');
    await release();
  });

  it('takes over a stale lock that names a live, unrelated process (a reused PID)', async () => {
    // The parent is alive, but it does not refresh this lock: it is not the holder.
    writeFileSync(path.join(folder, 'reused.lock'), String(process.ppid));
    makeOld(path.join(folder, 'reused.lock'));
    const release = await within(new FileLocks(folder, FAST).acquire('reused'), 5_000, 'acquire');
    await release();
    // The same with a lock folder and a holder record naming it.
    mkdirSync(path.join(folder, 'reused2.lock'));
    writeFileSync(
      path.join(folder, 'reused2.holder.json'),
      JSON.stringify({ pid: process.ppid, command: 'slipway up' }),
    );
    makeOld(path.join(folder, 'reused2.lock'));
    const again = await within(new FileLocks(folder, FAST).acquire('reused2'), 5_000, 'acquire');
    await again();
  });

  it('takes over an empty or corrupt lock file (a full disk)', async () => {
    for (const [key, content] of [
      ['empty', ''],
      ['corrupt', '\u0000\u0000garbage'],
    ] as const) {
      writeFileSync(path.join(folder, `${key}.lock`), content);
      makeOld(path.join(folder, `${key}.lock`));
      const release = await within(new FileLocks(folder, FAST).acquire(key), 5_000, key);
      await release();
    }
  });

  it('gives up after a bounded wait, naming the holder and how to clear the lock', async () => {
    const holder = new FileLocks(folder, { ...FAST, command: 'slipway up' });
    const held = await holder.acquire('busy-named');
    const lines: string[] = [];
    const waiter = new FileLocks(folder, { ...FAST, waitMs: 300, log: (line) => lines.push(line) });
    const error = await within(
      waiter.acquire('busy-named').then(
        () => undefined,
        (reason: unknown) => reason as Error,
      ),
      5_000,
      'the bounded wait',
    );
    await held();
    assert.ok(error, 'the wait fails');
    assert.equal(error.name, 'SlipwayConfigError');
    assert.match(
      error.message,
      new RegExp(`slipway up \\(pid ${process.pid}, started \\d\\d:\\d\\d`),
    );
    assert.match(error.message, /holding the lock since \d\d:\d\d/);
    assert.ok(error.message.includes(path.join(folder, 'busy-named.lock')), error.message);
    assert.match(lines.join(''), /Waiting for slipway up \(pid \d+/);
  });

  it('says when the process named as the holder has ended (its PID now free or reused)', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    mkdirSync(path.join(folder, 'ended.lock'));
    writeFileSync(
      path.join(folder, 'ended.holder.json'),
      JSON.stringify({ pid: dead, command: 'slipway up', hostname: hostname(), since: new Date() }),
    );
    const waiter = new FileLocks(folder, { ...FAST, waitMs: 200 });
    await assert.rejects(waiter.acquire('ended'), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(`slipway up \\(pid ${dead}, .*and that process has ended\\)`),
      );
      assert.ok(
        error.message.includes(`remove the lock folder ${path.join(folder, 'ended.lock')}`),
      );
      return true;
    });
  });

  it('lets exactly one process in at a time after a stale lock', async () => {
    const race = mkdtempSync(path.join(tmpdir(), 'slipway-race-'));
    try {
      // A crashed holder's lock, as the previous Slipway left it.
      writeFileSync(path.join(race, 'race.lock'), '999999');
      makeOld(path.join(race, 'race.lock'));
      const log = path.join(race, 'log');
      writeFileSync(log, '');
      const racer = path.join(__dirname, 'lockRacer.ts');
      // Time enough for every contender to load, then all go at once.
      const start = String(Date.now() + 4_000);
      const contenders = Array.from(
        { length: 5 },
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', racer, race, log, start], {
              stdio: 'inherit',
            });
            child.on('close', resolve);
          }),
      );
      const codes = await Promise.all(contenders);
      assert.deepEqual(codes, [0, 0, 0, 0, 0]);
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      assert.equal(lines.filter((line) => line.startsWith('overlap')).length, 0, lines.join('\n'));
      assert.equal(lines.filter((line) => line.startsWith('in ')).length, 5);
    } finally {
      rmSync(race, { recursive: true, force: true });
    }
  });

  it('keeps going, and says so, when its lock is taken away', async () => {
    const lines: string[] = [];
    const locks = new FileLocks(folder, { ...FAST, log: (line) => lines.push(line) });
    const release = await locks.acquire('lost');
    rmSync(path.join(folder, 'lost.lock'), { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.match(lines.join(''), /lost\.lock was lost/);
    await release();
  });

  it('stops waiting when cancelled', async () => {
    const locks = new FileLocks(folder, FAST);
    const held = await locks.acquire('busy');
    const controller = new AbortController();
    const waiting = locks.acquire('busy', controller.signal);
    controller.abort(new Error('Interrupted by SIGINT'));
    await assert.rejects(waiting, /Interrupted by SIGINT/);
    await held();
  });

  it('names the state folder when it cannot be written', async () => {
    const file = path.join(folder, 'a-file');
    writeFileSync(file, '');
    await assert.rejects(new FileLocks(path.join(file, 'locks')).acquire('x'), (error: Error) => {
      assert.equal(error.name, 'SlipwayConfigError');
      assert.ok(error.message.includes(path.join(file, 'locks')), error.message);
      assert.match(error.message, /SLIPWAY_STATE_DIR/);
      return true;
    });
  });
});
