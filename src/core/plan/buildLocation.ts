import * as path from 'node:path';
import type { PlanWarning } from './problems';

/**
 * A Dockerfile or build context outside the workspace (and outside its Git
 * root) is read from elsewhere on this Mac: `container build` sends the whole
 * context folder to the builder, so `"context": "../../../.."` would ship the
 * user's home into an image the repository's own Dockerfile then reads. It
 * stays allowed (monorepos do it on purpose), but never silently.
 */
export function buildLocationWarnings(
  source: { dockerfile: string; context: string },
  workspace: { workspaceFolder: string; gitRoot?: string },
): PlanWarning[] {
  const roots = [workspace.workspaceFolder, workspace.gitRoot]
    .filter((root): root is string => root !== undefined)
    .map((root) => path.posix.resolve(root));
  const inside = (file: string) => roots.some((root) => isWithin(root, file));
  const where = `outside the workspace folder ${workspace.workspaceFolder}${
    workspace.gitRoot !== undefined && workspace.gitRoot !== workspace.workspaceFolder
      ? ` and its Git root ${workspace.gitRoot}`
      : ''
  }`;
  const warnings: PlanWarning[] = [];
  if (!inside(source.dockerfile)) {
    warnings.push({
      property: 'build.dockerfile',
      message: `The Dockerfile ${source.dockerfile} is ${where}. Check that you mean to build from it.`,
    });
  }
  if (!inside(source.context)) {
    warnings.push({
      property: 'build.context',
      message: `The build context ${source.context} is ${where}: container build sends every file in it to the builder. Check that you mean to.`,
    });
  }
  return warnings;
}

function isWithin(root: string, file: string): boolean {
  const relative = path.posix.relative(root, path.posix.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.posix.isAbsolute(relative));
}
