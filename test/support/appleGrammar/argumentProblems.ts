/**
 * Problems found after scanning: missing or extra positionals, and option values
 * that fail their type, choice list or value check.
 */

import { type GrammarProblem, usageError } from './problems';
import type { Occurrence } from './scanner';
import type { CommandSpec, PositionalSpec, ValueType } from './specs';
import { available, type Context, versionNote } from './versions';

function synopsis(positional: PositionalSpec): string {
  return `<${positional.name}>${positional.repeating === true ? ' ...' : ''}`;
}

/** Missing and extra positional arguments, as the parser reports them. */
export function positionalProblems(
  spec: CommandSpec,
  positionals: readonly string[],
): GrammarProblem[] {
  if (spec.passthrough === true) {
    return spec.positionals.flatMap((positional, i) =>
      positionals.length <= i && positional.optional !== true
        ? [usageError(`Missing expected argument '${synopsis(positional)}'`)]
        : [],
    );
  }
  const problems: GrammarProblem[] = [];
  let next = 0;
  for (const positional of spec.positionals) {
    const count = positional.repeating === true ? positionals.length - next : 1;
    if (next + count > positionals.length || count === 0) {
      if (positional.optional !== true) {
        problems.push(usageError(`Missing expected argument '${synopsis(positional)}'`));
      }
      continue;
    }
    next += count;
  }
  const extra = positionals.slice(next);
  if (extra.length === 1) {
    problems.push(usageError(`Unexpected argument '${extra[0]}'`));
  } else if (extra.length > 1) {
    problems.push(usageError(`${extra.length} unexpected arguments: '${extra.join("', '")}'`));
  }
  return problems;
}

const INT_RANGES: Readonly<Record<Exclude<ValueType, 'double'>, readonly [bigint, bigint]>> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
};

function parsesAs(type: ValueType, value: string): boolean {
  if (type === 'double') {
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value);
  }
  if (!/^[+-]?\d+$/.test(value)) {
    return false;
  }
  const [min, max] = INT_RANGES[type];
  const parsed = BigInt(value);
  return parsed >= min && parsed <= max;
}

/** The parser's list of valid values: 'a' and 'b' / 'a', 'b' or 'c'. */
function choiceList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 2) {
    return quoted.join(' and ');
  }
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

export function valueProblems(occurrence: Occurrence, ctx: Context): GrammarProblem[] {
  const { option, spec } = occurrence;
  const valueSpec = spec.value;
  const value = option.value;
  if (!valueSpec || value === undefined) {
    return [];
  }
  const invalid = `The value '${value}' is invalid for '${option.spelled} <${valueSpec.name}>'`;
  if (valueSpec.type && !parsesAs(valueSpec.type, value)) {
    return [usageError(invalid)];
  }
  if (valueSpec.choices) {
    const choice = valueSpec.choices.find((c) => c.value === value);
    if (!choice || !available(ctx, choice.since)) {
      const valid = valueSpec.choices.filter((c) => available(ctx, c.since)).map((c) => c.value);
      const list =
        valueSpec.listChoices === true ? `. Please provide one of ${choiceList(valid)}.` : '';
      const note = choice ? versionNote(ctx, choice.since) : '';
      return [usageError(`${invalid}${list}${note}`)];
    }
  }
  return valueSpec.check?.(value, ctx) ?? [];
}
