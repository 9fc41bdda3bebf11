/**
 * Which integration suites `npm run test:mac` runs against Apple's own
 * `container`: every one under test/integration (engine and lifecycle in
 * slipway/, the SSH transport in ssh/, Features in features/, and Compose
 * once its folder exists), except test/integration/standin/, which tests the
 * Linux stand-in itself and means nothing on a Mac.
 */

export const INTEGRATION_ROOT = 'test/integration';

/** Folders of test/integration that only test the stand-in. */
const STAND_IN_ONLY = new Set(['standin']);

/** The test files to run, sorted, from every path under test/integration (relative to the repository). */
export function macSuites(files: readonly string[]): string[] {
  return files
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.startsWith(`${INTEGRATION_ROOT}/`) && file.endsWith('.test.ts'))
    .filter((file) => {
      const folder = file.slice(INTEGRATION_ROOT.length + 1).split('/')[0] ?? '';
      return !STAND_IN_ONLY.has(folder) && file.split('/').length > 3;
    })
    .sort();
}

/** The refusal on anything but macOS (exit 2, like every usage mistake). */
export function platformRefusal(platform: string): string | undefined {
  if (platform === 'darwin') {
    return undefined;
  }
  return `npm run test:mac runs the integration tests against Apple's container, which exists only on macOS (this is ${platform}). Here, run npm run test:integration: the same tests against the container stand-in.`;
}
