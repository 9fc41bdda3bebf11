import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';

/**
 * The README's way to install the command line for real use: `npm pack`, then
 * `npm install -g` of the tarball. Installed into a temporary prefix, offline:
 * the tarball must carry everything it needs (one bundled dist/cli.js), and
 * the command must work outside the clone.
 */

const ROOT = path.resolve(__dirname, '../../..');

describe('slipway installed from its npm tarball (integration)', function () {
  this.timeout(180_000);
  let scratch: string;
  let bin: string;

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-npm-'));
    const packed = path.join(scratch, 'packed');
    mkdirSync(packed);
    const npmEnv = {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    execFileSync('npm', ['pack', '--silent', '--pack-destination', packed], {
      cwd: ROOT,
      env: npmEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [tarball] = readdirSync(packed).filter((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote a tarball');
    const prefix = path.join(scratch, 'prefix');
    // --offline: nothing may need fetching, so the package must have no dependencies.
    execFileSync(
      'npm',
      ['install', '-g', '--offline', '--prefix', prefix, path.join(packed, tarball)],
      { cwd: scratch, env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    bin = path.join(prefix, 'bin', 'slipway');
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('puts a working slipway on PATH that runs outside the clone', () => {
    const version = spawnSync(bin, ['--version'], { cwd: scratch, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^slipway \d+\.\d+\.\d+\n$/);
    const workspace = path.join(scratch, 'app');
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{ "image": "node:20" }',
    );
    const plan = spawnSync(bin, ['plan', '--json'], { cwd: workspace, encoding: 'utf8' });
    assert.equal(plan.status, 0, plan.stderr);
    assert.equal(JSON.parse(plan.stdout).outcome, 'success');
  });

  it('ships only the command line: no sources, tests or editor bundle', () => {
    const listed = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const files = (JSON.parse(listed) as Array<{ files: Array<{ path: string }> }>)[0]!.files
      .map((file) => file.path)
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/extension.js',
      'package.json',
    ]);
  });
});
