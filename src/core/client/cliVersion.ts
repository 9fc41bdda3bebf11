import * as semver from 'semver';
import { OLDEST_SUPPORTED_CONTAINER } from '../plan/versions';
import { CONTAINER_RELEASES_URL } from './classifyFailure';
import { unexpectedOutput } from './json';
import { TIMEOUTS } from './timeouts';
import { ContainerCliError, type ContainerCommand } from './types';

/** The oldest `container` release Slipway drives (its JSON shapes and flags are the baseline). */
export const MINIMUM_CONTAINER_VERSION = OLDEST_SUPPORTED_CONTAINER;

/**
 * `container CLI version 1.2.2 (build: release, commit: 0190097)`; very early
 * builds added `, sdk: MacOS 15` inside the parentheses. Only the version
 * number matters, so the parenthesised part is not parsed.
 */
const VERSION_LINE = /\bversion\s+v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)/;

/** The semver of `container --version` output, or `unexpectedOutput`. */
export function parseVersionOutput(stdout: string): string {
  const version = VERSION_LINE.exec(stdout)?.[1];
  if (version === undefined || semver.valid(version) === null) {
    throw unexpectedOutput('a version', 'no "version X.Y.Z" in it', stdout);
  }
  return version;
}

/** `container --version`: the installed CLI's version, e.g. `1.2.2`. */
export function versionCommand(): ContainerCommand<string> {
  return {
    args: ['--version'],
    parse: parseVersionOutput,
    timeoutMs: TIMEOUTS.version,
    summary: 'read the container version',
  };
}

/**
 * The `cliTooOld` error for an installed version Slipway cannot drive, or
 * `undefined` when it is new enough. `0.0.0` is what Apple prints for a build
 * without a version number; its features are unknown, so it is refused too,
 * with a message that says why.
 */
export function cliVersionError(installed: string): ContainerCliError | undefined {
  const version = semver.valid(installed);
  if (version !== null && semver.gte(version, MINIMUM_CONTAINER_VERSION)) {
    return undefined;
  }
  const update = `Install container ${MINIMUM_CONTAINER_VERSION} or newer from ${CONTAINER_RELEASES_URL}.`;
  if (version === '0.0.0') {
    return new ContainerCliError(
      'cliTooOld',
      `container reports version 0.0.0, which is what a build without a version number prints, so Slipway cannot tell which options it supports. ${update}`,
    );
  }
  return new ContainerCliError(
    'cliTooOld',
    `container ${installed} is too old for Slipway, which needs ${MINIMUM_CONTAINER_VERSION} or newer. ${update}`,
  );
}
