import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { discoverConfigs } from '../../../src/core/config/discovery';
import { formatConfigError, type ConfigError } from '../../../src/core/errors';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import { writeFeaturesContext } from '../../../src/node/features/featureFolder';
import { createFeatureSupport } from '../../../src/node/features/featureSupport';
import { NodeFileSystem } from '../../../src/node/fileSystem';
import { fileProblem, readWorkspaceText } from '../../../src/node/workspaceFiles';

/** Fails a promise that would otherwise hang (as reading a FIFO did). */
function within<T>(promise: Promise<T>, ms = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Rejects with a ConfigError (not a stack trace) whose message names `where` and matches `pattern`. */
async function refused(promise: Promise<unknown>, where: string, pattern: RegExp): Promise<void> {
  await assert.rejects(within(promise), (error: Error) => {
    assert.equal(error.name, 'SlipwayConfigError', error.stack);
    const shown = formatConfigError(error as ConfigError);
    assert.ok(shown.includes(where), shown);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('reading files a repository controls', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'slipway-wsfiles-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const at = (name: string) => path.join(root, name);

  it('reads a regular file, and says nothing is there when nothing is', async () => {
    writeFileSync(at('plain.json'), '{"a":1}');
    assert.equal(await readWorkspaceText(at('plain.json')), '{"a":1}');
    assert.equal(await readWorkspaceText(at('missing.json')), undefined);
    assert.equal(await readWorkspaceText(at('plain.json/below')), undefined);
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    assert.equal(spawnSync('mkfifo', [at('devcontainer-lock.json')]).status, 0);
    await refused(
      readWorkspaceText(at('devcontainer-lock.json')),
      at('devcontainer-lock.json'),
      /FIFO/,
    );
  });

  it('refuses a symlink to a device (/dev/zero, /dev/stdin)', async () => {
    symlinkSync('/dev/zero', at('zero.json'));
    await refused(
      readWorkspaceText(at('zero.json')),
      at('zero.json'),
      /a device, not a regular file/,
    );
    symlinkSync('/dev/stdin', at('stdin.json'));
    await refused(readWorkspaceText(at('stdin.json')), at('stdin.json'), /not a regular file/);
  });

  it('refuses a folder where a file is expected', async () => {
    mkdirSync(at('folder.json'));
    await refused(
      readWorkspaceText(at('folder.json')),
      at('folder.json'),
      /a folder, not a regular file/,
    );
  });

  it('refuses a file over the size cap', async () => {
    writeFileSync(at('big.json'), 'x'.repeat(200));
    await refused(readWorkspaceText(at('big.json'), 100), at('big.json'), /larger than 100 bytes/);
  });

  it('names the path for a symlink loop, an over-long path and a NUL byte', async () => {
    symlinkSync('loop-b', at('loop-a'));
    symlinkSync('loop-a', at('loop-b'));
    await refused(readWorkspaceText(at('loop-a')), at('loop-a'), /loop/);
    const long = at('x'.repeat(5000));
    await refused(readWorkspaceText(long), 'x'.repeat(100), /too long/);
    await refused(readWorkspaceText(at('a\0b')), 'a\\u0000b', /NUL byte/);
    await refused(new NodeFileSystem().stat(at('loop-a')), at('loop-a'), /loop/);
    await refused(new NodeFileSystem().stat(at('a\0b')), 'a\\u0000b', /NUL byte/);
  });

  it('words permission problems for people', () => {
    const error = fileProblem(Object.assign(new Error('EACCES'), { code: 'EACCES' }), '/x/y');
    assert.equal((error as Error).name, 'SlipwayConfigError');
    assert.equal(
      formatConfigError(error as ConfigError),
      '/x/y: Slipway cannot read this: permission denied; check the permissions of the file and the folders above it.',
    );
  });

  it('finds the readable configs when a folder in .devcontainer cannot be read', async () => {
    const workspace = at('ws-discovery');
    mkdirSync(path.join(workspace, '.devcontainer', 'good'), { recursive: true });
    writeFileSync(path.join(workspace, '.devcontainer', 'good', 'devcontainer.json'), '{}');
    // A folder that cannot be looked into (root reads through permissions, so a loop).
    symlinkSync('bad', path.join(workspace, '.devcontainer', 'bad'));
    const found = await discoverConfigs(new NodeFileSystem(), workspace);
    assert.deepEqual(
      found.candidates.map((candidate) => candidate.label),
      ['.devcontainer/good'],
    );
    assert.match(found.unreadable?.join() ?? '', /\.devcontainer\/bad.*loop/);
  });

  it('plans nothing with a FIFO for devcontainer-lock.json, and says why', async () => {
    const workspace = at('ws-fifo');
    mkdirSync(path.join(workspace, '.devcontainer', 'feat'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({ image: 'busybox', features: { './feat': {} } }),
    );
    writeFileSync(
      path.join(workspace, '.devcontainer', 'feat', 'devcontainer-feature.json'),
      JSON.stringify({ id: 'feat', version: '1.0.0' }),
    );
    const lockfile = path.join(workspace, '.devcontainer', 'devcontainer-lock.json');
    assert.equal(spawnSync('mkfifo', [lockfile]).status, 0);
    const features = createFeatureSupport({
      env: { SLIPWAY_STATE_DIR: at('state') },
      log: () => undefined,
      offline: true,
    });
    await refused(
      planWorkspace(
        new NodeFileSystem(),
        { workspaceFolder: workspace, settings: {}, env: {} },
        { features, lockfile: 'read' },
      ),
      lockfile,
      /FIFO/,
    );
  });

  it('names a local Feature folder holding a FIFO instead of failing inside the copy', async () => {
    const feature = at('fifo-feature');
    mkdirSync(feature);
    writeFileSync(path.join(feature, 'install.sh'), 'echo hi\n');
    assert.equal(spawnSync('mkfifo', [path.join(feature, 'pipe')]).status, 0);
    await refused(
      writeFeaturesContext([{ path: 'local', source: feature }]),
      feature,
      /holds a FIFO \(named pipe\), which cannot be copied into a build; remove it/,
    );
  });

  it('pins a Dockerfile that is a symlink loop to build.dockerfile', async () => {
    const workspace = at('ws-loop');
    mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
    const config = path.join(workspace, '.devcontainer', 'devcontainer.json');
    writeFileSync(config, '{\n  "build": { "dockerfile": "Dockerfile" }\n}');
    symlinkSync('Dockerfile', path.join(workspace, '.devcontainer', 'Dockerfile'));
    await assert.rejects(
      planWorkspace(new NodeFileSystem(), { workspaceFolder: workspace, settings: {}, env: {} }),
      (error: ConfigError) => {
        assert.equal(
          formatConfigError(error),
          `${config}:2:28: ${path.join(workspace, '.devcontainer', 'Dockerfile')}: Slipway cannot read this: symbolic links there loop (or are nested too deep); fix or remove the link.`,
        );
        return true;
      },
    );
  });
});
