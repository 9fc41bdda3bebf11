import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { editorSetupInvocation, serverFolderFor } from '../../../src/core/ssh/editorSetup';

/** Runs the script the exec would run, here, in a scratch HOME. */
function runLocally(invocation: { args: string[]; input: string }, home: string): string {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home };
  const args = invocation.args;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-e') {
      const [name, ...value] = args[i + 1]!.split('=');
      env[name!] = value.join('=');
    }
  }
  const shellAt = args.indexOf('/bin/sh');
  const result = spawnSync('/bin/sh', args.slice(shellAt + 1), {
    env,
    input: invocation.input,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('editor set-up in the container', () => {
  it('writes machine settings and .gitconfig as the remote user, only when they are not there', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'slipway-editor-setup-'));
    try {
      const invocation = editorSetupInvocation({
        containerId: 'c1',
        remoteUser: 'vscode',
        uriScheme: 'cursor',
        settings: { 'editor.tabSize': 2, 'x.quote': 'it\'s "quoted" $HOME' },
        gitconfig: '[user]\n\tname = Me\n',
      })!;
      assert.deepEqual(invocation.args.slice(0, 5), ['exec', '-i', '-u', 'vscode', '-e']);
      assert.ok(!invocation.input.includes('tabSize'), 'values travel in the environment only');
      assert.match(
        runLocally(invocation, home),
        /wrote \.cursor-server\/data\/Machine\/settings\.json/,
      );
      const settings = JSON.parse(
        readFileSync(path.join(home, '.cursor-server/data/Machine/settings.json'), 'utf8'),
      );
      assert.deepEqual(settings, { 'editor.tabSize': 2, 'x.quote': 'it\'s "quoted" $HOME' });
      assert.equal(readFileSync(path.join(home, '.gitconfig'), 'utf8'), '[user]\n\tname = Me\n');
      // A second connect keeps what the container has now.
      writeFileSync(path.join(home, '.gitconfig'), 'changed inside\n');
      assert.equal(runLocally(invocation, home), '');
      assert.equal(readFileSync(path.join(home, '.gitconfig'), 'utf8'), 'changed inside\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('does nothing when there is nothing to write, and knows each editor’s server folder', () => {
    assert.equal(
      editorSetupInvocation({
        containerId: 'c',
        remoteUser: 'u',
        uriScheme: 'vscode',
        settings: {},
      }),
      undefined,
    );
    assert.equal(serverFolderFor('vscode'), '.vscode-server');
    assert.equal(serverFolderFor('windsurf'), '.windsurf-server');
    assert.equal(serverFolderFor('something-new'), '.vscode-server');
  });
});
