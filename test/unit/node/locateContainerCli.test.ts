import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { isContainerCliError } from '../../../src/core/client/types';
import { locateContainerCli } from '../../../src/node/locateContainerCli';
import { makeTempDir, rejectionOf, settlesWithin, writeFakeCli } from './fakeCli';

describe('locateContainerCli', () => {
  let root: string;
  let empty: string;
  let withCli: string;
  let withDirectory: string;
  let withUnexecutable: string;
  let cli: string;

  before(async () => {
    root = await makeTempDir();
    empty = path.join(root, 'empty');
    withCli = path.join(root, 'bin');
    withDirectory = path.join(root, 'dirbin');
    withUnexecutable = path.join(root, 'nox');
    for (const directory of [empty, withCli, withDirectory, withUnexecutable]) {
      await fs.mkdir(directory);
    }
    cli = await writeFakeCli(withCli, 'container', "out(1, 'container CLI version 1.2.2');");
    await fs.mkdir(path.join(withDirectory, 'container'));
    await writeFakeCli(withUnexecutable, 'container', '', 0o644);
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const nowhere = (dir: string) => path.join(dir, 'no-fallback');

  it('uses the configured path when it is an executable', async () => {
    assert.equal(await settlesWithin(locateContainerCli(cli, { searchPath: '' })), cli);
  });

  it('expands ~/ in the configured path', async () => {
    const found = await settlesWithin(
      locateContainerCli('~/bin/container', { homeDirectory: root, searchPath: '' }),
    );
    assert.equal(found, cli);
  });

  it('blames the setting when the configured path has no file', async () => {
    const error = await rejectionOf(locateContainerCli(path.join(empty, 'container')));
    assert.ok(isContainerCliError(error));
    assert.equal(error.kind, 'cliMissing');
    assert.match(error.message, /SLIPWAY_CONTAINER/);
  });

  it('says so when the configured file is not executable', async () => {
    const error = await rejectionOf(locateContainerCli(path.join(withUnexecutable, 'container')));
    assert.ok(isContainerCliError(error));
    assert.equal(error.kind, 'cliMissing');
    assert.match(error.message, /EACCES/);
  });

  it('finds container on PATH, skipping directories and non-executables', async () => {
    const searchPath = [empty, withDirectory, withUnexecutable, withCli].join(path.delimiter);
    const found = await settlesWithin(
      locateContainerCli(undefined, { searchPath, fallbackPath: nowhere(root) }),
    );
    assert.equal(found, cli);
  });

  it('ignores relative and empty PATH entries: they would find the workspace’s own bin/container', async () => {
    const cwd = process.cwd();
    // The current folder plays a workspace that ships `bin/container`.
    process.chdir(root);
    try {
      for (const searchPath of ['bin', './bin', `.${path.delimiter}bin`, `${path.delimiter}bin`]) {
        const error = await rejectionOf(
          locateContainerCli(undefined, { searchPath, fallbackPath: nowhere(root) }),
        );
        assert.ok(isContainerCliError(error), `PATH=${searchPath} finds nothing`);
      }
      process.chdir(withCli);
      const found = await settlesWithin(
        locateContainerCli(undefined, {
          searchPath: ['', '.', withCli].join(path.delimiter),
          fallbackPath: nowhere(root),
        }),
      );
      assert.equal(found, cli, 'the absolute entry is still found');
      assert.ok(path.isAbsolute(found));
    } finally {
      process.chdir(cwd);
    }
  });

  it('treats a blank setting as unset', async () => {
    const found = await settlesWithin(locateContainerCli('  ', { searchPath: withCli }));
    assert.equal(found, cli);
  });

  it('falls back to the installer location when PATH has none', async () => {
    const found = await settlesWithin(
      locateContainerCli(undefined, { searchPath: empty, fallbackPath: cli }),
    );
    assert.equal(found, cli);
  });

  it('throws cliMissing naming where it looked', async () => {
    const fallbackPath = nowhere(root);
    const error = await rejectionOf(
      locateContainerCli(undefined, { searchPath: empty, fallbackPath }),
    );
    assert.ok(isContainerCliError(error));
    assert.equal(error.kind, 'cliMissing');
    assert.ok(error.message.includes(fallbackPath));
    assert.match(error.message, /github\.com\/apple\/container\/releases/);
  });
});
