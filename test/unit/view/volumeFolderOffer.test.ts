import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { BenchRecord } from '../../../src/core/bench/history';
import type { StartRecord } from '../../../src/core/view/startupHistory';
import { volumeFolderOffer, type OfferInput } from '../../../src/core/view/volumeFolderOffer';

function bench(bindMs: number, volumeMs: number): BenchRecord {
  const step = (id: string, ms: number) => ({
    id,
    label: id,
    durationsMs: [ms],
    stats: { runs: 1, medianMs: ms, minMs: ms, maxMs: ms, iqrMs: 0 },
  });
  return {
    at: '2026-12-01T10:00:00.000Z',
    result: {
      image: 'busybox:latest',
      runs: 1,
      runtimes: [
        { runtime: 'container', steps: [step('filesBind', bindMs), step('filesVolume', volumeMs)] },
      ],
    },
  };
}

function start(postCreateMs: number | undefined): StartRecord {
  return {
    at: '2026-12-01T10:00:00.000Z',
    containerName: 'app',
    action: 'created',
    outcome: 'ready',
    totalMs: 5000,
    phases: [
      { phase: 'create', ms: 800 },
      ...(postCreateMs === undefined ? [] : [{ phase: 'postCreateCommand', ms: postCreateMs }]),
    ],
  };
}

const base: OfferInput = {
  trusted: true,
  answered: false,
  present: ['node_modules', '.venv'],
  configured: [],
  bench: [bench(3600, 1000)],
  starts: [],
};

describe('the offer to keep dependency folders on volumes', () => {
  it('quotes the benchmark: bind mount against volume, for the folders on the bind mount', () => {
    const offer = volumeFolderOffer({ ...base, configured: ['.venv'] });
    assert.deepEqual(offer?.folders, ['node_modules']);
    assert.match(offer?.message ?? '', /^Keep node_modules on a named volume\?/);
    assert.match(offer?.figure ?? '', /3\.6× as long as on a volume.*\(3\.6 s against 1\.0 s\)/);
    assert.match(offer?.message ?? '', /no longer visible on this Mac/);
  });

  it('falls back to a slow postCreateCommand of the start-up timeline', () => {
    const offer = volumeFolderOffer({ ...base, bench: [], starts: [start(125_000), start(2000)] });
    // The newest start that ran the hook decides: here it was quick.
    assert.equal(offer, undefined);
    const slow = volumeFolderOffer({
      ...base,
      bench: [],
      starts: [start(2000), start(125_000), start(undefined)],
    });
    assert.match(slow?.figure ?? '', /postCreateCommand took 2 min 5 s/);
  });

  it('offers nothing without a figure worth quoting', () => {
    assert.equal(volumeFolderOffer({ ...base, bench: [], starts: [] }), undefined);
    assert.equal(volumeFolderOffer({ ...base, bench: [bench(1100, 1000)] }), undefined);
  });

  it('offers once, only in a trusted workspace, only for folders not on volumes yet', () => {
    assert.ok(volumeFolderOffer(base) !== undefined);
    assert.equal(volumeFolderOffer({ ...base, answered: true }), undefined);
    assert.equal(volumeFolderOffer({ ...base, trusted: false }), undefined);
    assert.equal(volumeFolderOffer({ ...base, configured: ['node_modules', '.venv'] }), undefined);
    assert.equal(volumeFolderOffer({ ...base, present: [] }), undefined);
  });
});
