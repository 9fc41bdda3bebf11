import * as vscode from 'vscode';
import { downProject, startProject, stopProject } from '../../core/engine/compose/projectActions';
import type { ProjectItem } from '../../core/view/composeGroups';
import type { ContainerNode } from '../containers/containersTree';
import { planRequestFor } from '../settings';
import { withCancellableProgress, type ActionDeps } from './containerTargets';

/**
 * The Compose project node's actions: Start, Stop and Remove of the whole
 * project, through the engine's paths for `slipway up`, `stop` and `down`.
 * Only the tree offers them (they need a project node).
 */
export function projectActions(deps: ActionDeps) {
  return {
    start: projectAction(deps, 'Starting Compose project', async (project, signal) => {
      const engine = deps.services.engine();
      const result = await startProject(engine, {
        project: project.name,
        signal,
        request: planRequestFor,
      });
      if (result.fallback !== undefined) {
        deps.log.warn(result.fallback);
        void vscode.window.showWarningMessage(result.fallback);
      }
    }),
    stop: projectAction(deps, 'Stopping Compose project', async (project, signal) => {
      await stopProject(deps.services.engine(), { project: project.name, signal });
    }),
    remove: async (node?: ContainerNode): Promise<void> => {
      const project = node?.kind === 'project' ? node.project : undefined;
      const volumes = project === undefined ? undefined : await confirmRemove(project);
      if (project === undefined || volumes === undefined) {
        return;
      }
      await run(deps, 'Removing Compose project', project, async (signal) => {
        const removed = await downProject(deps.services.engine(), {
          project: project.name,
          volumes,
          signal,
        });
        deps.log.info(
          `Removed the Compose project ${removed.project}: containers ${removed.containers.join(', ') || 'none'}; networks ${removed.networks.join(', ') || 'none'}; volumes ${removed.volumes.join(', ') || 'kept'}.`,
        );
      });
    },
  };
}

function projectAction(
  deps: ActionDeps,
  title: string,
  action: (project: ProjectItem, signal: AbortSignal) => Promise<void>,
) {
  return async (node?: ContainerNode): Promise<void> => {
    if (node?.kind === 'project') {
      await run(deps, title, node.project, (signal) => action(node.project, signal));
    }
  };
}

/** One project's action under a cancellable progress notification that names it. */
function run(
  deps: ActionDeps,
  title: string,
  project: ProjectItem,
  action: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  return withCancellableProgress(deps, title, `${title} ${project.name}`, (report, signal) => {
    report(project.name);
    return action(signal);
  });
}

/** `true` to remove the named volumes too, `false` to keep them, `undefined` for Cancel. */
async function confirmRemove(project: ProjectItem): Promise<boolean | undefined> {
  const keep = 'Remove';
  const withVolumes = 'Remove with Volumes';
  const answer = await vscode.window.showWarningMessage(
    `Remove the Compose project ${project.name}?`,
    {
      modal: true,
      detail: `Its ${project.containers.length === 1 ? 'container' : `${project.containers.length} containers`} (${project.containers.map((c) => c.id).join(', ')}) and its networks are removed, as \`slipway down\` does. Its named volumes hold the services' data and are kept, unless you choose ${withVolumes}.`,
    },
    keep,
    withVolumes,
  );
  return answer === keep ? false : answer === withVolumes ? true : undefined;
}
