import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { summarize } from '../../../src/core/bench/stats';

describe('bench statistics', () => {
  it('reports the median, range and interquartile range', () => {
    assert.deepEqual(summarize([30, 10, 20, 50, 40]), {
      runs: 5,
      medianMs: 30,
      minMs: 10,
      maxMs: 50,
      iqrMs: 20,
    });
  });

  it('interpolates the median of an even number of runs', () => {
    assert.equal(summarize([4, 1, 3, 2])?.medianMs, 2.5);
  });

  it('reports one run as itself with no spread', () => {
    assert.deepEqual(summarize([7]), { runs: 1, medianMs: 7, minMs: 7, maxMs: 7, iqrMs: 0 });
  });

  it('has nothing to say about no runs', () => {
    assert.equal(summarize([]), undefined);
  });

  it('keeps the median between the extremes whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100_000), { minLength: 1 }), (values) => {
        const stats = summarize(values);
        assert.ok(stats !== undefined);
        assert.ok(stats.minMs <= stats.medianMs && stats.medianMs <= stats.maxMs);
        assert.ok(stats.iqrMs >= 0 && stats.iqrMs <= stats.maxMs - stats.minMs);
        assert.deepEqual(summarize([...values].reverse()), stats);
      }),
    );
  });
});
