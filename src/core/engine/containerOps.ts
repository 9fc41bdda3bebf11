import { resolveConfigFile } from '../config/discovery';
import type { ContainerInfo } from '../client/types';
import { ConfigError } from '../errors';
import type { EngineDeps } from './deps';
import { findDevContainer, isDevContainer } from './findContainer';
import { projectOf, reverseStartOrder } from './compose/projectContainers';
import { removeProjectResources } from './compose/resources';
import { computeDevcontainerId, idLabelsFor } from '../config/devcontainerId';
import { removeVolumeFolders } from './volumeFolderVolumes';
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
): Promise<{
  container: ContainerInfo | undefined;
  configFile: string;
  workspaceFolder: string;
  /** A Compose dev container's whole project (itself included), in reverse start order. */
  project: ContainerInfo[];
}> {
  const workspaceFolder = path.posix.resolve(target.workspaceFolder);
  const configFile = await resolveConfigFile(deps.fs, workspaceFolder, target.configFile);
  const containers = await deps.client.list(target.signal);
  const container = findDevContainer(containers, workspaceFolder, configFile);
  const name = container === undefined ? undefined : projectOf(container);
  return {
    container,
    configFile,
    workspaceFolder,
    project:
      name === undefined
        ? []
        : reverseStartOrder(containers.filter((other) => projectOf(other) === name)),
  };
}

function noContainer(workspaceFolder: string): ConfigError {
  return new ConfigError(
    `There is no dev container for ${workspaceFolder}. Run \`slipway up\` to create it.`,
  );
}

export async function stopWorkspace(deps: EngineDeps, target: Target): Promise<ContainerInfo> {
  const { container, workspaceFolder, project } = await findWorkspaceContainer(deps, target);
  if (container === undefined) {
    throw noContainer(workspaceFolder);
  }
  // A Compose project stops as a whole, the dev container first, dependencies last.
  for (const member of project) {
    if (member.state !== 'stopped') {
      deps.log(`Stopping ${member.id}...\n`);
      await deps.client.stop(member.id, target.signal);
    }
  }
  if (project.length === 0 && container.state !== 'stopped') {
    deps.log(`Stopping ${container.id}...\n`);
    await deps.client.stop(container.id, target.signal);
  }
  return { ...container, state: 'stopped', ipAddress: undefined };
}

export interface Removed {
  container: ContainerInfo;
  /** Compose: the project and everything of it removed. */
  compose?: { project: string; containers: string[]; networks: string[]; volumes: string[] };
  /** The workspace's volume folders removed (only with `volumes`). */
  volumes?: string[];
}

export async function removeWorkspace(
  deps: EngineDeps,
  target: Target & { force: boolean; volumes?: boolean },
): Promise<Removed> {
  const { container, workspaceFolder, configFile, project } = await findWorkspaceContainer(
    deps,
    target,
  );
  if (container === undefined) {
    throw noContainer(workspaceFolder);
  }
  const name = projectOf(container);
  if (name !== undefined && project.length > 0) {
    return { container, compose: await removeProject(deps, name, project, target) };
  }
  if (container.state === 'running' && !target.force) {
    throw new ConfigError(
      `The dev container ${container.id} is running. Stop it first, or pass --force to remove it anyway.`,
    );
  }
  deps.log(`Removing ${container.id}...\n`);
  await deps.client.remove(container.id, true, target.signal);
  await deps.memos.forget(container.id);
  if (!target.volumes) {
    // Kept by default: they hold installed dependencies a rebuild would fetch again.
    return { container };
  }
  const id = computeDevcontainerId(idLabelsFor(workspaceFolder, configFile));
  return { container, volumes: await removeVolumeFolders(deps, id, target.signal) };
}

/**
 * `down` of a Compose project, as `docker compose down`: its containers
 * (stopped first, dev container first), then its networks; its volumes
 * only when asked, since they hold the services' data.
 */
export async function removeProject(
  deps: EngineDeps,
  project: string,
  members: readonly ContainerInfo[],
  target: { signal?: AbortSignal; volumes?: boolean },
): Promise<NonNullable<Removed['compose']>> {
  for (const member of members) {
    deps.log(`Removing ${member.id}...\n`);
    await deps.client.remove(member.id, true, target.signal);
    await deps.memos.forget(member.id);
  }
  const networks = await removeProjectResources(deps, 'network', project, target.signal);
  const volumes = target.volumes
    ? await removeProjectResources(deps, 'volume', project, target.signal)
    : [];
  return { project, containers: members.map((m) => m.id), networks, volumes };
}

/**
 * Every dev container (by the identity label), whichever tool made it, and
 * the other services of a Compose dev container's project.
 */
export async function listDevContainers(
  deps: Pick<EngineDeps, 'client'>,
  signal?: AbortSignal,
): Promise<ContainerInfo[]> {
  const containers = await deps.client.list(signal);
  const projects = new Set(containers.filter(isDevContainer).flatMap((c) => projectOf(c) ?? []));
  return containers.filter((c) => {
    const project = projectOf(c);
    return isDevContainer(c) || (project !== undefined && projects.has(project));
  });
}
