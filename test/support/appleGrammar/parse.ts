/**
 * The entry points: parse an argv the way Apple's CLI would, list a command's
 * long option names, or return just the problems.
 */

import { positionalProblems, valueProblems } from './argumentProblems';
import { resolve, scanRoot } from './commandTree';
import { COMMANDS } from './commands';
import { type GrammarProblem, usageError } from './problems';
import { CommandScanner } from './scanner';
import { flag, type ParsedCommand } from './specs';
import { invalidTokenProblems } from './tokens';
import type { AppleGrammarOptions, AppleParse } from './types';
import { available, makeContext } from './versions';

/**
 * Parse `argv` (argv[0] is 'container') the way Apple's CLI would, and list
 * everything it would refuse, or would accept but read differently than meant.
 */
export function parseAppleArgv(
  argv: readonly string[],
  options: AppleGrammarOptions = {},
): AppleParse {
  const ctx = makeContext(options.version);
  const out: AppleParse = { command: [], options: [], positionals: [], problems: [] };
  if (argv[0] !== 'container') {
    out.problems.push(usageError(`argv[0] must be 'container', got '${argv[0] ?? ''}'`));
    return out;
  }
  const tokens = argv.slice(1);
  out.problems.push(...invalidTokenProblems(tokens));
  const wordIndex = scanRoot(tokens, out);
  if (wordIndex === undefined) {
    return out;
  }
  const resolution = resolve(
    tokens[wordIndex] ?? '',
    tokens.slice(wordIndex + 1),
    out.options,
    ctx,
  );
  if (resolution.kind === 'stop') {
    out.command = resolution.command;
    if (resolution.problem) {
      out.problems.push(resolution.problem);
    }
    return out;
  }
  const { spec, rest } = resolution;
  out.command = [...spec.path];
  const scanner = new CommandScanner(spec, rest, ctx);
  scanner.scan();
  out.options.push(...scanner.occurrences.map((o) => o.option));
  out.positionals = scanner.positionals;
  out.problems.push(...scanner.problems, ...positionalProblems(spec, scanner.positionals));
  for (const occurrence of scanner.occurrences) {
    out.problems.push(...valueProblems(occurrence, ctx));
  }
  const parsed: ParsedCommand = { options: out.options, positionals: out.positionals };
  out.problems.push(...(spec.validate?.(parsed, ctx) ?? []));
  return out;
}

/**
 * The long option names `command` accepts at `options.version`, in the order
 * Apple declares them: swift-argument-parser picks its "Did you mean" suggestion
 * for an unknown long option from these, first closest one winning.
 */
export function appleLongOptionNames(
  command: readonly string[],
  options: AppleGrammarOptions = {},
): string[] {
  const ctx = makeContext(options.version);
  const spec = COMMANDS.find(
    (c) => c.path.length === command.length && c.path.every((word, i) => word === command[i]),
  );
  if (!spec) {
    return [];
  }
  return [...spec.options, flag('--debug')]
    .filter((o) => available(ctx, o.since, o.until))
    .flatMap((o) => [o.long, ...(o.otherLongs ?? [])])
    .filter((name) => name.startsWith('--'));
}

/** Just the problems: an empty array means Apple would accept `argv`. */
export function checkAppleArgv(
  argv: readonly string[],
  options: AppleGrammarOptions = {},
): GrammarProblem[] {
  return parseAppleArgv(argv, options).problems;
}
