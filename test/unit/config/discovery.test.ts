import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { discoverConfigs, resolveConfigFile } from '../../../src/core/config/discovery';
import { isConfigError } from '../../../src/core/errors';
import { MemoryFileSystem } from '../../support/memoryFs';

const W = '/Users/me/proj';

describe('discoverConfigs', () => {
  it('finds every config in precedence order, sub-folders sorted by name', async () => {
    const fs = new MemoryFileSystem({
      [`${W}/.devcontainer/python/devcontainer.json`]: '{}',
      [`${W}/.devcontainer.json`]: '{}',
      [`${W}/.devcontainer/node/devcontainer.json`]: '{}',
      [`${W}/.devcontainer/devcontainer.json`]: '{}',
      [`${W}/.devcontainer/Go/devcontainer.json`]: '{}',
    });
    const { candidates, defaultConfig } = await discoverConfigs(fs, W);
    assert.deepEqual(candidates, [
      { file: `${W}/.devcontainer/devcontainer.json`, label: '.devcontainer/devcontainer.json' },
      { file: `${W}/.devcontainer.json`, label: '.devcontainer.json' },
      {
        file: `${W}/.devcontainer/Go/devcontainer.json`,
        label: '.devcontainer/Go',
        subfolder: 'Go',
      },
      {
        file: `${W}/.devcontainer/node/devcontainer.json`,
        label: '.devcontainer/node',
        subfolder: 'node',
      },
      {
        file: `${W}/.devcontainer/python/devcontainer.json`,
        label: '.devcontainer/python',
        subfolder: 'python',
      },
    ]);
    assert.equal(defaultConfig, candidates[0]);
  });

  it('prefers .devcontainer.json over sub-folders', async () => {
    const fs = new MemoryFileSystem({
      [`${W}/.devcontainer/a/devcontainer.json`]: '{}',
      [`${W}/.devcontainer.json`]: '{}',
    });
    assert.equal((await discoverConfigs(fs, W)).defaultConfig?.label, '.devcontainer.json');
  });

  it('defaults to the first sub-folder config when that is all there is', async () => {
    const fs = new MemoryFileSystem({
      [`${W}/.devcontainer/b/devcontainer.json`]: '{}',
      [`${W}/.devcontainer/a/devcontainer.json`]: '{}',
    });
    assert.equal(
      (await discoverConfigs(fs, W)).defaultConfig?.file,
      `${W}/.devcontainer/a/devcontainer.json`,
    );
  });

  it('looks only one level deep, and only at files', async () => {
    const fs = new MemoryFileSystem({
      [`${W}/.devcontainer/a/b/devcontainer.json`]: '{}',
      [`${W}/.devcontainer/c/devcontainer.json/`]: '',
      [`${W}/.devcontainer/Dockerfile`]: 'FROM x',
      [`${W}/devcontainer.json`]: '{}',
    });
    assert.deepEqual(await discoverConfigs(fs, W), { candidates: [], defaultConfig: undefined });
  });

  it('finds nothing in a folder without configs', async () => {
    const fs = new MemoryFileSystem({ [`${W}/README.md`]: '' });
    assert.deepEqual(await discoverConfigs(fs, W), { candidates: [], defaultConfig: undefined });
    assert.deepEqual(await discoverConfigs(fs, '/nowhere'), {
      candidates: [],
      defaultConfig: undefined,
    });
  });

  it('normalises the workspace folder', async () => {
    const fs = new MemoryFileSystem({ [`${W}/.devcontainer.json`]: '{}' });
    assert.equal(
      (await discoverConfigs(fs, `${W}/sub/../`)).defaultConfig?.file,
      `${W}/.devcontainer.json`,
    );
  });
});

describe('resolveConfigFile', () => {
  const fs = new MemoryFileSystem({
    [`${W}/.devcontainer/devcontainer.json`]: '{}',
    [`${W}/.devcontainer/python/devcontainer.json`]: '{}',
    [`${W}/other/.devcontainer.json`]: '{}',
    [`${W}/other/config.json`]: '{}',
    [`${W}/folder/devcontainer.json/`]: '',
  });

  async function rejection(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      assert.ok(isConfigError(error), String(error));
      return error.message;
    }
    assert.fail('expected a ConfigError');
  }

  it('uses the default config without --config', async () => {
    assert.equal(await resolveConfigFile(fs, W), `${W}/.devcontainer/devcontainer.json`);
    assert.equal(await resolveConfigFile(fs, W, ''), `${W}/.devcontainer/devcontainer.json`);
  });

  it('resolves --config against the workspace folder, or takes it as absolute', async () => {
    assert.equal(
      await resolveConfigFile(fs, W, '.devcontainer/python/devcontainer.json'),
      `${W}/.devcontainer/python/devcontainer.json`,
    );
    assert.equal(
      await resolveConfigFile(fs, W, `${W}/other/.devcontainer.json`),
      `${W}/other/.devcontainer.json`,
    );
    assert.equal(
      await resolveConfigFile(fs, `${W}/other`, '../.devcontainer/devcontainer.json'),
      `${W}/.devcontainer/devcontainer.json`,
    );
  });

  it('wants the file named devcontainer.json or .devcontainer.json', async () => {
    assert.match(
      await rejection(resolveConfigFile(fs, W, 'other/config.json')),
      /must be named devcontainer\.json or \.devcontainer\.json: \/Users\/me\/proj\/other\/config\.json/,
    );
    assert.match(
      await rejection(resolveConfigFile(fs, W, 'my-devcontainer.json')),
      /must be named/,
    );
  });

  it('names a --config file that does not exist', async () => {
    assert.equal(
      await rejection(resolveConfigFile(fs, W, '.devcontainer/go/devcontainer.json')),
      `The config file ${W}/.devcontainer/go/devcontainer.json does not exist.`,
    );
    assert.match(
      await rejection(resolveConfigFile(fs, W, 'folder/devcontainer.json')),
      /is not a file/,
    );
  });

  it('says where it looked when there is no config', async () => {
    assert.equal(
      await rejection(resolveConfigFile(new MemoryFileSystem({ [`${W}/x`]: '' }), W)),
      `No devcontainer.json found in ${W} (looked for .devcontainer/devcontainer.json, .devcontainer.json and .devcontainer/<folder>/devcontainer.json).`,
    );
  });
});
