import * as vscode from 'vscode';
import { deleteCommand, startCommand, stopCommand } from '../../core/client/containerCommands';
import { projectOf } from '../../core/engine/compose/projectContainers';
import type { ContainerInfo } from '../../core/client/types';
import { containerItem } from '../../core/view/containerItems';
import type { ContainerNode } from '../containers/containersTree';
import { copyIpAction, openPortAction } from './containerNetwork';
import {
  any,
  containersOf,
  isRunning,
  isStopped,
  targets,
  withEach,
  type ActionDeps,
  type ContainerFilter,
  type Node,
} from './containerTargets';
import type { EngineDeps } from '../../core/engine/deps';
import {
  devcontainerIdOf,
  listVolumeFolders,
  removeVolumeFolders,
} from '../../core/engine/volumeFolderVolumes';
import { inspectAction, openTerminalAction, showContainerLogAction } from './containerViews';
import { stopPaletteChoice } from './stopCompose';

export type { ActionDeps } from './containerTargets';

/**
 * The per-container actions, from the tree (with the clicked node, or the
 * selection) or from the palette (the workspace's dev container, or a pick
 * among all containers when the workspace has none).
 */
export function containerActions(deps: ActionDeps) {
  return {
    start: lifecycleAction(deps, 'Starting container', isStopped, 'start', startOne),
    stop: stopAction(deps),
    restart: lifecycleAction(deps, 'Restarting container', any, 'restart', restartOne),
    remove: removeAction(deps),
    openTerminal: openTerminalAction(deps),
    showContainerLog: showContainerLogAction(deps),
    inspect: inspectAction(deps),
    copyIp: copyIpAction(),
    openPort: openPortAction(),
  };
}

type Step = (deps: ActionDeps, container: ContainerInfo, signal: AbortSignal) => Promise<void>;

const startOne: Step = (deps, c, signal) =>
  deps.services.runner().run(startCommand(c.id), { signal });

const stopOne: Step = (deps, c, signal) =>
  deps.services.runner().run(stopCommand(c.id), { signal });

const restartOne: Step = async (deps, c, signal) => {
  if (c.state === 'running') {
    await stopOne(deps, c, signal);
  }
  await startOne(deps, c, signal);
};

/** Start, Stop, Restart: one `container` verb per target, under one progress notification. */
function lifecycleAction(
  deps: ActionDeps,
  title: string,
  filter: ContainerFilter,
  verb: string,
  step: Step,
) {
  return async (node?: Node, nodes?: ContainerNode[]): Promise<void> =>
    withEach(deps, title, await targets(deps, node, nodes, filter, verb), (c, signal) =>
      step(deps, c, signal),
    );
}

/**
 * Stop: the tree's rows stop just those containers (a project node has its
 * own Stop). From the palette, a Compose dev container's project is offered
 * whole, since its dev container alone is of no use and its services would
 * keep their memory: as `stopCompose` does when the last window closes.
 */
function stopAction(deps: ActionDeps) {
  const each = lifecycleAction(deps, 'Stopping container', isRunning, 'stop', stopOne);
  return async (node?: Node, nodes?: ContainerNode[]): Promise<void> => {
    if (containersOf(node, nodes).length > 0) {
      return each(node, nodes);
    }
    const [chosen] = await targets(deps, node, nodes, isRunning, 'stop');
    const project = chosen === undefined ? undefined : projectOf(chosen);
    if (chosen === undefined || project === undefined) {
      return withEach(deps, 'Stopping container', chosen === undefined ? [] : [chosen], (c, s) =>
        stopOne(deps, c, s),
      );
    }
    await stopPaletteChoice(deps, chosen, project);
  };
}

/**
 * Remove: only once confirmed; Slipway forgets what it knew of each removed
 * container. A dev container's volume folders (labelled as its workspace's)
 * are offered for removal too, and kept unless the user picks that.
 */
function removeAction(deps: ActionDeps) {
  return async (node?: Node, nodes?: ContainerNode[]): Promise<void> => {
    const list = await targets(deps, node, nodes, any, 'remove');
    if (list.length === 0) {
      return;
    }
    const engine = deps.services.engine();
    const volumes = await volumeFoldersOf(engine, list);
    const answer = await confirmRemove(list, [...volumes.values()].flat());
    if (answer === undefined) {
      return;
    }
    await withEach(deps, 'Removing container', list, async (c, signal) => {
      await deps.services.runner().run(deleteCommand(c.id, { force: true }), { signal });
      await engine.memos.forget(c.id);
      const id = devcontainerIdOf(c);
      if (answer === REMOVE_WITH_VOLUMES && id !== undefined && volumes.has(c.id)) {
        await removeVolumeFolders(engine, id, signal);
      }
    });
  };
}

const REMOVE_WITH_VOLUMES = 'Remove with Volume Folders';

/** Each dev container's volume folders; listing them is best effort, the removal goes on without. */
async function volumeFoldersOf(
  engine: EngineDeps,
  list: readonly ContainerInfo[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  try {
    for (const c of list) {
      const id = devcontainerIdOf(c);
      const names = id === undefined ? [] : await listVolumeFolders(engine, id);
      if (names.length > 0) {
        found.set(c.id, names);
      }
    }
  } catch {
    return new Map();
  }
  return found;
}

async function confirmRemove(
  list: ContainerInfo[],
  volumes: readonly string[],
): Promise<string | undefined> {
  const devContainers = list.filter((c) => containerItem(c).isDevContainer);
  const names = list.map((c) => c.id).join(', ');
  const lost =
    devContainers.length > 0
      ? 'Anything inside the container that is not in the workspace folder or a volume is lost. Reopen creates it again from devcontainer.json.'
      : 'Its root filesystem is lost.';
  const kept =
    volumes.length === 0
      ? ''
      : ` Its volume folders (${volumes.join(', ')}) are kept for the next container unless you remove them too.`;
  const answer = await vscode.window.showWarningMessage(
    `Remove ${list.length === 1 ? 'the container' : `${list.length} containers`} ${names}?`,
    { modal: true, detail: lost + kept },
    'Remove',
    ...(volumes.length > 0 ? [REMOVE_WITH_VOLUMES] : []),
  );
  return answer;
}
