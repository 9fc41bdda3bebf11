import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { EnvFileProblem, parseEnvFile } from '../../../src/core/compose/dotenv';

const host: Record<string, string> = { HOME: '/Users/me' };
const parse = (text: string) => Object.fromEntries(parseEnvFile(text, (name) => host[name]));

describe('compose: .env and env_file files', () => {
  it('reads plain, exported, commented and empty values', () => {
    assert.deepEqual(
      parse(
        '# a comment\n\nA=1\nexport B=two words\nC=\nD=x # comment\nE=x#not-a-comment\n  F = spaced  \n',
      ),
      { A: '1', B: 'two words', C: '', D: 'x', E: 'x#not-a-comment', F: 'spaced' },
    );
  });

  it('leaves VAR alone unset', () => {
    assert.deepEqual(parse('ONLY_NAME\nX=1'), { X: '1' });
  });

  it('interpolates unquoted and double-quoted values, earlier lines first, not single-quoted ones', () => {
    assert.deepEqual(parse('A=a\nB=${A}-$HOME\nC="$A\\tx\\n"\nD=\'$A\\n\''), {
      A: 'a',
      B: 'a-/Users/me',
      C: 'a\tx\n',
      D: '$A\\n',
    });
  });

  it('keeps # inside quotes and reads quoted values over several lines', () => {
    assert.deepEqual(parse('A="x # y" # comment\nB=\'line 1\nline 2\'\nC=after'), {
      A: 'x # y',
      B: 'line 1\nline 2',
      C: 'after',
    });
  });

  it('says where a line is wrong', () => {
    const check = (text: string, line: number, message: RegExp) =>
      assert.throws(
        () => parse(text),
        (error: unknown) => {
          assert.ok(error instanceof EnvFileProblem);
          assert.equal(error.line, line);
          assert.match(error.message, message);
          return true;
        },
      );
    check('A=1\n1BAD=2', 2, /"1BAD" is not a variable name/);
    check('A="open', 1, /double quote is not closed/);
    check('A="x" y', 1, /unexpected text after the closing quote/);
    check('OK=1\nB=${NEEDED:?set it}', 2, /required variable NEEDED is missing: set it/);
  });
});
