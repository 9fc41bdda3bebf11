import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'mocha';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/** The views say which Mac the containers and timings are on when Slipway runs on another Mac. */

const UI = 1;
const WORKSPACE = 2;

describe('the host in the views, when Slipway runs on another Mac', () => {
  it('is named only for Slipway in the remote extension host of a Remote-SSH window', async () => {
    const state = newEditorState({ remoteName: 'ssh-remote' });
    useFakeVscode(state);
    const { windowHostLabel } = await import('../../../src/vscode/remoteMac');
    const short = hostname().replace(/\.local$/i, '');
    assert.equal(windowHostLabel(WORKSPACE as never), `on ${short}`);
    assert.equal(windowHostLabel(UI as never), undefined, 'Slipway on the user’s machine');
    state.remoteAuthority = 'ssh-remote+mac-studio';
    assert.equal(windowHostLabel(WORKSPACE as never), 'on mac-studio');
    state.remoteName = undefined;
    assert.equal(windowHostLabel(WORKSPACE as never), undefined, 'a local window');
  });

  it('follows the status bar text and the timeline title', async () => {
    const state = newEditorState();
    useFakeVscode(state);
    const { StartupStatusBar } = await import('../../../src/vscode/startup/statusBar');
    const bar = new StartupStatusBar('on mac-studio');
    bar.show({ kind: 'busy', phase: 'create', operation: 'reopen', elapsedMs: 1200 });
    const item = state.statusBarItems?.[0];
    assert.match(item?.text ?? '', / on mac-studio$/);
    bar.show({ kind: 'idle' });
    assert.equal(item?.text, '', 'nothing added to a hidden item');

    const { TimelineView } = await import('../../../src/vscode/timelineView');
    const history = { all: () => [], onDidChange: () => ({ dispose: () => undefined }) };
    new TimelineView(history as never, 'on mac-studio').show();
    const panel = state.webviewPanels?.[0];
    assert.equal(panel?.title, 'Startup Timeline on mac-studio');
    assert.match(panel?.html ?? '', /Startup Timeline on mac-studio/);
  });
});
