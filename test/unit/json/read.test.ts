import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  asArray,
  asCount,
  asNonEmptyString,
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringRecord,
  isRecord,
  parseJson,
} from '../../../src/core/json/read';

/** The readers every parser of outside JSON uses: the type asked for, or `undefined`, never a throw. */
describe('reading outside JSON (src/core/json/read)', () => {
  it('takes only objects as records: not null, not arrays', () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord(null), false);
    assert.equal(isRecord([]), false);
    assert.equal(isRecord('x'), false);
    const record = { a: 1 };
    assert.equal(asRecord(record), record);
    assert.equal(asRecord([1]), undefined);
  });

  it('reads strings, non-empty strings, finite numbers and counts', () => {
    assert.equal(asString(''), '');
    assert.equal(asString(1), undefined);
    assert.equal(asNonEmptyString(''), undefined);
    assert.equal(asNonEmptyString('t'), 't');
    assert.equal(asNumber(1.5), 1.5);
    assert.equal(asNumber(Number.NaN), undefined);
    assert.equal(asNumber('1'), undefined);
    assert.equal(asCount(0), 0);
    assert.equal(asCount(-1), undefined);
    assert.equal(asCount(1.5), undefined);
    assert.equal(asCount(2 ** 53), undefined, 'beyond what a double holds exactly');
  });

  it('keeps the strings of arrays and objects and drops the rest', () => {
    assert.deepEqual(asArray([1, 'a']), [1, 'a']);
    assert.equal(asArray({ 0: 'a' }), undefined);
    assert.deepEqual(asStringArray(['a', 1, null, 'b']), ['a', 'b']);
    assert.deepEqual(asStringArray('a'), []);
    assert.deepEqual(asStringRecord({ a: 'x', b: 2, c: null }), { a: 'x' });
    assert.deepEqual(asStringRecord(['x']), {});
  });

  it('does not let a "__proto__" key change the record it builds', () => {
    const strings = asStringRecord(JSON.parse('{"__proto__": "x", "a": "y"}'));
    assert.equal(Object.getPrototypeOf(strings), Object.prototype);
    assert.equal(strings.a, 'y');
  });

  it('parses JSON or says why, without throwing', () => {
    assert.deepEqual(parseJson('{"a":[1]}'), { ok: true, value: { a: [1] } });
    const bad = parseJson('{"a":');
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.reason.length > 0);
  });

  it('gives every JSON value either its type or undefined, and never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const record = asRecord(value);
        assert.ok(record === undefined || (typeof record === 'object' && !Array.isArray(record)));
        assert.ok(asArray(value) === undefined || Array.isArray(value));
        const count = asCount(value);
        assert.ok(count === undefined || (Number.isSafeInteger(count) && count >= 0));
        assert.ok(asStringArray(value).every((item) => typeof item === 'string'));
        assert.ok(Object.values(asStringRecord(value)).every((item) => typeof item === 'string'));
        assert.deepEqual(parseJson(JSON.stringify(value)), {
          ok: true,
          value: JSON.parse(JSON.stringify(value)),
        });
      }),
    );
  });
});
