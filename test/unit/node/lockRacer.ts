import { appendFileSync, openSync, closeSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { FileLocks } from '../../../src/node/fileLocks';

/**
 * One contender in the lock race of fileLocks.test.ts: takes the lock, checks
 * that nobody else is inside (an exclusive marker file), stays a moment,
 * and leaves. Arguments: the locks folder, the log file, and when to start
 * (epoch milliseconds, so that all contenders find the stale lock at once).
 */
async function main(): Promise<void> {
  const [folder, log, start] = process.argv.slice(2) as [string, string, string];
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(start) - Date.now())));
  const locks = new FileLocks(folder, { staleMs: 3_000, updateMs: 1_000, pollMs: 10 });
  const release = await locks.acquire('race');
  const inside = path.join(folder, 'inside');
  try {
    closeSync(openSync(inside, 'wx'));
  } catch {
    appendFileSync(log, `overlap ${process.pid}\n`);
    await release();
    return;
  }
  appendFileSync(log, `in ${process.pid}\n`);
  await new Promise((resolve) => setTimeout(resolve, 150));
  rmSync(inside);
  await release();
}

void main();
