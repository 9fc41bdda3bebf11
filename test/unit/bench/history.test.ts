import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { appendBenchRecord, parseBenchHistory } from '../../../src/core/bench/history';

const record = (at: string) => ({ at, result: { image: 'busybox', runs: 1, runtimes: [] } });

describe('bench history', () => {
  it('keeps the newest runs, up to the limit', () => {
    let history = parseBenchHistory('');
    for (let i = 0; i < 5; i++) {
      history = appendBenchRecord(history, record(`2026-12-0${i + 1}`), 3);
    }
    assert.deepEqual(
      history.map((r) => r.at),
      ['2026-12-03', '2026-12-04', '2026-12-05'],
    );
  });

  it('reads back what it wrote, and a broken or foreign file as no history', () => {
    const text = JSON.stringify([record('a'), { at: 1 }, null]);
    assert.deepEqual(parseBenchHistory(text), [record('a')]);
    assert.deepEqual(parseBenchHistory('{"half'), []);
    assert.deepEqual(parseBenchHistory('{"not":"a list"}'), []);
  });
});
