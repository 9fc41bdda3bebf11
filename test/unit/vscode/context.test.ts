import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from '../../../src/vscode/commandIds';
import { commandHandlers, registerCommands } from '../../../src/vscode/commandHandlers';
import { createSlipwayContext } from '../../../src/vscode/context';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * The one context the commands share: made once, with the workspace's and
 * the global memory of the extension context, everything disposable owned by
 * the extension; every command gets a handler made from it, and a handler
 * that throws is logged and reported as a bug, not left to the editor.
 */

function setUp() {
  const state = newEditorState();
  const fake = useFakeVscode(state);
  const subscriptions: Array<{ dispose(): unknown }> = [];
  const extension = {
    subscriptions,
    workspaceState: fake.fakeMemento(),
    globalState: fake.fakeMemento(),
    extension: { id: 'slipway.slipway', packageJSON: { version: '0.0.0' } },
    extensionPath: '/ext/slipway',
  } as unknown as vscode.ExtensionContext;
  const ctx = createSlipwayContext(extension);
  return { state, ctx, extension, subscriptions };
}

describe('the commands’ context (SlipwayContext)', () => {
  it('keeps the extension’s memories and owns everything it made that must be disposed', () => {
    const { ctx, extension, subscriptions } = setUp();
    assert.equal(ctx.extension, extension);
    assert.equal(ctx.memento, extension.workspaceState);
    assert.equal(ctx.globalState, extension.globalState);
    for (const owned of [
      ctx.log,
      ctx.documents,
      ctx.source,
      ctx.tree,
      ctx.view,
      ctx.statusBar,
      ctx.history,
      ctx.timeline,
      ctx.setupPanel,
    ]) {
      assert.ok(subscriptions.includes(owned as { dispose(): unknown }));
    }
  });

  it('refreshes the containers view through its source', () => {
    const { ctx } = setUp();
    let refreshed = 0;
    (ctx.source as { refresh(): Promise<void> }).refresh = async () => void refreshed++;
    ctx.refresh();
    assert.equal(refreshed, 1);
  });

  it('gives every declared command a handler and registers each once', () => {
    const { state, ctx } = setUp();
    const handlers = commandHandlers(ctx);
    assert.deepEqual(Object.keys(handlers).sort(), [...COMMAND_IDS].sort());
    registerCommands(ctx, handlers);
    assert.deepEqual([...state.commands.keys()].sort(), [...COMMAND_IDS].sort());
  });

  it('logs a handler that throws and says it failed unexpectedly, once', async () => {
    const { state, ctx } = setUp();
    const handlers = commandHandlers(ctx);
    const broken = { ...handlers, 'slipway.refresh': () => Promise.reject(new Error('boom')) };
    registerCommands(ctx, broken as Record<CommandId, (...args: never[]) => unknown>);
    const result = await state.commands.get('slipway.refresh')!();
    assert.equal(result, undefined);
    assert.deepEqual(state.messages, [
      {
        level: 'error',
        text: 'Slipway: slipway.refresh failed unexpectedly. See Slipway: Show Log.',
      },
    ]);
    assert.ok(state.logLines.some((line) => line.startsWith('[error] slipway.refresh failed')));
  });
});
