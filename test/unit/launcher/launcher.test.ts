import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  extensionIdOfFolder,
  installFolder,
  isSlipwayLauncher,
  LAUNCHER_MARKER,
  launcherScript,
} from '../../../src/core/launcher/launcher';

/** A stand-in for an extension version's dist/cli.js: prints which one ran, and its arguments. */
function fakeCli(extensions: string, folder: string): void {
  mkdirSync(path.join(extensions, folder, 'dist'), { recursive: true });
  writeFileSync(
    path.join(extensions, folder, 'dist', 'cli.js'),
    `console.log(${JSON.stringify(folder)}, JSON.stringify(process.argv.slice(2)), process.env.ELECTRON_RUN_AS_NODE);\n`,
  );
}

describe('the slipway launcher (Install Command in PATH)', () => {
  let scratch = '';
  let extensions = '';
  let launcher = '';

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-launcher-'));
    // Spaces and a quote: the script must carry any path as data.
    extensions = path.join(scratch, "Application Support/it's extensions");
    mkdirSync(extensions, { recursive: true });
    launcher = path.join(scratch, 'slipway');
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  function install(runtime = process.execPath): void {
    writeFileSync(
      launcher,
      launcherScript({ extensionsDir: extensions, extensionId: 'slipway.slipway', runtime }),
    );
    chmodSync(launcher, 0o755);
  }

  function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
    return spawnSync(launcher, args, { encoding: 'utf8', env });
  }

  it('is a marked sh script naming no versioned folder', () => {
    const script = launcherScript({
      extensionsDir: '/Users/me/.vscode/extensions',
      extensionId: 'slipway.slipway',
      runtime: '/Applications/Visual Studio Code.app/Contents/MacOS/Electron',
    });
    assert.ok(script.startsWith(`#!/bin/sh\n${LAUNCHER_MARKER}\n`));
    assert.ok(isSlipwayLauncher(script));
    assert.ok(!isSlipwayLauncher('#!/bin/sh\nexec /opt/other/slipway "$@"\n'));
    assert.match(script, /^extensions='\/Users\/me\/\.vscode\/extensions'$/m);
    assert.match(
      script,
      /^runtime='\/Applications\/Visual Studio Code\.app\/Contents\/MacOS\/Electron'$/m,
    );
    assert.doesNotMatch(script, /slipway\.slipway-\d/);
    assert.match(script, /ELECTRON_RUN_AS_NODE=1 exec "\$runtime" "\$cli" "\$@"/);
  });

  it('runs the newest installed version with the editor runtime in Node mode, passing arguments through', () => {
    for (const version of ['0.9.0', '0.10.0', '0.2.0']) {
      fakeCli(extensions, `slipway.slipway-${version}`);
    }
    // Neither another extension nor a folder without a bundled CLI is picked.
    fakeCli(extensions, 'slipway.slipway-extras-9.0.0');
    mkdirSync(path.join(extensions, 'slipway.slipway-0.11.0'));
    install();
    const result = run(['up', '--workspace-folder', "a b'c"]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `slipway.slipway-0.10.0 ["up","--workspace-folder","a b'c"] 1\n`);
  });

  it('picks up an update without being rewritten', () => {
    fakeCli(extensions, 'slipway.slipway-0.1.0');
    install();
    assert.match(run([]).stdout, /^slipway\.slipway-0\.1\.0 /);
    fakeCli(extensions, 'slipway.slipway-0.2.0');
    assert.match(run([]).stdout, /^slipway\.slipway-0\.2\.0 /);
  });

  it('falls back to node on PATH when the editor runtime is gone', () => {
    fakeCli(extensions, 'slipway.slipway-0.1.0');
    install(path.join(scratch, 'no-such-editor'));
    const result = run(['--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'slipway.slipway-0.1.0 ["--version"] undefined\n');
  });

  it('says what to do when Slipway or any runtime is gone', () => {
    install();
    const missing = run([]);
    assert.equal(missing.status, 127);
    assert.match(missing.stderr, /Slipway is no longer installed in .*Reinstall the extension/);

    fakeCli(extensions, 'slipway.slipway-0.1.0');
    install(path.join(scratch, 'no-such-editor'));
    // The tools the script uses, without node.
    const tools = path.join(scratch, 'tools');
    mkdirSync(tools);
    for (const tool of ['ls', 'grep', 'sort', 'tail']) {
      const found = execFileSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { encoding: 'utf8' });
      symlinkSync(found.trim(), path.join(tools, tool));
    }
    const noNode = run([], { PATH: tools });
    assert.equal(noNode.status, 127);
    assert.match(noNode.stderr, /no node on PATH\. Run Install 'slipway' Command in PATH again/);
  });

  it('is valid sh (sh -n)', () => {
    install();
    execFileSync('sh', ['-n', launcher]);
  });

  it('takes the extension id from a versioned folder only', () => {
    assert.equal(extensionIdOfFolder('slipway.slipway-0.1.0'), 'slipway.slipway');
    assert.equal(extensionIdOfFolder('slipway'), undefined);
  });

  it('goes to ~/.local/bin when it is on PATH, else /usr/local/bin', () => {
    assert.deepEqual(installFolder('/usr/bin:/Users/me/.local/bin/:/bin', '/Users/me'), {
      folder: '/Users/me/.local/bin',
      onPath: true,
    });
    assert.deepEqual(installFolder('/usr/local/bin:/usr/bin', '/Users/me'), {
      folder: '/usr/local/bin',
      onPath: true,
    });
    assert.deepEqual(installFolder('/usr/bin', '/Users/me'), {
      folder: '/usr/local/bin',
      onPath: false,
    });
  });
});
