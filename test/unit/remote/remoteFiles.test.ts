import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { isConfigError } from '../../../src/core/errors';
import {
  LIST_SCRIPT,
  READ_SCRIPT,
  STAT_SCRIPT,
  listResult,
  readResult,
  statResult,
  type ScriptResult,
} from '../../../src/core/remote/remoteFiles';

/**
 * The scripts that read a workspace on the remote Mac, run here under a
 * plain /bin/sh as ssh would run them there, and their answers interpreted.
 */

function sh(script: string, ...args: string[]): ScriptResult {
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...args], { timeout: 10_000 });
  assert.equal(result.error, undefined, 'the script must never hang');
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString() };
}

function configError(run: () => unknown, message: RegExp, file: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isConfigError(error));
    assert.match(error.message, message);
    assert.equal(error.file, file);
    return true;
  });
}

describe('workspace files on the remote Mac', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'slipway-remote-files-'));
    mkdirSync(path.join(dir, '.devcontainer'));
    writeFileSync(path.join(dir, '.devcontainer', 'devcontainer.json'), '{"image":"x"} // é');
    writeFileSync(path.join(dir, '-dash'), 'dash');
    writeFileSync(path.join(dir, 'with\nnewline'), '');
    writeFileSync(path.join(dir, 'big'), 'x'.repeat(101));
    spawnSync('mkfifo', [path.join(dir, 'fifo')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file whole, and a missing one as undefined', () => {
    const file = path.join(dir, '.devcontainer', 'devcontainer.json');
    assert.equal(readResult(file, 'mac', 100, sh(READ_SCRIPT, file, '101')), '{"image":"x"} // é');
    const missing = path.join(dir, 'nope.json');
    assert.equal(readResult(missing, 'mac', 100, sh(READ_SCRIPT, missing, '101')), undefined);
    const dash = path.join(dir, '-dash');
    assert.equal(readResult(dash, 'mac', 100, sh(READ_SCRIPT, dash, '101')), 'dash');
  });

  it('refuses a folder, a FIFO (without opening it) and a file over the cap', () => {
    configError(() => readResult(dir, 'mac', 100, sh(READ_SCRIPT, dir, '101')), /is a folder/, dir);
    const fifo = path.join(dir, 'fifo');
    configError(
      () => readResult(fifo, 'mac', 100, sh(READ_SCRIPT, fifo, '101')),
      /not a regular file/,
      fifo,
    );
    const big = path.join(dir, 'big');
    configError(
      () => readResult(big, 'mac', 100, sh(READ_SCRIPT, big, '101')),
      /larger than 100 bytes/,
      big,
    );
  });

  it('says when the Mac does not let it read', function () {
    if (process.getuid?.() === 0) {
      // root reads anything: the answer is fed in as the script gives it.
      configError(
        () => readResult('/f', 'mac', 100, { exitCode: 6, stdout: new Uint8Array(), stderr: '' }),
        /cannot read this on mac: permission denied/,
        '/f',
      );
      return;
    }
    const locked = path.join(dir, 'locked');
    writeFileSync(locked, 'secret');
    chmodSync(locked, 0);
    configError(
      () => readResult(locked, 'mac', 100, sh(READ_SCRIPT, locked, '101')),
      /permission denied/,
      locked,
    );
  });

  it('stats and lists, names with newlines included', () => {
    assert.deepEqual(statResult(dir, 'mac', sh(STAT_SCRIPT, dir)), { kind: 'directory', size: 0 });
    const big = path.join(dir, 'big');
    assert.deepEqual(statResult(big, 'mac', sh(STAT_SCRIPT, big)), { kind: 'file', size: 101 });
    const fifo = path.join(dir, 'fifo');
    assert.deepEqual(statResult(fifo, 'mac', sh(STAT_SCRIPT, fifo)), { kind: 'other', size: 0 });
    const none = path.join(dir, 'none');
    assert.equal(statResult(none, 'mac', sh(STAT_SCRIPT, none)), undefined);
    assert.deepEqual(listResult(dir, 'mac', sh(LIST_SCRIPT, dir)).sort(), [
      '-dash',
      '.devcontainer',
      'big',
      'fifo',
      'with\nnewline',
    ]);
    assert.deepEqual(listResult(none, 'mac', sh(LIST_SCRIPT, none)), []);
  });
});
