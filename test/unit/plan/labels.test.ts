import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  decodeLabelValue,
  decodeLabels,
  ENCODED_LABEL_PREFIX,
  encodeLabelValue,
  labelArgs,
} from '../../../src/core/plan/labels';

describe('label encoding', () => {
  it('leaves values Apple accepts as they are', () => {
    assert.equal(encodeLabelValue('/Users/me/proj'), '/Users/me/proj');
    assert.equal(decodeLabelValue('/Users/me/proj'), '/Users/me/proj');
  });

  it('encodes values with "=" so that Apple 1.2 accepts them, and reads them back', () => {
    const metadata = JSON.stringify([
      { containerEnv: { A: 'x=y' }, postCreateCommand: 'a=b make' },
    ]);
    const encoded = encodeLabelValue(metadata);
    assert.ok(encoded.startsWith(ENCODED_LABEL_PREFIX));
    assert.ok(!encoded.includes('='), encoded);
    assert.equal(decodeLabelValue(encoded), metadata);
  });

  it('round-trips a value that happens to start with the prefix', () => {
    const value = `${ENCODED_LABEL_PREFIX}not really`;
    assert.notEqual(encodeLabelValue(value), value);
    assert.equal(decodeLabelValue(encodeLabelValue(value)), value);
  });

  it('round-trips unicode, quotes and newlines', () => {
    const value = 'a="ü"\n`$x`';
    assert.equal(decodeLabelValue(encodeLabelValue(value)), value);
  });

  it('builds -l arguments whose values never contain "="', () => {
    const args = labelArgs({ 'devcontainer.local_folder': '/p=q', plain: 'v' });
    assert.equal(args.length, 4);
    assert.equal(args[0], '-l');
    const [key, ...rest] = (args[1] ?? '').split('=');
    assert.equal(key, 'devcontainer.local_folder');
    assert.equal(rest.length, 1);
    assert.deepEqual(args.slice(2), ['-l', 'plain=v']);
    assert.deepEqual(decodeLabels({ a: encodeLabelValue('/p=q') }), { a: '/p=q' });
  });
});
