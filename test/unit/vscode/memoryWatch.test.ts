import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import { describe, it } from 'mocha';
import type * as vscode from 'vscode';
import type { ContainerCommand, ContainerInfo } from '../../../src/core/client/types';
import type { ContainerUsage } from '../../../src/core/view/usage';
import type { SourceState } from '../../../src/vscode/containers/containersSource';
import { memoryPeakOf, watchMemory } from '../../../src/vscode/containers/memoryWatch';
import type { SlipwayContext } from '../../../src/vscode/context';
import { newEditorState, Uri, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * What the containers view's polling does for memory: keeps each
 * container's peak, and a container that stopped on its own after the OOM
 * killer is reported once, with Configure Resources… at a larger size.
 */

const GIB = 2 ** 30;
/** Half again the 4 GiB it ran out of, unless this machine (the "Mac" here) has less. */
const SUGGESTED = Math.min(6 * GIB, Math.floor(totalmem() / GIB) * GIB);
const FOLDER = '/Users/me/proj';
const KILL =
  '[  812.1] Out of memory: Killed process 1 (sleep) total-vm:100kB, anon-rss:64kB, file-rss:0kB';

function container(state: ContainerInfo['state']): ContainerInfo {
  return {
    id: 'proj-1234abcd',
    state,
    image: 'alpine',
    rosetta: false,
    labels: { 'devcontainer.local_folder': FOLDER },
    publishedPorts: [],
    environment: [],
    memoryBytes: 4 * GIB,
    startedDate: '2026-12-04T10:00:00Z',
  };
}

function setup(bootLog: string, answers: string[] = []) {
  const state: FakeEditorState = newEditorState({
    workspaceFolders: [{ uri: Uri.file(FOLDER), name: 'proj', index: 0 }],
    answers,
    executed: [],
  });
  const fake = useFakeVscode(state);
  const listeners: Array<(state: SourceState) => void> = [];
  const bootLogReads: string[][] = [];
  const runner = {
    run: async <T>(command: ContainerCommand<T>): Promise<T> => {
      bootLogReads.push(command.args);
      return command.parse(bootLog, { exitCode: 0, stderr: '' });
    },
  };
  const globalState = fake.fakeMemento() as unknown as vscode.Memento;
  const log = { debug: () => undefined, warn: () => undefined };
  const ctx = {
    source: { onDidChange: (listener: (s: SourceState) => void) => listeners.push(listener) },
    globalState,
    services: { runner: () => runner },
    log,
  } as unknown as Pick<SlipwayContext, 'source' | 'globalState' | 'services' | 'log'>;
  watchMemory(ctx);
  const fire = (containers: ContainerInfo[], usage = new Map<string, ContainerUsage>()) =>
    listeners.forEach((listener) => listener({ kind: 'ok', containers, usage }));
  return { state, globalState, fire, bootLogReads };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the containers view’s memory watch', () => {
  it('keeps the highest memory use per container across samples', async () => {
    const { globalState, fire } = setup('');
    const sample = (used: number) =>
      new Map([['proj-1234abcd', { memoryUsedBytes: used, memoryLimitBytes: 4 * GIB }]]);
    fire([container('running')], sample(2 * GIB));
    fire([container('running')], sample(1 * GIB));
    await settle();
    assert.equal(memoryPeakOf(globalState, 'proj-1234abcd')?.peakBytes, 2 * GIB);
    fire([container('running')], sample(3 * GIB));
    await settle();
    assert.equal(memoryPeakOf(globalState, 'proj-1234abcd')?.peakBytes, 3 * GIB);
  });

  it('reports a container the OOM killer stopped, once, with Configure Resources… at a larger size', async () => {
    const { state, fire, bootLogReads } = setup(`[    0.1] Booting Linux\n${KILL}\n`, [
      'Configure Resources…',
    ]);
    fire([container('running')]);
    fire([container('stopped')]);
    await settle();
    assert.deepEqual(bootLogReads, [['logs', '--boot', '-n', '400', 'proj-1234abcd']]);
    assert.equal(state.messages.length, 1);
    assert.equal(state.messages[0]?.level, 'warning');
    assert.match(
      state.messages[0]?.text ?? '',
      new RegExp(
        `^The dev container proj-1234abcd stopped: the container ran out of its 4 GiB\\. Give the container more memory, such as ${SUGGESTED / GIB} GiB`,
      ),
    );
    assert.deepEqual(state.executed, [
      { id: 'slipway.configureResources', args: [{ memoryBytes: SUGGESTED }] },
    ]);
    // The same run, seen stopped again (another poll, another window): said once.
    fire([container('running')]);
    fire([container('stopped')]);
    await settle();
    assert.equal(state.messages.length, 1);
  });

  it('says nothing when the boot log has no kill, or the container was stopped already', async () => {
    const { state, fire, bootLogReads } = setup('[    0.1] Booting Linux\n');
    fire([container('stopped')]);
    await settle();
    assert.deepEqual(bootLogReads, [], 'the first look is not news');
    fire([container('running')]);
    fire([container('stopped')]);
    await settle();
    assert.equal(bootLogReads.length, 1);
    assert.deepEqual(state.messages, []);
  });
});
