/**
 * Scanning one command's tokens: long, short, `=`-joined and packed options,
 * values, `--` and pass-through, with the parser's messages for each mistake.
 */

import { type GrammarProblem, usageError } from './problems';
import { type CommandSpec, COMMON_OPTIONS, type OptionSpec } from './specs';
import { isInvalidToken, isValueToken } from './tokens';
import type { AppleOption } from './types';
import { available, type Context, versionNote } from './versions';

export interface Occurrence {
  readonly option: AppleOption;
  readonly spec: OptionSpec;
}

export class CommandScanner {
  private index = 0;
  private afterTerminator = false;
  readonly occurrences: Occurrence[] = [];
  readonly positionals: string[] = [];
  readonly problems: GrammarProblem[] = [];
  private readonly byLong = new Map<string, OptionSpec>();
  private readonly byShort = new Map<string, OptionSpec>();

  constructor(
    private readonly spec: CommandSpec,
    private readonly tokens: readonly string[],
    private readonly ctx: Context,
  ) {
    for (const optionSpec of [...spec.options, ...COMMON_OPTIONS]) {
      for (const long of [optionSpec.long, ...(optionSpec.otherLongs ?? [])]) {
        if (long.startsWith('--')) {
          this.byLong.set(long, optionSpec);
        }
      }
      if (optionSpec.short !== undefined) {
        this.byShort.set(optionSpec.short, optionSpec);
      }
    }
  }

  scan(): void {
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++] ?? '';
      if (this.spec.passthrough === true && this.positionals.length > 0) {
        // Everything after the image (or exec's ID) is the process's, untouched.
        this.positionals.push(token);
      } else if (this.afterTerminator || isValueToken(token)) {
        this.positionals.push(token);
      } else if (token === '--') {
        this.afterTerminator = true;
      } else if (isInvalidToken(token)) {
        // Already reported by invalidTokenProblems.
      } else if (token.startsWith('--')) {
        this.scanLong(token);
      } else {
        this.scanShort(token);
      }
    }
  }

  private scanLong(token: string): void {
    const equals = token.indexOf('=');
    const name = equals < 0 ? token : token.slice(0, equals);
    // The parser treats `--name=` like `--name`: the value then comes from the next token.
    const inline = equals < 0 || equals === token.length - 1 ? undefined : token.slice(equals + 1);
    const optionSpec = this.byLong.get(name);
    if (!optionSpec) {
      this.problems.push(usageError(`Unknown option '${name}'`));
      return;
    }
    this.take(optionSpec, name, inline);
  }

  private scanShort(token: string): void {
    const equals = token.indexOf('=');
    if (equals >= 0) {
      // `-c=4` is a short option with a value; `-it=x` is a single-dash long name.
      const name = token.slice(1, equals);
      const optionSpec = name.length === 1 ? this.byShort.get(name) : undefined;
      if (!optionSpec) {
        this.problems.push(usageError(`Unknown option '-${name}'`));
        return;
      }
      const inline = equals === token.length - 1 ? undefined : token.slice(equals + 1);
      this.take(optionSpec, `-${name}`, inline);
      return;
    }
    const letters = [...token.slice(1)];
    if (letters.length === 1) {
      const optionSpec = this.byShort.get(letters[0] ?? '');
      if (optionSpec) {
        this.take(optionSpec, token, undefined);
      } else {
        this.problems.push(usageError(`Unknown option '${token}'`));
      }
      return;
    }
    this.scanPacked(token, letters);
  }

  /** Packed short options (`-it`, `-de FOO=1`): values come from the following tokens, in order. */
  private scanPacked(token: string, letters: readonly string[]): void {
    if (letters.some((letter) => !/^[A-Za-z0-9]$/.test(letter))) {
      // Not a pack of flags but a stray value such as `-cache:/c`: one problem, no guessing.
      this.problems.push(usageError(`Unknown option '${token}'`));
      return;
    }
    let consumed = 0;
    let unknown: string | undefined;
    for (const letter of letters) {
      const optionSpec = this.byShort.get(letter);
      if (!optionSpec) {
        unknown ??= letter;
        // With pass-through, the parser stops at the first unknown letter.
        if (this.spec.passthrough === true) {
          break;
        }
        continue;
      }
      this.take(optionSpec, `-${letter}`, undefined, token);
      consumed++;
    }
    if (unknown !== undefined) {
      // The parser names the whole pack when none of its letters was used.
      this.problems.push(usageError(`Unknown option '${consumed > 0 ? `-${unknown}` : token}'`));
    }
  }

  private nextValue(): string | undefined {
    const token = this.tokens[this.index];
    if (token === undefined || this.afterTerminator || !isValueToken(token)) {
      return undefined;
    }
    this.index++;
    return token;
  }

  private take(optionSpec: OptionSpec, spelled: string, inline?: string, pack?: string): void {
    if (!available(this.ctx, optionSpec.since, optionSpec.until)) {
      const note = versionNote(this.ctx, optionSpec.since, optionSpec.until);
      this.problems.push(usageError(`Unknown option '${spelled}'${note}`));
      // Still swallow its value, so that the value isn't mistaken for the image.
      if (optionSpec.value && inline === undefined) {
        this.nextValue();
      }
      return;
    }
    const option: AppleOption = { name: optionSpec.long, spelled };
    if (!optionSpec.value) {
      if (inline !== undefined) {
        this.problems.push(
          usageError(
            `The option '${spelled}' does not take any value, but '${inline}' was specified.`,
          ),
        );
      }
      this.occurrences.push({ option, spec: optionSpec });
      return;
    }
    const value = inline ?? this.nextValue();
    if (value === undefined) {
      this.problems.push(usageError(missingValueMessage(spelled, optionSpec.value.name, pack)));
      return;
    }
    this.occurrences.push({ option: { ...option, value }, spec: optionSpec });
  }
}

function missingValueMessage(spelled: string, valueName: string, pack?: string): string {
  const missing = `Missing value for '${spelled} <${valueName}>'`;
  return pack === undefined ? missing : `Unknown option '${pack}'\n   or: ${missing} in '${pack}'`;
}
