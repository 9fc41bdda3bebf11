import type { ContainerInfo } from '../client/types';
import { CONFIG_FILE_LABEL, LOCAL_FOLDER_LABEL } from '../config/devcontainerId';

/**
 * Finds a workspace's dev container among all containers, by the labels the
 * reference implementation uses (Apple's `list` has no label filter, so this
 * happens here). A container with only the old single label is still found,
 * unless it names another config.
 */
export function findDevContainer(
  containers: readonly ContainerInfo[],
  workspaceFolder: string,
  configFile: string,
): ContainerInfo | undefined {
  const sameFolder = containers.filter((c) => c.labels[LOCAL_FOLDER_LABEL] === workspaceFolder);
  return (
    sameFolder.find((c) => c.labels[CONFIG_FILE_LABEL] === configFile) ??
    sameFolder.find((c) => c.labels[CONFIG_FILE_LABEL] === undefined)
  );
}

/** Slipway's (and other dev container tools') containers: those with the identity label. */
export function isDevContainer(container: ContainerInfo): boolean {
  return container.labels[LOCAL_FOLDER_LABEL] !== undefined;
}
