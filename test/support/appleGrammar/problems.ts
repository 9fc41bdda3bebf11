/**
 * Problems: the shape of one thing Apple would refuse (or read otherwise than
 * meant), and the two constructors for it. Exit code 64 is what the argument
 * parser rejects; 1 is what Apple's own code rejects later (reference §5).
 */

export interface GrammarProblem {
  /** Apple's own words where known, e.g. "Unknown option '--privileged'". */
  message: string;
  exitCode: 1 | 64;
}

export const usageError = (message: string): GrammarProblem => ({ message, exitCode: 64 });
export const runtimeError = (message: string): GrammarProblem => ({ message, exitCode: 1 });
