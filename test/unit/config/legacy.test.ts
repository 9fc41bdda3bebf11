import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { moveLegacyProperties, type RawDevContainerConfig } from '../../../src/core/config/legacy';

describe('moveLegacyProperties', () => {
  it('leaves a config without legacy properties as it is', () => {
    const config: RawDevContainerConfig = {
      image: 'debian',
      customizations: { vscode: { extensions: ['a.b'] } },
    };
    assert.deepEqual(moveLegacyProperties(config), config);
  });

  it('appends extensions after the customizations ones', () => {
    const moved = moveLegacyProperties({
      image: 'debian',
      extensions: ['old.one', 'old.two'],
      customizations: { vscode: { extensions: ['new.one'] }, other: { x: 1 } },
    });
    assert.deepEqual(moved, {
      image: 'debian',
      customizations: {
        vscode: { extensions: ['new.one', 'old.one', 'old.two'] },
        other: { x: 1 },
      },
    });
  });

  it('lets customizations.vscode.settings override the legacy settings', () => {
    const moved = moveLegacyProperties({
      settings: { 'editor.tabSize': 2, 'files.eol': '\n' },
      customizations: { vscode: { settings: { 'editor.tabSize': 4 } } },
    });
    assert.deepEqual(moved.customizations, {
      vscode: { settings: { 'editor.tabSize': 4, 'files.eol': '\n' } },
    });
  });

  it('moves devPort only when customizations.vscode has none', () => {
    assert.deepEqual(moveLegacyProperties({ devPort: 8000 }), {
      customizations: { vscode: { devPort: 8000 } },
    });
    assert.deepEqual(
      moveLegacyProperties({ devPort: 8000, customizations: { vscode: { devPort: 9000 } } }),
      { customizations: { vscode: { devPort: 9000 } } },
    );
    // devPort 0 is "present" (the reference checks for undefined, not truthiness).
    assert.deepEqual(moveLegacyProperties({ devPort: 0 }), {
      customizations: { vscode: { devPort: 0 } },
    });
  });

  it('creates customizations.vscode for an empty extensions array, as the reference does', () => {
    assert.deepEqual(moveLegacyProperties({ extensions: [] }), {
      customizations: { vscode: { extensions: [] } },
    });
  });

  it('moves dockerFile and the top-level context, keeping the other build members', () => {
    const moved = moveLegacyProperties({
      dockerFile: 'Dockerfile.dev',
      context: '..',
      build: { args: { A: '1' }, target: 'dev', options: ['--pull'], cacheFrom: 'img' },
    });
    assert.deepEqual(moved, {
      build: {
        dockerfile: 'Dockerfile.dev',
        context: '..',
        args: { A: '1' },
        target: 'dev',
        options: ['--pull'],
        cacheFrom: 'img',
      },
    });
  });

  it('takes the context only from the top level when dockerFile is used', () => {
    // The reference reads `context`, not `build.context`, for a dockerFile config.
    assert.deepEqual(
      moveLegacyProperties({
        dockerFile: 'Dockerfile',
        build: { dockerfile: 'Other', context: 'x' },
      }),
      { build: { dockerfile: 'Dockerfile' } },
    );
  });

  it('drops a top-level context without dockerFile, which the reference ignores', () => {
    assert.deepEqual(
      moveLegacyProperties({ context: '..', build: { dockerfile: 'Dockerfile', context: 'sub' } }),
      { build: { dockerfile: 'Dockerfile', context: 'sub' } },
    );
  });

  it('does not change its input', () => {
    const input: RawDevContainerConfig = {
      extensions: ['a.b'],
      settings: { x: 1 },
      dockerFile: 'Dockerfile',
      build: { args: { A: '1' } },
      customizations: { vscode: { extensions: ['c.d'], settings: { y: 2 } } },
    };
    const copy = structuredClone(input);
    moveLegacyProperties(input);
    assert.deepEqual(input, copy);
  });
});
