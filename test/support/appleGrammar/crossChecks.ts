/**
 * Checks that involve several options of one command at once: DNS flags with
 * `--no-dns`, network and ulimit sets, the memory minimum, and IDs vs `--all`.
 */

import { type GrammarProblem, runtimeError, usageError } from './problems';
import { publishSetProblems } from './publish';
import { MIB, parseAppleSize } from './sizes';
import type { ParsedCommand } from './specs';
import { checkUlimit } from './ulimits';
import { available, type Context } from './versions';

function valuesOf(parsed: ParsedCommand, name: string): string[] {
  return parsed.options.flatMap((o) => (o.name === name && o.value !== undefined ? [o.value] : []));
}

export function has(parsed: ParsedCommand, name: string): boolean {
  return parsed.options.some((o) => o.name === name);
}

const DNS_FLAGS = ['--dns', '--dns-domain', '--dns-option', '--dns-search'];

function noDnsProblems(parsed: ParsedCommand): GrammarProblem[] {
  return has(parsed, '--no-dns') && DNS_FLAGS.some((name) => has(parsed, name))
    ? [
        usageError(
          '`--no-dns` cannot be used with DNS configuration flags (`--dns`, `--dns-domain`, `--dns-option`, `--dns-search`)',
        ),
      ]
    : [];
}

function networkSetProblems(parsed: ParsedCommand): GrammarProblem[] {
  const networks = valuesOf(parsed, '--network');
  return networks.includes('none') && networks.length > 1
    ? [runtimeError('no other networks may be created along with network none')]
    : [];
}

function ulimitSetProblems(parsed: ParsedCommand): GrammarProblem[] {
  const seen = new Set<string>();
  for (const spec of valuesOf(parsed, '--ulimit')) {
    if (checkUlimit(spec).length > 0) {
      continue;
    }
    const rawType = spec.split('=', 1)[0] ?? '';
    const type = rawType.toLowerCase();
    if (seen.has(type)) {
      return [runtimeError(`duplicate ulimit type: ${rawType}`)];
    }
    seen.add(type);
  }
  return [];
}

/** The server refuses less than 200 MiB (0.10+), after truncating to whole MiB. */
function memoryMinimumProblems(parsed: ParsedCommand, ctx: Context): GrammarProblem[] {
  const memory = valuesOf(parsed, '--memory').pop();
  if (memory === undefined || !available(ctx, '0.10.0')) {
    return [];
  }
  const size = parseAppleSize(memory);
  if ('error' in size) {
    return [];
  }
  const bytes = Math.floor(size.bytes / MIB) * MIB;
  return bytes < 200 * MIB
    ? [runtimeError(`minimum memory amount allowed is 200 MiB (got ${bytes} bytes)`)]
    : [];
}

export function containerRunProblems(parsed: ParsedCommand, ctx: Context): GrammarProblem[] {
  return [
    ...noDnsProblems(parsed),
    ...networkSetProblems(parsed),
    ...ulimitSetProblems(parsed),
    ...publishSetProblems(valuesOf(parsed, '--publish')),
    ...memoryMinimumProblems(parsed, ctx),
  ];
}

/** stop, kill and delete throw plain errors here, so these exit 1 (reference §5). */
export function idsOrAllProblems(
  what: 'container IDs' | 'container ID(s)' | 'images',
  noun: string,
) {
  return (parsed: ParsedCommand): GrammarProblem[] => {
    const all = has(parsed, '--all');
    if (parsed.positionals.length === 0 && !all) {
      return [runtimeError(`no ${noun} specified and --all not supplied`)];
    }
    if (parsed.positionals.length > 0 && all) {
      return [runtimeError(`explicitly supplied ${what} conflict with the --all flag`)];
    }
    return [];
  };
}
