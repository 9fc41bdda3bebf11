import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { RemoteFileSystem } from '../../../src/node/remote/remoteFileSystem';
import { Services } from '../../../src/vscode/services';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * The one place the editor picks its engine: this machine's `container`, or
 * another Mac's over the route a container window recorded (its alias,
 * user, port and ssh_config), as `slipway --host` would reach it.
 */

const log = { debug: () => undefined, info: () => undefined } as unknown as vscode.LogOutputChannel;

describe('Services for another Mac', () => {
  let stateDir: string;
  const previous = process.env.SLIPWAY_STATE_DIR;

  before(() => {
    useFakeVscode(newEditorState());
    stateDir = mkdtempSync(path.join(tmpdir(), 'slipway-services-'));
    process.env.SLIPWAY_STATE_DIR = stateDir;
  });

  after(() => {
    rmSync(stateDir, { recursive: true, force: true });
    if (previous === undefined) {
      delete process.env.SLIPWAY_STATE_DIR;
    } else {
      process.env.SLIPWAY_STATE_DIR = previous;
    }
  });

  it('builds the ssh of the recorded route, once per route, and its engine reads that Mac', () => {
    const services = new Services(log);
    const route = { host: 'mac-studio', user: 'me', port: 2222, configFile: '/Users/me/.ssh/cfg' };
    const mac = services.onMac(route);
    assert.equal(services.onMac(undefined), services);
    assert.equal(services.session, undefined);
    assert.equal(services.onMac({ ...route }), mac, 'one shared connection per route');
    const argv = mac.session?.argv(['container', 'ls']) ?? [];
    assert.deepEqual(argv.slice(0, 2), ['-F', '/Users/me/.ssh/cfg']);
    assert.ok(argv.join(' ').includes('-p 2222 -l me'));
    assert.deepEqual(argv.slice(-3), ['--', 'mac-studio', 'container ls']);
    assert.ok(mac.engine().fs instanceof RemoteFileSystem);
    assert.ok(!(services.engine().fs instanceof RemoteFileSystem));
  });

  it('refuses a recorded host that ssh would read as an option, saying what to do', () => {
    assert.throws(
      () => new Services(log).onMac({ host: '-oProxyCommand=touch /tmp/x' }),
      /not an SSH destination Slipway can use.*Reopen the folder from a window on that Mac/,
    );
  });
});
