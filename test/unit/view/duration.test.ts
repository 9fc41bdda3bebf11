import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { formatDuration } from '../../../src/core/view/duration';

describe('formatDuration', () => {
  it('gives whole milliseconds below a second', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(0.4), '0 ms');
    assert.equal(formatDuration(12.5), '13 ms');
    assert.equal(formatDuration(999), '999 ms');
    assert.equal(formatDuration(999.4), '999 ms');
  });

  it('gives seconds with one decimal from a second to a minute', () => {
    assert.equal(formatDuration(999.5), '1.0 s', 'rounds up into seconds, never "1000 ms"');
    assert.equal(formatDuration(1000), '1.0 s');
    assert.equal(formatDuration(2449), '2.4 s');
    assert.equal(formatDuration(2450), '2.5 s');
    assert.equal(formatDuration(59_949), '59.9 s');
  });

  it('gives minutes and whole seconds from a minute on', () => {
    assert.equal(formatDuration(59_950), '1 min 0 s', 'never "60.0 s"');
    assert.equal(formatDuration(60_000), '1 min 0 s');
    assert.equal(formatDuration(65_000), '1 min 5 s');
    assert.equal(formatDuration(119_600), '2 min 0 s');
    assert.equal(formatDuration(61 * 60_000 + 1_000), '61 min 1 s');
  });

  it('treats negative, NaN and infinite durations as nothing', () => {
    assert.equal(formatDuration(-1), '0 ms');
    assert.equal(formatDuration(-5000), '0 ms');
    assert.equal(formatDuration(Number.NaN), '0 ms');
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '0 ms');
  });
});
