import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { warnOvercommit } from '../../../src/vscode/startup/overcommitNotice';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/** `up`'s overcommit warning in the editor: a warning with the two places to act on it. */

const MESSAGE =
  "Containers would hold 16 GiB of this Mac's 16 GiB (100%); memory given to a container VM is not returned to macOS.";

describe('the overcommit warning in the editor', () => {
  it('is a warning notification, and its buttons open Configure Container Resources or Check Setup', async () => {
    for (const [answer, command] of [
      ['Configure Container Resources', 'slipway.configureResources'],
      ['Check Setup', 'slipway.checkSetup'],
    ] as const) {
      const state = newEditorState({ answers: [answer], executed: [] });
      useFakeVscode(state);
      await warnOvercommit(MESSAGE);
      assert.deepEqual(state.messages, [{ level: 'warning', text: MESSAGE }]);
      assert.deepEqual(
        state.executed?.map((c) => c.id),
        [command],
      );
    }
  });

  it('runs nothing when dismissed', async () => {
    const state = newEditorState({ answers: [undefined], executed: [] });
    useFakeVscode(state);
    await warnOvercommit(MESSAGE);
    assert.deepEqual(state.executed, []);
  });
});
