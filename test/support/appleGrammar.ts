/**
 * An independent model of Apple's `container` command-line grammar, for tests.
 *
 * Slipway cannot run Apple's CLI here, so tests check the argv it builds against
 * this model instead. It is written from the team's reference document
 * (../shared/reference/apple-container-cli.md), with Apple's sources read only
 * where the reference left a question open, and never from Slipway's planner:
 * a checker that shares the planner's assumptions would share its bugs.
 *
 * What it models:
 * - swift-argument-parser's tokenising: `--opt value`, `--opt=value`, `-o value`,
 *   `-o=value`, packed short flags (`-it`, `-de FOO=1`), `--` and the pass-through
 *   of everything after the image in `run`/`create` (and after the ID in `exec`).
 * - Apple's own checks of option values (mounts, ports, memory, names, ...), with
 *   Apple's messages where the reference or the sources give them.
 * - Version gates: with `options.version`, a flag newer than that version is an
 *   unknown option, as it would be on that release.
 *
 * Exit codes follow the reference §5: 64 for what the argument parser rejects
 * (unknown options, missing or malformed values, ValidationError), 1 for what
 * Apple's code rejects later. A few problems are this checker's own, where Apple
 * would accept the argv but silently do something other than intended (say,
 * `--mount readonly=false`); those use exit code 1 and say so in the message.
 *
 * The model lives in ./appleGrammar/, one concern per file; this file is the
 * entry point and only re-exports the public names.
 */

export type { GrammarProblem } from './appleGrammar/problems';
export type { AppleOption, AppleParse, AppleGrammarOptions } from './appleGrammar/types';
export { APPLE_NEWEST_VERSION } from './appleGrammar/versions';
export { parseAppleSize } from './appleGrammar/sizes';
export {
  APPLE_FLAG_SINCE,
  APPLE_FLAG_UNTIL,
  APPLE_COMMAND_SINCE,
  APPLE_COMMAND_UNTIL,
  APPLE_VALUE_UNTIL,
  APPLE_FEATURE_SINCE,
} from './appleGrammar/versionTables';
export { parseAppleArgv, appleLongOptionNames, checkAppleArgv } from './appleGrammar/parse';
