import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  ensureInclude,
  ensureIncludeInBytes,
  INCLUDE_COMMENT,
  includeLine,
  removeInclude,
  splitConfigArgs,
} from '../../../src/core/ssh/include';

const HOME = '/Users/me';
const OURS = '/Users/me/.ssh/slipway/config';
const options = { homeDir: HOME };

const USER_CONFIG = [
  '# my settings',
  'AddKeysToAgent yes',
  '',
  'Host work',
  '    HostName 10.0.0.5',
  '\tUser  me   # tabs, runs of blanks and comments stay',
  '',
  'Match host *.example.com',
  '  ForwardAgent yes',
  '',
].join('\n');

describe('ensureInclude', () => {
  it('adds the Include once, at the very top, and leaves every other byte as it was', () => {
    const first = ensureInclude(USER_CONFIG, OURS, options);
    assert.equal(first.changed, true);
    const added = `${INCLUDE_COMMENT}\nInclude "${OURS}"\n\n`;
    assert.equal(first.text, added + USER_CONFIG);
    const lines = first.text.split('\n');
    const include = lines.findIndex((line) => line.startsWith('Include'));
    const firstHost = lines.findIndex((line) => /^(Host|Match)\b/.test(line));
    assert.ok(include >= 0 && include < firstHost);

    const second = ensureInclude(first.text, OURS, options);
    assert.equal(second.changed, false);
    assert.equal(second.text, first.text);
  });

  it('writes a new file with only the Include', () => {
    const result = ensureInclude('', OURS, options);
    assert.deepEqual(result, { text: `${INCLUDE_COMMENT}\nInclude "${OURS}"\n`, changed: true });
  });

  it('keeps a CRLF file all CRLF, byte for byte', () => {
    const crlf = USER_CONFIG.replace(/\n/g, '\r\n');
    const result = ensureInclude(crlf, OURS, options);
    assert.equal(result.text, `${INCLUDE_COMMENT}\r\nInclude "${OURS}"\r\n\r\n${crlf}`);
    assert.ok(!/[^\r]\n/.test(result.text), 'no bare LF');
    assert.equal(ensureInclude(result.text, OURS, options).changed, false);
  });

  it('keeps a file without a trailing newline as it is', () => {
    const text = 'Host a\n  User b';
    const result = ensureInclude(text, OURS, options);
    assert.ok(result.text.endsWith('\n\nHost a\n  User b'));
    assert.equal(result.text.slice(-text.length), text);
  });

  it('keeps a byte-order mark first', () => {
    const result = ensureInclude('\uFEFFHost a\n', OURS, options);
    assert.ok(result.text.startsWith(`\uFEFF${INCLUDE_COMMENT}\n`));
    assert.ok(result.text.endsWith('\nHost a\n'));
  });

  it('recognises an Include of the same file however it is written', () => {
    for (const line of [
      `Include ${OURS}`,
      `Include "${OURS}"`,
      `include=${OURS}`,
      '  INCLUDE ~/.ssh/slipway/config',
      'Include "~/.ssh/slipway/config"',
      'Include slipway/config',
      'Include ~/.ssh/other ~/.ssh/slipway/../slipway/config # more',
    ]) {
      const text = `${line}\nHost a\n  User b\n`;
      assert.deepEqual(ensureInclude(text, OURS, options), { text, changed: false }, line);
    }
  });

  it('does not count an Include inside a Host block, or a commented one', () => {
    for (const text of [
      `Host a\n  Include ${OURS}\n`,
      `# Include ${OURS}\nHost a\n`,
      `Match all\nInclude ${OURS}\n`,
    ]) {
      const result = ensureInclude(text, OURS, options);
      assert.equal(result.changed, true, text);
      assert.ok(result.text.endsWith(text));
    }
  });

  it('quotes a path with spaces and quotes, and escapes glob characters', () => {
    const odd = '/Users/me/My "SSH" it\'s [x]*/config';
    const line = includeLine(odd);
    assert.equal(line, 'Include "/Users/me/My \\"SSH\\" it\'s \\\\[x]\\\\*/config"');
    // What ssh's tokenizer gives glob(3): the escapes glob reads as literal characters.
    assert.deepEqual(splitConfigArgs(line.slice('Include '.length)), [
      '/Users/me/My "SSH" it\'s \\[x]\\*/config',
    ]);
    const result = ensureInclude('Host a\n', '/Users/me/My SSH/config', options);
    assert.equal(ensureInclude(result.text, '/Users/me/My SSH/config', options).changed, false);
  });

  it('takes out exactly what it added', () => {
    for (const original of [USER_CONFIG, USER_CONFIG.replace(/\n/g, '\r\n'), 'Host a', '']) {
      const added = ensureInclude(original, OURS, options).text;
      const removed = removeInclude(added, OURS, options);
      assert.equal(removed.text, original);
      assert.equal(removed.changed, true);
      assert.equal(removeInclude(original, OURS, options).changed, false);
    }
  });
});

describe('ensureIncludeInBytes', () => {
  it('keeps bytes that are not UTF-8 exactly as they were', () => {
    // A Latin-1 comment ("café", "naïve") and a stray continuation byte: not UTF-8.
    const original = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x80, 0x0a]),
      Buffer.from('Host a\n  User b\n'),
    ]);
    const result = ensureIncludeInBytes(original, OURS, options);
    assert.equal(result.changed, true);
    assert.ok(result.content.subarray(-original.length).equals(original), 'the rest is untouched');
    assert.equal(
      result.content.subarray(0, result.content.length - original.length).toString('utf8'),
      `${INCLUDE_COMMENT}\n${includeLine(OURS)}\n\n`,
    );
    assert.equal(ensureIncludeInBytes(result.content, OURS, options).changed, false);
  });

  it('writes a non-ASCII include path as UTF-8 and recognises it again', () => {
    const home = '/Users/zoë';
    const ours = '/Users/zoë/.ssh/slipway/config';
    const original = Buffer.from([0xff, 0x0a]);
    const result = ensureIncludeInBytes(original, ours, { homeDir: home });
    assert.ok(result.content.includes(Buffer.from(`Include "${ours}"\n`, 'utf8')));
    assert.ok(result.content.subarray(-2).equals(original));
    for (const written of [`Include ${ours}\n`, 'Include ~/.ssh/slipway/config\n']) {
      const existing = Buffer.from(written, 'utf8');
      assert.equal(ensureIncludeInBytes(existing, ours, { homeDir: home }).changed, false);
    }
  });

  it('keeps a UTF-8 byte-order mark first', () => {
    const original = Buffer.from('\uFEFFHost a\n', 'utf8');
    const result = ensureIncludeInBytes(original, OURS, options);
    assert.ok(result.content.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    assert.ok(result.content.subarray(3).toString('utf8').startsWith(INCLUDE_COMMENT));
    assert.ok(result.content.toString('utf8').endsWith('\n\nHost a\n'));
  });
});

describe('splitConfigArgs', () => {
  it('splits as ssh does', () => {
    assert.deepEqual(splitConfigArgs(`a "b c" 'd "e"' f\\ g "h\\"i" # comment`), [
      'a',
      'b c',
      'd "e"',
      'f g',
      'h"i',
    ]);
  });
});
