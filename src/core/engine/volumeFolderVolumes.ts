import type { ContainerInfo } from '../client/types';
import {
  CONFIG_FILE_LABEL,
  computeDevcontainerId,
  idLabelsFor,
  LOCAL_FOLDER_LABEL,
} from '../config/devcontainerId';
import { workspaceVolumeFolders } from '../plan/volumeFolders';
import type { EngineDeps } from './deps';
import { listResources } from './compose/resources';

/**
 * A workspace's volume folders as volumes: found by the labels `up` gave
 * them (so a folder since dropped from the setting is still found), and
 * removed only when the user asks (`down --volumes`, Remove Container).
 */

/** The dev container's workspace id, from its identity labels; undefined for other containers. */
export function devcontainerIdOf(container: ContainerInfo): string | undefined {
  const folder = container.labels[LOCAL_FOLDER_LABEL];
  const configFile = container.labels[CONFIG_FILE_LABEL];
  return folder === undefined || configFile === undefined
    ? undefined
    : computeDevcontainerId(idLabelsFor(folder, configFile));
}

export async function listVolumeFolders(
  deps: EngineDeps,
  devcontainerId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const volumes = await listResources(deps, 'volume', signal);
  return workspaceVolumeFolders(volumes, devcontainerId).map((volume) => volume.name);
}

/** Deletes a workspace's volume folders; returns their names. */
export async function removeVolumeFolders(
  deps: EngineDeps,
  devcontainerId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const names = await listVolumeFolders(deps, devcontainerId, signal);
  for (const name of names) {
    deps.log(`Removing volume ${name}...\n`);
    await deps.client.runPlanned(['volume', 'delete', name], { signal });
  }
  return names;
}
