/**
 * What every command gets: the release being played, where state lives, the
 * caller's environment and working directory, and its output streams.
 */
import type { Options } from './cli/options';
import type { Host } from './host';
import type { StatePaths } from './state/paths';
import type { AppleVersion, Era } from './version';

export interface Context {
  readonly version: AppleVersion;
  /** The API server's release: older than `version` during skew (reference §4.5). */
  readonly serverVersion: AppleVersion;
  readonly era: Era;
  /** The pretend Mac: its macOS and, for real networking, the caller's netns. */
  readonly host: Host;
  readonly paths: StatePaths;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Writes a line (text plus newline) to stdout, as Swift's print does. */
  readonly print: (text: string) => void;
  /** Writes a line to stderr. */
  readonly printError: (text: string) => void;
}

/** A parsed command line, as commands receive it. */
export interface Invocation {
  readonly command: readonly string[];
  readonly options: Options;
  readonly positionals: readonly string[];
  readonly runtimeProblems: readonly string[];
}

/** A command's result: the exit code. */
export type Command = (ctx: Context, invocation: Invocation) => Promise<number>;
