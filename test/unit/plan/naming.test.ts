import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  containerNameFor,
  imageTagFor,
  isValidContainerName,
  slug,
} from '../../../src/core/plan/naming';

const ID = '17hbeuldl92uuq39afg5mj38pg1207nvgmggoaaejkgjgn26gqu6';

describe('container names', () => {
  it('is readable and deterministic', () => {
    const name = containerNameFor(
      '/Users/me/My Project',
      '/Users/me/My Project/.devcontainer/devcontainer.json',
      ID,
    );
    assert.equal(name, 'my-project-jgn26gqu6'.replace('jgn26gqu6', ID.slice(-8)));
    assert.equal(
      name,
      containerNameFor(
        '/Users/me/My Project',
        '/Users/me/My Project/.devcontainer/devcontainer.json',
        ID,
      ),
    );
    assert.ok(isValidContainerName(name));
  });

  it('tells the configs of one workspace apart by their folder', () => {
    const name = containerNameFor('/w/app', '/w/app/.devcontainer/python/devcontainer.json', ID);
    assert.equal(name, `app-python-${ID.slice(-8)}`);
  });

  it('stays valid for folder names Apple would reject', () => {
    for (const folder of ['/w/...', '/w/ü', '/w/a.b.c', `/w/${'x'.repeat(200)}`, '/']) {
      const name = containerNameFor(folder, `${folder}/.devcontainer.json`, ID);
      assert.ok(isValidContainerName(name), `${folder} -> ${name}`);
      assert.ok(!name.includes('.'), name);
    }
  });

  it("checks Apple's rule: 2 to 63 characters, starting with a letter or digit", () => {
    assert.ok(isValidContainerName('ab'));
    assert.ok(!isValidContainerName('a'));
    assert.ok(!isValidContainerName('-ab'));
    assert.ok(!isValidContainerName('a b'));
    assert.ok(!isValidContainerName('a'.repeat(64)));
    assert.equal(slug('  Hello, World! '), 'hello-world');
  });

  it('tags built images under localhost so that a missing image is never pulled from a registry', () => {
    assert.equal(imageTagFor('app-12345678'), 'localhost/slipway/app-12345678:latest');
  });
});
