import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { interpolate, InterpolationProblem } from '../../../src/core/compose/interpolate';

const env: Record<string, string> = { USER: 'me', EMPTY: '', PORT: '5432', B: 'bee' };
const lookup = (name: string) => env[name];
const value = (text: string) => interpolate(text, lookup).value;

describe('compose: interpolation', () => {
  it('replaces $VAR and ${VAR}, and keeps $$ as one $', () => {
    assert.equal(value('$USER-${PORT}'), 'me-5432');
    assert.equal(value('cost: $$5 and $${USER}'), 'cost: $5 and ${USER}');
    assert.equal(value('no variables'), 'no variables');
  });

  it('takes defaults for unset (-) or unset-or-empty (:-) variables', () => {
    assert.equal(value('${MISSING:-d}'), 'd');
    assert.equal(value('${MISSING-d}'), 'd');
    assert.equal(value('${EMPTY:-d}'), 'd');
    assert.equal(value('${EMPTY-d}'), '');
    assert.equal(value('${PORT:-1}'), '5432');
  });

  it('nests defaults', () => {
    assert.equal(value('${A:-${MISSING:-${B}}}'), 'bee');
    assert.equal(value('${A:-x${B}y}'), 'xbeey');
  });

  it('fails on required variables with the message written', () => {
    assert.throws(
      () => value('${MISSING:?set MISSING first}'),
      (error: unknown) => {
        assert.ok(error instanceof InterpolationProblem);
        assert.equal(error.message, 'required variable MISSING is missing: set MISSING first');
        return true;
      },
    );
    assert.throws(() => value('${EMPTY:?}'), /required variable EMPTY is empty/);
    assert.equal(value('${EMPTY?must be set}'), '');
  });

  it('replaces with :+ and + only when set', () => {
    assert.equal(value('${PORT:+yes}'), 'yes');
    assert.equal(value('${EMPTY:+yes}'), '');
    assert.equal(value('${EMPTY+yes}'), 'yes');
  });

  it('reports unset variables and makes them empty', () => {
    assert.deepEqual(interpolate('a${NOPE}b$ALSO_NOT', lookup), {
      value: 'ab',
      unset: ['NOPE', 'ALSO_NOT'],
    });
  });

  it('leaves a $ before anything but a name as written, and refuses broken braces', () => {
    assert.equal(value('100$ and $1'), '100$ and $1');
    assert.throws(() => value('${USER'), /is not closed/);
    assert.throws(() => value('${1abc}'), /does not start with a variable name/);
    assert.throws(() => value('${USER%x}'), /unknown operator/);
  });
});
