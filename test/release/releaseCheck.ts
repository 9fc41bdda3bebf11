/**
 * `npm run release:check [-- --publish]`: what a publisher runs before
 * `vsce publish` and `ovsx publish`, without publishing anything. It packages
 * the extension the way a release does (`vsce package`, which runs
 * `vscode:prepublish`, the production build) into a temporary folder, then
 * checks the manifest, the icon, the CHANGELOG, the bundles, the file list,
 * the `.vsix` name and size, `slipway --version` and the README's requirements.
 *
 * --publish: the release commit itself, where CHANGELOG.md must have a
 * `## <version>` section (see checkChangelog).
 *
 * Exit 0 when everything passes, 1 with one line per problem otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OLDEST_SUPPORTED_CONTAINER } from '../../src/core/plan/versions';
import {
  checkBundle,
  checkChangelog,
  checkCliVersion,
  checkFileList,
  checkIcon,
  checkManifest,
  checkReadme,
  checkVsix,
} from './checks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VSCE = path.join(ROOT, 'node_modules', '.bin', 'vsce');

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

function run(file: string, args: string[]): string {
  return execFileSync(file, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function main(argv: readonly string[]): number {
  const publish = argv.includes('--publish');
  const manifest = JSON.parse(read('package.json')) as Record<string, unknown>;
  const version = String(manifest.version);
  const results: Array<[string, string[]]> = [];

  results.push(['manifest fields', checkManifest(manifest)]);
  const icon = String(manifest.icon);
  results.push(['icon', checkIcon(icon, readFileSync(path.join(ROOT, icon)))]);
  results.push(['CHANGELOG', checkChangelog(read('CHANGELOG.md'), version, publish)]);
  results.push(['README requirements', checkReadme(read('README.md'), OLDEST_SUPPORTED_CONTAINER)]);

  const out = mkdtempSync(path.join(tmpdir(), 'slipway-release-'));
  try {
    // No allow-flags: vsce refuses a manifest the Marketplace would refuse.
    run(VSCE, ['package', '--no-dependencies', '--out', out]);
    const [vsix, ...others] = readdirSync(out);
    if (vsix === undefined || others.length > 0) {
      results.push([
        'vsce package',
        [`expected one .vsix in ${out}, found ${readdirSync(out).join(', ')}`],
      ]);
    } else {
      results.push([
        '.vsix name and size',
        checkVsix(vsix, statSync(path.join(out, vsix)).size, manifest),
      ]);
    }
    // dist/cli.js is a two-line shim into the one bundle.
    for (const bundle of ['dist/extension.js']) {
      results.push([`${bundle} production build`, checkBundle(bundle, read(bundle))]);
    }
    const files = run(VSCE, ['ls', '--no-dependencies']).split('\n').filter(Boolean);
    results.push(['packaged files (vsce ls)', checkFileList(files)]);
    const cliVersion = run(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--version']);
    results.push(['slipway --version', checkCliVersion(cliVersion, version)]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  let failed = 0;
  for (const [name, problems] of results) {
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
    for (const problem of problems) {
      console.log(`     ${problem}`);
    }
    failed += problems.length;
  }
  console.log(
    failed === 0
      ? `release check passed: ${String(manifest.name)} ${version} is ready to publish (nothing was published).`
      : `release check failed: ${failed} problem(s).`,
  );
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // A failing vsce or build prints its own reason on stderr, which execFileSync captured.
  const stderr = (error as { stderr?: string }).stderr;
  console.error(`release check could not run: ${stderr?.trim() || (error as Error).message}`);
  process.exitCode = 1;
}
