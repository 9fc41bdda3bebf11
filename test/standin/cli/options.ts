/**
 * Read access to the options appleGrammar parsed, by canonical long name
 * ('--env' for -e, '--workdir' for -w/--cwd, '--rm' for --remove).
 */
import type { AppleOption } from '../../support/appleGrammar';

export class Options {
  constructor(private readonly list: readonly AppleOption[]) {}

  has(name: string): boolean {
    return this.list.some((o) => o.name === name);
  }

  /** Every value given, in order (repeatable options). */
  values(name: string): string[] {
    return this.list.flatMap((o) => (o.name === name && o.value !== undefined ? [o.value] : []));
  }

  /** The value that counts for a single-valued option: the last one, as the parser keeps. */
  last(name: string): string | undefined {
    return this.values(name).pop();
  }
}
