/**
 * Fake `container` executables for runner tests: tiny Node scripts in a temp
 * directory, run directly through their `#!/usr/bin/env node` line, exactly
 * as the runner runs Apple's binary. Output goes through fs.writeSync so that
 * it is complete before the script exits.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'slipway-runner-'));
}

/** Writes `body` as an executable Node script (mode 0755, or `mode` if given). */
export async function writeFakeCli(
  directory: string,
  name: string,
  body: string,
  mode = 0o755,
): Promise<string> {
  const file = path.join(directory, name);
  const preamble = [
    '#!/usr/bin/env node',
    "'use strict';",
    "const fs = require('fs');",
    // A pipe may be non-blocking; retry so large outputs arrive whole.
    'function out(fd, text) {',
    '  const buffer = Buffer.from(text);',
    '  let offset = 0;',
    '  while (offset < buffer.length) {',
    '    try { offset += fs.writeSync(fd, buffer, offset, Math.min(65536, buffer.length - offset)); }',
    "    catch (e) { if (e.code !== 'EAGAIN') throw e; }",
    '  }',
    '}',
    '',
  ].join('\n');
  await fs.writeFile(file, `${preamble}${body}\n`, { mode });
  await fs.chmod(file, mode);
  return file;
}

/** Fails the test instead of hanging it when a promise never settles. */
export async function settlesWithin<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rejection of a promise that must reject (within the guard time). */
export async function rejectionOf(promise: Promise<unknown>, ms = 10_000): Promise<unknown> {
  try {
    await settlesWithin(promise, ms);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('did not settle within')) {
      throw error;
    }
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
