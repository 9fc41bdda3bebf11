import * as semver from 'semver';

/**
 * The `container` release that introduced each option Slipway may emit, from
 * the reference's release table. Anything not listed has been there since the
 * oldest release Slipway supports.
 */
export const OLDEST_SUPPORTED_CONTAINER = '0.5.0';

export const RUN_FLAG_SINCE: Readonly<Record<string, string>> = {
  '--rosetta': '0.7.0',
  '--read-only': '0.8.0',
  '--ulimit': '0.9.0',
  '--init': '0.10.0',
  '--cap-add': '0.12.0',
  '--cap-drop': '0.12.0',
  '--shm-size': '1.0.0',
};

export const BUILD_FLAG_SINCE: Readonly<Record<string, string>> = {
  '--pull': '0.10.0',
  '--secret': '0.11.0',
  '--ssh': '1.2.2',
};

/**
 * Options and commands later releases removed, keyed by command path: a
 * requirement built from one of these carries `until`, and the refusal names
 * the removal. Slipway emits none of them today (it never passes `--scheme`,
 * never uses `k8s`, and uses `--progress` not `--disable-progress-updates`);
 * the table is here so that starting to would be refused, not fail with 64.
 */
export const FLAG_UNTIL: Readonly<Record<string, string>> = {
  'run --disable-progress-updates': '0.7.0',
  'image pull --disable-progress-updates': '0.7.0',
  'image pull --scheme auto': '1.3.0',
  'k8s start': '1.5.0',
};

/** A requirement for an option of a command, with its removal when it has one. */
export function requirementFor(command: string, flag: string, since?: string): VersionRequirement {
  const until = FLAG_UNTIL[`${command} ${flag}`];
  return {
    flag,
    since: since ?? OLDEST_SUPPORTED_CONTAINER,
    ...(until !== undefined ? { until } : {}),
  };
}

/** Forms of an option value that appeared later than the option itself. */
export const VALUE_FORM_SINCE = {
  anonymousVolume: '0.6.0',
  singleFileBindMount: '0.10.0',
} as const;

export interface VersionRequirement {
  /** The option (or option form) as it appears in the command. */
  flag: string;
  /** The first `container` release that accepts it. */
  since: string;
  /** The first release that no longer accepts it, when one removed it. */
  until?: string;
}

/** The newest of a command's requirements: the oldest `container` that can run it. */
export function minimumVersion(requirements: readonly VersionRequirement[]): string {
  return requirements.reduce(
    (oldest, requirement) => (semver.gt(requirement.since, oldest) ? requirement.since : oldest),
    OLDEST_SUPPORTED_CONTAINER,
  );
}

/** The requirements a given installed version does not meet, for a clear refusal. */
export function unmetRequirements(
  requirements: readonly VersionRequirement[],
  installed: string,
): VersionRequirement[] {
  return requirements.filter(
    (requirement) =>
      semver.lt(installed, requirement.since) ||
      (requirement.until !== undefined && semver.gte(installed, requirement.until)),
  );
}

/**
 * The refusal for a `container` too old for a plan's commands, naming the
 * options that need the newer release; `undefined` when it is new enough.
 */
export function versionRefusal(
  requirements: readonly VersionRequirement[],
  installed: string,
): string | undefined {
  const unmet = unmetRequirements(requirements, installed);
  if (unmet.length === 0) {
    return undefined;
  }
  const removed = unmet.filter((r) => r.until !== undefined && semver.gte(installed, r.until));
  if (removed.length > 0) {
    const flags = [...new Set(removed.map((r) => `${r.flag} (removed in ${r.until ?? ''})`))];
    return `This dev container uses ${flags.join(', ')}, which container ${installed} no longer accepts. Change the configuration to leave it out, or use an older container release.`;
  }
  const needed = minimumVersion(unmet);
  const flags = [...new Set(unmet.map((r) => `${r.flag} (${r.since})`))].join(', ');
  return `This dev container needs container ${needed} or newer for ${flags}, but ${installed} is installed. Update Apple's container from https://github.com/apple/container/releases.`;
}
