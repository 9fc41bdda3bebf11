/**
 * Token classification as swift-argument-parser does it: values vs options, and
 * the malformed tokens it refuses before looking at any command.
 */

import { type GrammarProblem, usageError } from './problems';

/** A token swift-argument-parser reads as a value, not as an option. */
export function isValueToken(token: string): boolean {
  return token === '' || token === '-' || !token.startsWith('-');
}

/** Tokens the argument parser refuses before looking at any command: `---x`, `--=x`. */
export function invalidTokenProblems(tokens: readonly string[]): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  for (const token of tokens) {
    if (token === '--') {
      break;
    }
    if (isInvalidToken(token)) {
      problems.push(usageError(`Invalid option: ${token}`));
    }
  }
  return problems;
}

export function isInvalidToken(token: string): boolean {
  return /^---/.test(token) || token.startsWith('--=');
}
