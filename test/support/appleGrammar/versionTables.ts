/**
 * Public version tables, derived from the command table so they cannot drift:
 * when each flag, command and behaviour appeared (or went away).
 */

import { COMMANDS, REMOVED_SUBCOMMANDS } from './commands';
import { SCHEME_AUTO_UNTIL } from './valueChecks';
import type { OptionSpec } from './specs';

function flagTable(pick: (spec: OptionSpec) => string | undefined): Record<string, string> {
  const table: Record<string, string> = {};
  for (const command of COMMANDS) {
    for (const spec of command.options) {
      const version = pick(spec);
      if (version !== undefined) {
        table[`${command.path.join(' ')} ${spec.long}`] = version;
      }
    }
  }
  return table;
}

/**
 * The release that introduced each flag newer than the 0.5 baseline, keyed by
 * command path and canonical flag: `APPLE_FLAG_SINCE['run --init'] === '0.10.0'`.
 */
export const APPLE_FLAG_SINCE: Readonly<Record<string, string>> = flagTable((spec) => spec.since);

/** Flags that later releases dropped: `APPLE_FLAG_UNTIL['run --disable-progress-updates']`. */
export const APPLE_FLAG_UNTIL: Readonly<Record<string, string>> = flagTable((spec) => spec.until);

/** Commands newer than the 0.5 baseline, keyed by path: `APPLE_COMMAND_SINCE['stats']`. */
export const APPLE_COMMAND_SINCE: Readonly<Record<string, string>> = Object.fromEntries(
  COMMANDS.flatMap((c) => (c.since === undefined ? [] : [[c.path.join(' '), c.since]])),
);

/** Commands later releases removed, keyed by path: `APPLE_COMMAND_UNTIL['k8s start']`. */
export const APPLE_COMMAND_UNTIL: Readonly<Record<string, string>> = REMOVED_SUBCOMMANDS;

/** Option values later releases removed, keyed by command path, flag and value. */
export const APPLE_VALUE_UNTIL: Readonly<Record<string, string>> = {
  'image pull --scheme auto': SCHEME_AUTO_UNTIL,
};

/** Behaviours that changed without a flag of their own. */
export const APPLE_FEATURE_SINCE = {
  /** `-v /ctr/path`. */
  anonymousVolume: '0.6.0',
  /** `--mount type=volume,target=/x` without a source. */
  anonymousMountVolume: '0.6.0',
  /** `-v .:/x`, `-v ./dir:/x`, `-v ../dir:/x`. */
  relativeVolumePath: '0.11.0',
  /** A single file as the `-v` source. Not checked: the checker never looks at the disk. */
  singleFileVolume: '0.10.0',
  /** The server refuses less than 200 MiB of memory. */
  memoryMinimum: '0.10.0',
  /** `--format yaml`. */
  formatYaml: '0.12.0',
  /** `--format toml`. */
  formatToml: '1.0.0',
  /** `--progress auto|plain|color` on run and image pull (0.7–0.11 had none|ansi). */
  progressAutoPlainColor: '0.12.0',
} as const;
