/**
 * Versions: parsing and comparing release numbers, and the check context that
 * carries the target release, so options and values can be gated by release.
 */

/** The newest release the reference describes. */
export const APPLE_NEWEST_VERSION = '1.5.0';

type Version = readonly [number, number, number];

export interface Context {
  readonly version: Version;
  readonly versionText: string;
}

function parseVersion(text: string): Version {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (!match) {
    throw new Error(`appleGrammar: '${text}' is not a version`);
  }
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

export function makeContext(version: string | undefined): Context {
  const versionText = version ?? APPLE_NEWEST_VERSION;
  return { version: parseVersion(versionText), versionText };
}

/** Whether the target release has something introduced in `since` and removed in `until`. */
export function available(ctx: Context, since?: string, until?: string): boolean {
  if (since !== undefined && compareVersions(ctx.version, parseVersion(since)) < 0) {
    return false;
  }
  return until === undefined || compareVersions(ctx.version, parseVersion(until)) < 0;
}

/** The note appended to a problem caused by the target release being too old or too new. */
export function versionNote(ctx: Context, since?: string, until?: string): string {
  if (since !== undefined && compareVersions(ctx.version, parseVersion(since)) < 0) {
    return ` (added in container ${since}; checking against ${ctx.versionText})`;
  }
  if (until !== undefined) {
    return ` (removed in container ${until}; checking against ${ctx.versionText})`;
  }
  return '';
}
