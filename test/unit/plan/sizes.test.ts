import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { formatAppleMemory, parseSize } from '../../../src/core/plan/sizes';

describe('sizes', () => {
  it('reads Docker, Apple and hostRequirements sizes in binary units', () => {
    assert.equal(parseSize('512m'), 512 * 2 ** 20);
    assert.equal(parseSize('4G'), 4 * 2 ** 30);
    assert.equal(parseSize('4gb'), 4 * 2 ** 30);
    assert.equal(parseSize('4GiB'), 4 * 2 ** 30);
    assert.equal(parseSize('8gb'), 8 * 2 ** 30);
    assert.equal(parseSize('1.5g'), 1.5 * 2 ** 30);
    assert.equal(parseSize('1024'), 1024);
    assert.equal(parseSize('2t'), 2 * 2 ** 40);
  });

  it('rejects what is not a size', () => {
    for (const text of ['', 'lots', '4 gigs', '-1g', '4x', 'ib', '4ib']) {
      assert.equal(parseSize(text), undefined, text);
    }
  });

  it("writes Apple's syntax: whole GiB as G, else MiB rounded up", () => {
    assert.equal(formatAppleMemory(4 * 2 ** 30), '4G');
    assert.equal(formatAppleMemory(1.5 * 2 ** 30), '1536M');
    assert.equal(formatAppleMemory(200 * 2 ** 20 + 1), '201M');
  });
});
