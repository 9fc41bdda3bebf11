import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import type * as vscode from 'vscode';
import type { ContainerInfo } from '../../../src/core/client/types';
import { configureResourcesCommand } from '../../../src/vscode/commands/configureResources';
import type { Services } from '../../../src/vscode/services';
import { newEditorState, Uri, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * Configure Container Resources…: what the two picks write, and where.
 * A single folder's values go to the workspace settings, a multi-root
 * workspace's to the folder; "use the config's value" removes the setting;
 * a running container with other values is offered a Rebuild.
 */

const GIB = 2 ** 30;
const WORKSPACE = 2;
const WORKSPACE_FOLDER = 3;

describe('Configure Container Resources', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-resources-'));
  const folder = path.join(scratch, 'proj');
  const configFile = path.join(folder, '.devcontainer', 'devcontainer.json');
  mkdirSync(path.dirname(configFile), { recursive: true });
  // The config asks for 2 CPUs and 2 GiB, so both are in the picks whatever this machine has.
  writeFileSync(
    configFile,
    '{ "image": "alpine", "hostRequirements": { "cpus": 2, "memory": "2gb" } }\n',
  );

  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** Runs the command with `container` listing `containers` (or missing), in a fresh editor. */
  async function configure(
    overrides: Partial<FakeEditorState>,
    containers?: ContainerInfo[],
    memory: { peaks?: Record<string, unknown>; preset?: unknown } = {},
  ): Promise<FakeEditorState> {
    const state = newEditorState({
      workspaceFolders: [{ uri: Uri.file(folder), name: 'proj', index: 0 }],
      settingWrites: [],
      quickPicks: [],
      answers: [],
      executed: [],
      ...overrides,
    });
    const fake = useFakeVscode(state);
    const runner = {
      run: async () => {
        if (containers === undefined) {
          throw new Error('container was not found');
        }
        return containers;
      },
    };
    const services = { runner: () => runner } as unknown as Services;
    const log = { info: () => undefined, error: () => undefined, show: () => undefined };
    const globalState = fake.fakeMemento();
    await globalState.update('slipway.memoryPeaks', memory.peaks);
    await configureResourcesCommand({
      services,
      memento: fake.fakeMemento() as unknown as vscode.Memento,
      globalState: globalState as unknown as vscode.Memento,
      log: log as unknown as vscode.LogOutputChannel,
    })(memory.preset);
    return state;
  }

  it('writes both picks to the workspace settings of a single folder', async () => {
    const state = await configure({ picks: ['2 CPUs', '2 GiB'] });
    assert.deepEqual(state.settingWrites, [
      { key: 'slipway.cpus', value: 2, target: WORKSPACE },
      { key: 'slipway.memory', value: '2G', target: WORKSPACE },
    ]);
    assert.match(state.quickPicks![0]!.labels.join('|'), /^Use the config's value/);
    assert.deepEqual(
      state.messages.map((m) => m.text),
      ["Saved. proj's dev container gets these resources when it is next created."],
    );
  });

  it('writes to the folder in a multi-root workspace', async () => {
    const state = await configure({
      picks: ['2 CPUs', '2 GiB'],
      workspaceFile: Uri.file(path.join(scratch, 'all.code-workspace')),
    });
    assert.deepEqual(
      state.settingWrites?.map((w) => w.target),
      [WORKSPACE_FOLDER, WORKSPACE_FOLDER],
    );
  });

  it('removes the workspace’s own values when the config’s are chosen', async () => {
    const state = await configure({
      settings: { 'slipway.cpus': 8, 'slipway.memory': '8G' },
      picks: ["Use the config's value or the default", "Use the config's value or the default"],
    });
    assert.deepEqual(
      state.settingWrites?.map((w) => [w.key, w.value]),
      [
        ['slipway.cpus', undefined],
        ['slipway.memory', undefined],
      ],
    );
    assert.equal(state.settings['slipway.cpus'], undefined);
  });

  it('writes nothing when a pick is dismissed', async () => {
    const first = await configure({ picks: [null] });
    const second = await configure({ picks: ['2 CPUs', null] });
    assert.deepEqual(first.settingWrites, []);
    assert.deepEqual(second.settingWrites, []);
    assert.deepEqual(second.messages, []);
  });

  it('offers Rebuild when the running container has other resources, and runs it when asked', async () => {
    const running: ContainerInfo = {
      id: 'proj-1234abcd',
      state: 'running',
      image: 'alpine',
      rosetta: false,
      labels: {
        'devcontainer.local_folder': folder,
        'devcontainer.config_file': configFile,
      },
      publishedPorts: [],
      environment: [],
      cpus: 4,
      memoryBytes: 4 * GIB,
    };
    const state = await configure({ picks: ['2 CPUs', '2 GiB'], answers: ['Rebuild Container'] }, [
      running,
    ]);
    assert.match(state.quickPicks![0]!.labels.join('|'), /4 CPUs/, 'the current value is offered');
    assert.deepEqual(
      state.messages.map((m) => m.text),
      ['Saved. proj-1234abcd has 4 CPUs and 4 GiB; rebuild it to get 2 CPUs and 2 GiB?'],
    );
    assert.deepEqual(
      state.executed?.map((e) => e.id),
      ['slipway.rebuild'],
    );
  });

  it('says the running container already has the values when it does', async () => {
    const state = await configure({ picks: ['4 CPUs', '4 GiB'] }, [
      {
        id: 'proj-1234abcd',
        state: 'running',
        image: 'alpine',
        rosetta: false,
        labels: { 'devcontainer.local_folder': folder, 'devcontainer.config_file': configFile },
        publishedPorts: [],
        environment: [],
        cpus: 4,
        memoryBytes: 4 * GIB,
      },
    ]);
    assert.deepEqual(
      state.messages.map((m) => m.text),
      ['Saved. The running container already has these resources.'],
    );
  });
  const runningWith4Gib: ContainerInfo = {
    id: 'proj-1234abcd',
    state: 'running',
    image: 'alpine',
    rosetta: false,
    labels: { 'devcontainer.local_folder': folder, 'devcontainer.config_file': configFile },
    publishedPorts: [],
    environment: [],
    cpus: 4,
    memoryBytes: 4 * GIB,
  };

  it('opens on the larger size a button asked for, saying why, and writes it', async () => {
    // No pick named for memory: the fake takes the first item, as Enter does.
    const state = await configure({ picks: ['4 CPUs'] }, [runningWith4Gib], {
      preset: { memoryBytes: 6 * GIB },
    });
    const memoryPick = state.quickPicks![1]!;
    assert.equal(memoryPick.labels[0], '6 GiB');
    assert.deepEqual(state.settingWrites?.at(-1), {
      key: 'slipway.memory',
      value: '6G',
      target: WORKSPACE,
    });
  });

  it('shows the peak next to the limit, and suggests half again the peak', async () => {
    const state = await configure({ picks: ['4 CPUs', null] }, [runningWith4Gib], {
      peaks: {
        'proj-1234abcd': { peakBytes: 3.2 * GIB, limitBytes: 4 * GIB, at: '2026-12-04T10:00:00Z' },
      },
    });
    const memoryPick = state.quickPicks![1]!;
    assert.equal(
      (memoryPick.options as { placeHolder?: string }).placeHolder,
      'Memory of the container VM · peak 3.2 GiB of its 4 GiB · suggested 5 GiB',
    );
    assert.equal(memoryPick.labels[0], '5 GiB');
  });

  it('ignores a peak seen under another size (an older container of the same name)', async () => {
    const state = await configure({ picks: ['4 CPUs', null] }, [runningWith4Gib], {
      peaks: {
        'proj-1234abcd': { peakBytes: 1.9 * GIB, limitBytes: 2 * GIB, at: '2026-12-04T10:00:00Z' },
      },
    });
    assert.equal(
      (state.quickPicks![1]!.options as { placeHolder?: string }).placeHolder,
      'Memory of the container VM',
    );
  });
});
