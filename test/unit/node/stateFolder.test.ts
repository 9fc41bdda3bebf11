import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { FileMemoStore } from '../../../src/node/memoStore';
import { stateFolderError } from '../../../src/node/stateErrors';
import { WindowRegistry } from '../../../src/node/windowRegistry';

/** Slipway's state folder that cannot be written is the user's to fix, and is named. */
describe('an unwritable state folder', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'slipway-state-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  // Root writes through permissions, so the folder is made impossible by a file in the way.
  const blocked = path.join(root, 'a-file');
  writeFileSync(blocked, '');

  function named(where: string) {
    return (error: Error) => {
      assert.equal(error.name, 'SlipwayConfigError', error.stack);
      assert.ok(error.message.includes(where), error.message);
      assert.match(error.message, /SLIPWAY_STATE_DIR/);
      return true;
    };
  }

  it('says so when remembering a container', async () => {
    const store = new FileMemoStore(path.join(blocked, 'containers'));
    const memo = { containerId: 'c1', remoteUser: 'u', home: '/h', shell: 'sh', probedEnv: {} };
    await assert.rejects(store.write(memo), named(path.join(blocked, 'containers')));
  });

  it('says so when marking a window', async () => {
    const registry = new WindowRegistry(path.join(blocked, 'windows'));
    await assert.rejects(registry.register('c1'), named(path.join(blocked, 'windows')));
  });

  it('words a read-only and a full disk', () => {
    for (const [code, words] of [
      ['EROFS', /read-only/],
      ['ENOSPC', /disk is full/],
      ['EACCES', /permission denied/],
    ] as const) {
      const error = stateFolderError(Object.assign(new Error(code), { code }), '/s/x') as Error;
      assert.match(error.message, words);
      assert.match(error.message, /^Slipway cannot write its state at \/s\/x/);
    }
  });
});
