import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { computeWorkspace, findGitRoot } from '../../../src/core/config/workspace';
import { MemoryFileSystem } from '../../support/memoryFs';

describe('findGitRoot', () => {
  it('finds the folder itself when it holds .git', async () => {
    const fs = new MemoryFileSystem({ '/repo/.git/HEAD': 'ref: refs/heads/main' });
    assert.equal(await findGitRoot(fs, '/repo'), '/repo');
  });

  it('walks up to the nearest .git', async () => {
    const fs = new MemoryFileSystem({
      '/repo/.git/HEAD': '',
      '/repo/sub/deeper/file.txt': '',
    });
    assert.equal(await findGitRoot(fs, '/repo/sub/deeper'), '/repo');
  });

  it('accepts a .git file, as worktrees and submodules have', async () => {
    const fs = new MemoryFileSystem({
      '/outer/.git/HEAD': '',
      '/outer/module/.git': 'gitdir: ../.git/modules/module',
      '/outer/module/src/x': '',
    });
    assert.equal(await findGitRoot(fs, '/outer/module/src'), '/outer/module');
  });

  it('returns undefined outside any repository', async () => {
    const fs = new MemoryFileSystem({ '/plain/folder/file': '' });
    assert.equal(await findGitRoot(fs, '/plain/folder'), undefined);
  });

  it('walks the path as written, without resolving symlinks', async () => {
    // A MemoryFileSystem has no symlinks: a "linked" path is simply another
    // path, and the root comes back under the name it was reached by.
    const fs = new MemoryFileSystem({ '/Users/me/link/.git/HEAD': '', '/Users/me/link/sub/x': '' });
    assert.equal(await findGitRoot(fs, '/Users/me/link/sub/'), '/Users/me/link');
  });
});

describe('computeWorkspace', () => {
  it('mounts the folder at /workspaces/<basename> without a Git root', () => {
    assert.deepEqual(computeWorkspace({}, '/Users/user/project'), {
      workspaceMount: {
        kind: 'default',
        source: '/Users/user/project',
        target: '/workspaces/project',
      },
      containerWorkspaceFolder: '/workspaces/project',
    });
  });

  it('mounts the Git root and opens the sub-folder', () => {
    assert.deepEqual(computeWorkspace({}, '/Users/me/repo/sub/dir', '/Users/me/repo'), {
      workspaceMount: { kind: 'default', source: '/Users/me/repo', target: '/workspaces/repo' },
      containerWorkspaceFolder: '/workspaces/repo/sub/dir',
    });
  });

  it('handles a workspace that is the Git root', () => {
    assert.deepEqual(
      computeWorkspace({}, '/Users/me/repo', '/Users/me/repo').containerWorkspaceFolder,
      '/workspaces/repo',
    );
  });

  it('ignores a Git root that does not contain the workspace', () => {
    assert.deepEqual(computeWorkspace({}, '/Users/me/project', '/Users/me/other'), {
      workspaceMount: {
        kind: 'default',
        source: '/Users/me/project',
        target: '/workspaces/project',
      },
      containerWorkspaceFolder: '/workspaces/project',
    });
    assert.equal(
      computeWorkspace({}, '/a/..b', '/a').containerWorkspaceFolder,
      '/workspaces/a/..b',
    );
  });

  it('lets workspaceFolder win', () => {
    const layout = computeWorkspace(
      { workspaceFolder: '/src' },
      '/Users/me/repo/sub',
      '/Users/me/repo',
    );
    assert.equal(layout.containerWorkspaceFolder, '/src');
    assert.deepEqual(layout.workspaceMount, {
      kind: 'default',
      source: '/Users/me/repo',
      target: '/workspaces/repo',
    });
  });

  it('treats an empty workspaceFolder as unset, as the reference does', () => {
    assert.equal(
      computeWorkspace({ workspaceFolder: '' }, '/w/p').containerWorkspaceFolder,
      '/workspaces/p',
    );
  });

  it('lets workspaceMount win, and "" means no workspace mount', () => {
    const custom = 'type=bind,source=/Users/me/p,target=/src';
    assert.deepEqual(
      computeWorkspace({ workspaceMount: custom, workspaceFolder: '/src' }, '/Users/me/p'),
      {
        workspaceMount: { kind: 'custom', spec: custom },
        containerWorkspaceFolder: '/src',
      },
    );
    assert.deepEqual(computeWorkspace({ workspaceMount: '' }, '/Users/me/p').workspaceMount, {
      kind: 'none',
    });
    // The folder is still computed when only the mount is set.
    assert.equal(
      computeWorkspace({ workspaceMount: custom }, '/Users/me/p').containerWorkspaceFolder,
      '/workspaces/p',
    );
  });

  it('treats a workspaceMount key without a value as unset', () => {
    assert.equal(
      computeWorkspace({ workspaceMount: undefined }, '/Users/me/p').workspaceMount.kind,
      'default',
    );
  });

  it('has no mount for compose configs, and / as the default folder', () => {
    assert.deepEqual(computeWorkspace({ dockerComposeFile: 'compose.yml' }, '/w/p', '/w'), {
      workspaceMount: { kind: 'none' },
      containerWorkspaceFolder: '/',
    });
    assert.equal(
      computeWorkspace({ dockerComposeFile: [], workspaceFolder: '/workspace' }, '/w/p')
        .containerWorkspaceFolder,
      '/workspace',
    );
  });

  it('never adds a consistency option', () => {
    const layout = computeWorkspace({}, '/Users/me/p');
    assert.equal(JSON.stringify(layout).includes('consistency'), false);
  });

  it('keeps paths with commas and spaces as they are', () => {
    assert.deepEqual(computeWorkspace({}, '/Users/me/my project, v2').workspaceMount, {
      kind: 'default',
      source: '/Users/me/my project, v2',
      target: '/workspaces/my project, v2',
    });
  });
});
