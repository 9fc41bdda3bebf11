import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import { openWalkthroughOnce } from '../../../src/vscode/walkthrough';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/** An extension context with just what the walkthrough reads: its id and globalState. */
function fakeContext(): vscode.ExtensionContext {
  const values = new Map<string, unknown>();
  const globalState = {
    get: (key: string) => values.get(key),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  };
  return {
    extension: { id: 'slipway.slipway' },
    globalState,
  } as unknown as vscode.ExtensionContext;
}

describe('the Get Started walkthrough on first activation', () => {
  it('opens once per machine, by its full id', async () => {
    const state = newEditorState({ executed: [] });
    useFakeVscode(state);
    const context = fakeContext();
    await openWalkthroughOnce(context);
    await openWalkthroughOnce(context);
    assert.deepEqual(state.executed, [
      { id: 'workbench.action.openWalkthrough', args: ['slipway.slipway#gettingStarted', false] },
    ]);
  });

  it('stays closed when the user turned walkthroughs on install off', async () => {
    const state = newEditorState({
      executed: [],
      userSettings: { 'workbench.welcomePage.walkthroughs.openOnInstall': false },
    });
    useFakeVscode(state);
    await openWalkthroughOnce(fakeContext());
    assert.deepEqual(state.executed, []);
  });
});
