/**
 * The command tree: the root options, then resolving the command word (and a
 * group's subcommand) to a command spec, or to a reason to stop.
 */

import {
  COMMANDS,
  GROUPS,
  type GroupSpec,
  REMOVED_SUBCOMMANDS,
  UNMODELLED_COMMANDS,
} from './commands';
import { type GrammarProblem, usageError } from './problems';
import type { CommandSpec } from './specs';
import { isValueToken } from './tokens';
import type { AppleOption, AppleParse } from './types';
import { available, type Context, versionNote } from './versions';

type Resolution =
  | { readonly kind: 'command'; readonly spec: CommandSpec; readonly rest: readonly string[] }
  | { readonly kind: 'stop'; readonly command: string[]; readonly problem?: GrammarProblem };

function findCommand(parent: readonly string[], word: string): CommandSpec | undefined {
  return COMMANDS.find(
    (spec) =>
      spec.path.length === parent.length + 1 &&
      parent.every((name, i) => spec.path[i] === name) &&
      (spec.path[parent.length] === word || (spec.aliases ?? []).includes(word)),
  );
}

function notModelled(path: readonly string[]): GrammarProblem {
  return usageError(`'container ${path.join(' ')}' is not modelled by appleGrammar`);
}

function resolveGroup(
  group: GroupSpec,
  tokens: readonly string[],
  root: AppleOption[],
  ctx: Context,
): Resolution {
  let i = 0;
  // The group itself takes --debug and -h/--help before its subcommand.
  while (['--debug', '-h', '--help'].includes(tokens[i] ?? '')) {
    const spelled = tokens[i++] ?? '';
    root.push({ name: spelled === '-h' ? '--help' : spelled, spelled });
  }
  const word = tokens[i];
  if (word === undefined) {
    const helped = root.some((o) => o.name === '--help');
    return {
      kind: 'stop',
      command: [group.name],
      ...(helped
        ? {}
        : {
            problem: usageError(`Missing subcommand: 'container ${group.name}' only prints help`),
          }),
    };
  }
  const spec = findCommand([group.name], word);
  if (spec && !available(ctx, spec.since)) {
    const note = versionNote(ctx, spec.since);
    return {
      kind: 'stop',
      command: [...spec.path],
      problem: usageError(`Unexpected argument '${word}'${note}`),
    };
  }
  if (spec) {
    return { kind: 'command', spec, rest: tokens.slice(i + 1) };
  }
  if (group.unmodelled.includes(word)) {
    return { kind: 'stop', command: [group.name, word], problem: notModelled([group.name, word]) };
  }
  return {
    kind: 'stop',
    command: [group.name, word],
    problem: usageError(`Unexpected argument '${word}'`),
  };
}

export function resolve(
  word: string,
  rest: readonly string[],
  root: AppleOption[],
  ctx: Context,
): Resolution {
  const group = GROUPS.find((g) => g.name === word || g.aliases.includes(word));
  if (group) {
    return resolveGroup(group, rest, root, ctx);
  }
  const spec = findCommand([], word);
  if (spec && !available(ctx, spec.since)) {
    // Before it existed, the word fell through to the plugin lookup.
    const note = versionNote(ctx, spec.since);
    return {
      kind: 'stop',
      command: [...spec.path],
      problem: usageError(`Plugin 'container-${word}' not found.${note}`),
    };
  }
  if (spec) {
    return { kind: 'command', spec, rest };
  }
  const unmodelled = UNMODELLED_COMMANDS[word];
  const sub = rest[0];
  const removedIn = sub === undefined ? undefined : REMOVED_SUBCOMMANDS[`${unmodelled} ${sub}`];
  if (unmodelled !== undefined && sub !== undefined && removedIn !== undefined) {
    if (!available(ctx, undefined, removedIn)) {
      const note = versionNote(ctx, undefined, removedIn);
      return {
        kind: 'stop',
        command: [unmodelled, sub],
        problem: usageError(`Unexpected argument '${sub}'${note}`),
      };
    }
  }
  if (unmodelled !== undefined) {
    return { kind: 'stop', command: [unmodelled], problem: notModelled([unmodelled]) };
  }
  const problem =
    word === ''
      ? usageError("unknown argument ''")
      : usageError(`Plugin 'container-${word}' not found.`);
  return { kind: 'stop', command: [word], problem };
}

/** Root options before the command word; returns the index of that word. */
export function scanRoot(tokens: readonly string[], out: AppleParse): number | undefined {
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    if (token === '--version') {
      out.options.push({ name: '--version', spelled: token });
      return undefined;
    }
    if (token === '--debug' || token === '-h' || token === '--help') {
      out.options.push({ name: token === '-h' ? '--help' : token, spelled: token });
      i++;
      continue;
    }
    if (
      token === '--generate-completion-script' ||
      token.startsWith('--generate-completion-script=')
    ) {
      out.options.push({ name: '--generate-completion-script', spelled: token });
      return undefined;
    }
    if (!isValueToken(token) && token !== '--') {
      // The root's default command receives it and refuses it (lower-case "unknown").
      out.problems.push(usageError(`unknown option '${token}'`));
      return undefined;
    }
    return i;
  }
  if (!out.options.some((o) => o.name === '--help')) {
    out.problems.push(usageError("Missing command: 'container' alone only prints help"));
  }
  return undefined;
}
