/**
 * Runs inside desktop VS Code's extension host (see runTests.ts): the real
 * activation, the real command registry, and the tree filled from `container`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

interface SlipwayTestApi {
  containers(): Array<{ kind: string; item?: { id: string; contextValue: string } }>;
  refresh(): Promise<void>;
  settled: Promise<void>;
}

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }> };
};

function defineTests(): void {
  let api: SlipwayTestApi;

  before(async () => {
    const containerPath = process.env.SLIPWAY_TEST_CONTAINER_PATH;
    if (containerPath) {
      await vscode.workspace
        .getConfiguration('slipway')
        .update('containerPath', containerPath, vscode.ConfigurationTarget.Global);
    }
    const extension = vscode.extensions.getExtension<SlipwayTestApi>('slipway.slipway');
    assert.ok(extension, 'the extension is installed');
    api = await extension.activate();
    await api.settled;
  });

  it('activates on a workspace with a devcontainer.json', () => {
    assert.equal(vscode.extensions.getExtension('slipway.slipway')?.isActive, true);
  });

  it('registers every command package.json declares', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is registered`);
    }
  });

  it('fills the containers tree from `container list`', async () => {
    await api.refresh();
    const name = process.env.SLIPWAY_TEST_CONTAINER_NAME;
    const node = api.containers().find((n) => n.item?.id === name);
    assert.ok(node, `${String(name)} is in the tree`);
    assert.match(node.item!.contextValue, /^container\+running/);
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  defineTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} desktop tests failed`)) : resolve(),
    );
  });
}
