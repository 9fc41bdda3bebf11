import { resolveConfigFile } from '../config/discovery';
import type { ContainerInfo } from '../client/types';
import { ConfigError } from '../errors';
import type { EngineDeps } from './deps';
import { findDevContainer, isDevContainer } from './findContainer';
import * as path from 'node:path';

/**
 * `stop`, `down` and `ls`: they need only the identity labels, so a config
 * that no longer parses does not stop anyone from cleaning up.
 */

export interface Target {
  workspaceFolder: string;
  configFile?: string;
  signal?: AbortSignal;
}

export async function findWorkspaceContainer(
  deps: Pick<EngineDeps, 'fs' | 'client'>,
  target: Target,
): Promise<{ container: ContainerInfo | undefined; configFile: string; workspaceFolder: string }> {
  const workspaceFolder = path.posix.resolve(target.workspaceFolder);
  const configFile = await resolveConfigFile(deps.fs, workspaceFolder, target.configFile);
  const containers = await deps.client.list(target.signal);
  return {
    container: findDevContainer(containers, workspaceFolder, configFile),
    configFile,
    workspaceFolder,
  };
}

function noContainer(workspaceFolder: string): ConfigError {
  return new ConfigError(
    `There is no dev container for ${workspaceFolder}. Run \`slipway up\` to create it.`,
  );
}

export async function stopWorkspace(deps: EngineDeps, target: Target): Promise<ContainerInfo> {
  const { container, workspaceFolder } = await findWorkspaceContainer(deps, target);
  if (container === undefined) {
    throw noContainer(workspaceFolder);
  }
  if (container.state !== 'stopped') {
    deps.log(`Stopping ${container.id}...\n`);
    await deps.client.stop(container.id, target.signal);
  }
  return { ...container, state: 'stopped', ipAddress: undefined };
}

export async function removeWorkspace(
  deps: EngineDeps,
  target: Target & { force: boolean },
): Promise<ContainerInfo> {
  const { container, workspaceFolder } = await findWorkspaceContainer(deps, target);
  if (container === undefined) {
    throw noContainer(workspaceFolder);
  }
  if (container.state === 'running' && !target.force) {
    throw new ConfigError(
      `The dev container ${container.id} is running. Stop it first, or pass --force to remove it anyway.`,
    );
  }
  deps.log(`Removing ${container.id}...\n`);
  await deps.client.remove(container.id, true, target.signal);
  await deps.memos.forget(container.id);
  return container;
}

/** Every dev container (by the identity label), whichever tool made it. */
export async function listDevContainers(
  deps: Pick<EngineDeps, 'client'>,
  signal?: AbortSignal,
): Promise<ContainerInfo[]> {
  return (await deps.client.list(signal)).filter(isDevContainer);
}
