import * as vscode from 'vscode';
import { listCommand, stopCommand } from '../../core/client/containerCommands';
import type { ContainerInfo } from '../../core/client/types';
import { projectOf } from '../../core/engine/compose/projectContainers';
import { stopProject } from '../../core/engine/compose/projectActions';
import { withEach, type ActionDeps } from './containerTargets';

/**
 * The palette's Stop on a container of a Compose project: the whole project
 * (the dev container first, then the others newest first, as `slipway stop`
 * and `stopCompose` do) or only that container, as the user chooses. With no
 * other service running there is nothing to choose.
 */
export const STOP_PROJECT = 'Stop Project';
export const STOP_ONLY = 'Stop Only This Container';

export async function stopPaletteChoice(
  deps: ActionDeps,
  chosen: ContainerInfo,
  project: string,
): Promise<void> {
  const all = await deps.services.runner().run(listCommand());
  const others = all.filter(
    (c) => c.id !== chosen.id && c.state === 'running' && projectOf(c) === project,
  );
  let choice: string | undefined = STOP_ONLY;
  if (others.length > 0) {
    choice = await vscode.window.showWarningMessage(
      `Stop the Compose project ${project}?`,
      {
        modal: true,
        detail: `${chosen.id} is a service of ${project}, with ${others.map((c) => c.id).join(', ')} still running. ${STOP_PROJECT} stops them all, the dev container first, as when its last window closes; ${STOP_ONLY} leaves the others running.`,
      },
      STOP_PROJECT,
      STOP_ONLY,
    );
  }
  if (choice === STOP_PROJECT) {
    await withEach(deps, 'Stopping Compose project', [chosen], async (_c, signal) => {
      await stopProject(deps.services.engine(), { project, signal });
    });
  } else if (choice === STOP_ONLY) {
    await withEach(deps, 'Stopping container', [chosen], async (c, signal) => {
      await deps.services.runner().run(stopCommand(c.id), { signal });
    });
  }
}
