import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import type * as vscode from 'vscode';
import type { BenchRecord } from '../../../src/core/bench/history';
import { offerVolumeFolders } from '../../../src/vscode/volumeFolderOffer';
import type { StartHistoryStore } from '../../../src/vscode/startup/historyStore';
import { newEditorState, Uri, type FakeEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';

/**
 * The editor's side of the offer: it reads the workspace's folders and the
 * benchmark history on disk, asks once, and "Keep on Volumes" writes the
 * workspace folder's setting.
 */

const step = (id: string, ms: number) => ({
  id,
  label: id,
  durationsMs: [ms],
  stats: { runs: 1, medianMs: ms, minMs: ms, maxMs: ms, iqrMs: 0 },
});

const BENCH: BenchRecord[] = [
  {
    at: '2026-12-01T10:00:00.000Z',
    result: {
      image: 'busybox:latest',
      runs: 1,
      runtimes: [
        { runtime: 'container', steps: [step('filesBind', 3600), step('filesVolume', 1000)] },
      ],
    },
  },
];

const noStarts = { all: () => [], onDidChange: () => ({ dispose() {} }) };

describe('the volume folders offer in the editor', () => {
  let scratch: string;
  let savedStateDir: string | undefined;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-offer-'));
    mkdirSync(path.join(scratch, 'ws', 'node_modules'), { recursive: true });
    mkdirSync(path.join(scratch, 'state'));
    writeFileSync(path.join(scratch, 'state', 'bench-history.json'), JSON.stringify(BENCH));
    savedStateDir = process.env.SLIPWAY_STATE_DIR;
    process.env.SLIPWAY_STATE_DIR = path.join(scratch, 'state');
  });

  after(() => {
    if (savedStateDir === undefined) {
      delete process.env.SLIPWAY_STATE_DIR;
    } else {
      process.env.SLIPWAY_STATE_DIR = savedStateDir;
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  function setup(overrides: Partial<FakeEditorState>) {
    const state = newEditorState({
      workspaceFolders: [{ uri: Uri.file(path.join(scratch, 'ws')), name: 'ws', index: 0 }],
      settingWrites: [],
      executed: [],
      ...overrides,
    });
    const fake = useFakeVscode(state);
    const extension = {
      subscriptions: [],
      workspaceState: fake.fakeMemento(),
      globalState: fake.fakeMemento(),
    } as unknown as vscode.ExtensionContext;
    const log = { warn: (line: string) => state.logLines.push(line) };
    const ctx = {
      extension,
      history: noStarts as unknown as StartHistoryStore,
      log: log as unknown as vscode.LogOutputChannel,
    };
    const offers = () => state.messages.filter((m) => m.text.startsWith('Keep node_modules'));
    return { state, ctx, offers, fake };
  }

  it('quotes the benchmark and, on Keep on Volumes, writes the workspace folder setting', async () => {
    const { state, ctx, offers } = setup({ answers: ['Keep on Volumes', undefined] });
    await offerVolumeFolders(ctx);
    assert.equal(offers().length, 1);
    assert.match(offers()[0]!.text, /3\.6× as long as on a volume/);
    assert.deepEqual(state.settingWrites, [
      { key: 'slipway.volumeFolders', value: ['node_modules'], target: 3 },
    ]);
    assert.ok(state.messages.some((m) => m.text.includes('next rebuilt')));
  });

  it('asks once per workspace: Not Now is remembered', async () => {
    const { state, ctx, offers } = setup({ answers: ['Not Now'] });
    await offerVolumeFolders(ctx);
    await offerVolumeFolders(ctx);
    assert.equal(offers().length, 1);
    assert.deepEqual(state.settingWrites, []);
  });

  it('Never silences it for every workspace', async () => {
    const { ctx, offers, fake } = setup({ answers: ['Never', 'Keep on Volumes'] });
    await offerVolumeFolders(ctx);
    // Another workspace: its own workspace state, the same global state.
    const extension = { ...ctx.extension, workspaceState: fake.fakeMemento() };
    await offerVolumeFolders({
      ...ctx,
      extension: extension as unknown as vscode.ExtensionContext,
    });
    assert.equal(offers().length, 1);
  });

  it('offers nothing in an untrusted workspace', async () => {
    const { ctx, offers } = setup({ trusted: false, answers: ['Keep on Volumes'] });
    await offerVolumeFolders(ctx);
    assert.equal(offers().length, 0);
  });
});
