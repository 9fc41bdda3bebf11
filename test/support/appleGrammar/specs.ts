/**
 * The shapes that describe Apple's grammar (value, option, positional and
 * command specs) and the `flag`/`option` builders the option tables use.
 */

import type { GrammarProblem } from './problems';
import type { AppleOption } from './types';
import type { Context } from './versions';

export type ValueType = 'int' | 'int32' | 'uint32' | 'double';

interface Choice {
  readonly value: string;
  readonly since?: string;
}

interface ValueSpec {
  /** The name swift-argument-parser prints in `Missing value for '--x <name>'`. */
  readonly name: string;
  readonly type?: ValueType;
  readonly choices?: readonly Choice[];
  /** Whether the parser lists the valid choices in its error (a CaseIterable enum). */
  readonly listChoices?: boolean;
  readonly check?: (value: string, ctx: Context) => GrammarProblem[];
}

export interface OptionSpec {
  /** Canonical long name, the first one Apple declares. */
  readonly long: string;
  readonly otherLongs?: readonly string[];
  readonly short?: string;
  /** Absent for a flag. */
  readonly value?: ValueSpec;
  readonly since?: string;
  readonly until?: string;
}

export interface PositionalSpec {
  /** As swift-argument-parser names it in `Missing expected argument '<name>'`. */
  readonly name: string;
  readonly repeating?: boolean;
  readonly optional?: boolean;
}

export interface ParsedCommand {
  readonly options: readonly AppleOption[];
  readonly positionals: readonly string[];
}

export interface CommandSpec {
  readonly path: readonly string[];
  readonly aliases?: readonly string[];
  readonly since?: string;
  readonly options: readonly OptionSpec[];
  readonly positionals: readonly PositionalSpec[];
  /** Everything after the first positional belongs to the process (`captureForPassthrough`). */
  readonly passthrough?: boolean;
  /** Checks that involve several options at once. */
  readonly validate?: (parsed: ParsedCommand, ctx: Context) => GrammarProblem[];
}

export function flag(long: string, extra: Omit<OptionSpec, 'long' | 'value'> = {}): OptionSpec {
  return { long, ...extra };
}

export function option(
  long: string,
  value: ValueSpec,
  extra: Omit<OptionSpec, 'long' | 'value'> = {},
): OptionSpec {
  return { long, value, ...extra };
}

/** `--debug` and `-h/--help` are accepted by every command. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  flag('--debug'),
  flag('--help', { short: 'h' }),
];
