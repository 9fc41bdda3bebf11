import * as path from 'node:path';
import type { HostFileSystem } from '../host';
import type { DevContainerConfig } from './types';

/**
 * Where the workspace goes in the container, as the reference computes it
 * (`getWorkspaceConfiguration` in spec-node/utils.ts): the Git root is
 * mounted at `/workspaces/<its basename>` and the workspace folder is that
 * plus the opened folder's path below the root.
 */

export type WorkspaceMount =
  | { kind: 'default'; source: string; target: string }
  | { kind: 'custom'; spec: string }
  | { kind: 'none' };

export interface WorkspaceLayout {
  workspaceMount: WorkspaceMount;
  /** The folder the tool opens in the container, and the lifecycle commands' working directory. */
  containerWorkspaceFolder: string;
}

/**
 * The nearest folder at or above `folder` holding a `.git` entry (a
 * directory, or the file of a worktree or submodule). Paths are walked as
 * written, without resolving symlinks: the reference asks
 * `git rev-parse --show-cdup` for exactly that reason, so a workspace opened
 * through a symlink is mounted under the name it was opened by.
 */
export async function findGitRoot(fs: HostFileSystem, folder: string): Promise<string | undefined> {
  let current = path.posix.resolve(folder);
  for (;;) {
    const info = await fs.stat(path.posix.join(current, '.git'));
    if (info?.kind === 'file' || info?.kind === 'directory') {
      return current;
    }
    const parent = path.posix.dirname(current);
    if (parent === current) {
      return undefined;
    }
    current = parent;
  }
}

/**
 * The workspace mount and folder.
 *
 * The caller must substitute `${localWorkspaceFolder}`, `${localEnv:...}`
 * and the like in `workspaceFolder` and `workspaceMount` before calling this:
 * the values are used as given. (That is also why the reference resolves
 * `${containerWorkspaceFolder}` from this result only afterwards.)
 *
 * - Compose configs get no mount (the compose file has it) and `/` unless
 *   `workspaceFolder` says otherwise.
 * - A non-empty `workspaceFolder` wins over the computed one.
 * - `workspaceMount` wins when it is set; `""` means no workspace mount.
 * - The default mount has no `consistency=` option: Apple's `container`
 *   rejects it (the reference adds `consistency=cached` on macOS).
 * - A `gitRoot` that does not contain the workspace folder is ignored.
 */
export function computeWorkspace(
  config: Pick<DevContainerConfig, 'workspaceFolder' | 'workspaceMount' | 'dockerComposeFile'>,
  workspaceFolder: string,
  gitRoot?: string,
): WorkspaceLayout {
  if (config.dockerComposeFile !== undefined) {
    return {
      workspaceMount: { kind: 'none' },
      containerWorkspaceFolder: config.workspaceFolder || '/',
    };
  }
  const folder = path.posix.resolve(workspaceFolder);
  const root =
    gitRoot !== undefined && contains(path.posix.resolve(gitRoot), folder)
      ? path.posix.resolve(gitRoot)
      : folder;
  const target = path.posix.join('/workspaces', path.posix.basename(root));
  const containerWorkspaceFolder =
    config.workspaceFolder || path.posix.join(target, path.posix.relative(root, folder));

  // Checked for undefined rather than with `in`: a caller may build the
  // config with the key present and no value, which means "not set".
  let workspaceMount: WorkspaceMount;
  if (config.workspaceMount === undefined) {
    workspaceMount = { kind: 'default', source: root, target };
  } else if (config.workspaceMount === '') {
    workspaceMount = { kind: 'none' };
  } else {
    workspaceMount = { kind: 'custom', spec: config.workspaceMount };
  }
  return { workspaceMount, containerWorkspaceFolder };
}

function contains(ancestor: string, folder: string): boolean {
  const relative = path.posix.relative(ancestor, folder);
  return relative !== '..' && !relative.startsWith('../') && !path.posix.isAbsolute(relative);
}
