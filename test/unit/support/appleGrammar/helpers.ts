// Shared helpers for the appleGrammar tests: run the checker on an argv and
// build the problems it is expected to report.

import assert from 'node:assert/strict';
import { checkAppleArgv, type GrammarProblem } from '../../../support/appleGrammar';

/** Problems for `container <args...>`. */
export function check(args: readonly string[], version?: string): GrammarProblem[] {
  return checkAppleArgv(['container', ...args], version === undefined ? {} : { version });
}

/** Problems for `container run <args...> alpine`. */
export function runWith(args: readonly string[], version?: string): GrammarProblem[] {
  return check(['run', ...args, 'alpine'], version);
}

export const usage = (message: string): GrammarProblem => ({ message, exitCode: 64 });
export const runtime = (message: string): GrammarProblem => ({ message, exitCode: 1 });

export function assertAccepted(args: readonly string[], version?: string): void {
  assert.deepEqual(check(args, version), [], `expected Apple to accept: ${args.join(' ')}`);
}
