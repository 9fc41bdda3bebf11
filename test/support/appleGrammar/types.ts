/**
 * The public result types of the grammar: an option as parsed, a whole parse,
 * and the options a caller passes in (which release to check against).
 */

import type { GrammarProblem } from './problems';

export interface AppleOption {
  /** The canonical long name, e.g. '--arch'. */
  name: string;
  /** As written, e.g. '-a'; the single letter for packed flags ('-i' from '-it'). */
  spelled: string;
  value?: string;
}

export interface AppleParse {
  /** Canonical command path: ['run'], ['image', 'list'] (also for `image ls`), ['delete'] for `rm`. */
  command: string[];
  options: AppleOption[];
  /** For run/create: [image, ...processArgs]; exec: [id, ...processArgs]; build: [contextDir]. */
  positionals: string[];
  problems: GrammarProblem[];
}

export interface AppleGrammarOptions {
  /** The release to check against, e.g. '0.9.0'. Defaults to the newest one modelled. */
  version?: string;
}
