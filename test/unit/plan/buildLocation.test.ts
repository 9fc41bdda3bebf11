import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import type { Plan } from '../../../src/core/plan/types';
import { MemoryFileSystem } from '../../support/memoryFs';
import { planConfig, runArgv, WORKSPACE } from '../../support/planFixture';

/**
 * What a repository's config may reach on this Mac, in a trusted workspace
 * too: a build reading from outside the workspace is said, naming the path;
 * `--cidfile` (which Apple's run uses to overwrite a file) never reaches
 * `container`.
 */

const DOCKERFILE = { [`${WORKSPACE}/.devcontainer/Dockerfile`]: 'FROM alpine:3\n' };
const warningsOf = (plan: Plan, property: string) =>
  plan.warnings.filter((w) => w.property === property).map((w) => w.message);

describe('a build from outside the workspace', () => {
  it('says nothing for a Dockerfile and context inside the workspace', async () => {
    const plan = await planConfig(
      { build: { dockerfile: 'Dockerfile', context: '..' } },
      {},
      DOCKERFILE,
    );
    assert.deepEqual(warningsOf(plan, 'build.context'), []);
    assert.deepEqual(warningsOf(plan, 'build.dockerfile'), []);
  });

  it('warns about a build context outside, naming it', async () => {
    const plan = await planConfig(
      { build: { dockerfile: 'Dockerfile', context: '../../../..' } },
      {},
      DOCKERFILE,
    );
    const [warning, ...rest] = warningsOf(plan, 'build.context');
    assert.equal(rest.length, 0);
    assert.match(
      warning ?? '',
      /^The build context \/ is outside the workspace folder \/Users\/me\/proj/,
    );
    assert.deepEqual(warningsOf(plan, 'build.dockerfile'), []);
    // Still planned: a monorepo may mean it.
    assert.equal(plan.commands[0]?.argv.at(-1), '/');
  });

  it('warns about a Dockerfile outside, and the context beside it', async () => {
    const plan = await planConfig(
      { build: { dockerfile: '../../elsewhere/Dockerfile' } },
      {},
      { '/Users/me/elsewhere/Dockerfile': 'FROM alpine:3\n' },
    );
    assert.match(
      warningsOf(plan, 'build.dockerfile')[0] ?? '',
      /The Dockerfile \/Users\/me\/elsewhere\/Dockerfile is outside/,
    );
    assert.match(
      warningsOf(plan, 'build.context')[0] ?? '',
      /The build context \/Users\/me\/elsewhere is outside/,
    );
  });

  it('counts the Git root the workspace folder is in as inside', async () => {
    const fs = new MemoryFileSystem({
      '/Users/me/repo/.git/HEAD': 'ref: refs/heads/main\n',
      '/Users/me/repo/app/.devcontainer/devcontainer.json': JSON.stringify({
        build: { dockerfile: '../../docker/Dockerfile', context: '../..' },
      }),
      '/Users/me/repo/docker/Dockerfile': 'FROM alpine:3\n',
    });
    const plan = await planWorkspace(fs, {
      workspaceFolder: '/Users/me/repo/app',
      settings: {},
      env: {},
    });
    assert.deepEqual(warningsOf(plan, 'build.context'), []);
    assert.deepEqual(warningsOf(plan, 'build.dockerfile'), []);
    const outside = await planWorkspace(
      new MemoryFileSystem({
        '/Users/me/repo/app/.devcontainer/devcontainer.json': JSON.stringify({
          build: { dockerfile: 'Dockerfile', context: '../..' },
        }),
        '/Users/me/repo/app/.devcontainer/Dockerfile': 'FROM alpine:3\n',
      }),
      { workspaceFolder: '/Users/me/repo/app', settings: {}, env: {} },
    );
    assert.match(
      warningsOf(outside, 'build.context')[0] ?? '',
      /\/Users\/me\/repo is outside the workspace folder \/Users\/me\/repo\/app/,
    );
  });
});

describe('--cidfile in runArgs', () => {
  it('is left out with a warning naming it', async () => {
    const plan = await planConfig({
      image: 'alpine:3',
      runArgs: ['--cidfile', '/Users/me/.ssh/config', '--cidfile=/tmp/x', '--init'],
    });
    const argv = runArgv(plan);
    assert.ok(!argv.some((arg) => arg.startsWith('--cidfile')), argv.join(' '));
    assert.ok(!argv.includes('/Users/me/.ssh/config'));
    assert.ok(argv.includes('--init'), 'the rest is kept');
    const warnings = warningsOf(plan, 'runArgs').filter((w) => w.includes('--cidfile'));
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0]!,
      /"--cidfile \/Users\/me\/\.ssh\/config".*overwrites an existing file/,
    );
  });
});
