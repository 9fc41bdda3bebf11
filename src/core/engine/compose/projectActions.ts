import type { ContainerInfo } from '../../client/types';
import { CONFIG_FILE_LABEL, LOCAL_FOLDER_LABEL } from '../../config/devcontainerId';
import { ConfigError, isConfigError } from '../../errors';
import type { PlanRequest } from '../planWorkspace';
import { prepareWorkspace } from '../planWorkspace';
import { removeProject, type Removed } from '../containerOps';
import type { EngineDeps } from '../deps';
import { Timings } from '../timings';
import { refuseOlder } from '../up';
import { composeUp } from './composeUp';
import { projectContainers, projectOf, reverseStartOrder } from './projectContainers';

/**
 * Start, Stop and Remove of a whole Compose project by its name (the
 * containers view's project node), whether or not its folder is open:
 * the same paths as `slipway up`, `stop` and `down` take for a workspace.
 */

export interface ProjectTarget {
  project: string;
  signal?: AbortSignal;
}

async function membersOf(
  deps: Pick<EngineDeps, 'client'>,
  target: ProjectTarget,
): Promise<ContainerInfo[]> {
  const all = await deps.client.list(target.signal);
  const members = all.filter((c) => projectOf(c) === target.project);
  if (members.length === 0) {
    throw new ConfigError(
      `The Compose project ${target.project} has no containers any more. Refresh the containers view.`,
    );
  }
  return members;
}

/** As `slipway stop`: the dev container first, then the others newest first. */
export async function stopProject(
  deps: Pick<EngineDeps, 'client' | 'log'>,
  target: ProjectTarget,
): Promise<string[]> {
  const stopped: string[] = [];
  for (const member of reverseStartOrder(await membersOf(deps, target))) {
    if (member.state !== 'stopped') {
      deps.log(`Stopping ${member.id}...\n`);
      await deps.client.stop(member.id, target.signal);
      stopped.push(member.id);
    }
  }
  return stopped;
}

/** As `slipway down [--volumes]`: the containers, then the networks, the volumes only when asked. */
export async function downProject(
  deps: EngineDeps,
  target: ProjectTarget & { volumes: boolean },
): Promise<NonNullable<Removed['compose']>> {
  const members = reverseStartOrder(await membersOf(deps, target));
  return removeProject(deps, target.project, members, target);
}

export interface StartedProject {
  /** The containers started, in the order they were. */
  started: string[];
  /** Why the order is the creation order rather than the config's, when it is. */
  fallback?: string;
}

/**
 * Starts the stopped containers in dependency order. With the dev
 * container's config at hand this is `up`'s Compose path (health waits and
 * hosts sync included, no lifecycle hooks, nothing created); without it, in
 * `slipway stop`'s order reversed: the oldest first (a service is created
 * after what it depends on), the dev container last.
 */
export async function startProject(
  deps: EngineDeps,
  target: ProjectTarget & {
    /** The plan request for a dev container's folder and config (the settings, the environment). */
    request: (workspaceFolder: string, configFile: string) => PlanRequest;
  },
): Promise<StartedProject> {
  const members = await membersOf(deps, target);
  const dev = members.find((c) => c.labels[LOCAL_FOLDER_LABEL] !== undefined);
  const folder = dev?.labels[LOCAL_FOLDER_LABEL];
  const configFile = dev?.labels[CONFIG_FILE_LABEL];
  let why: string;
  if (folder === undefined || configFile === undefined) {
    why = 'it has no dev container whose labels name its devcontainer.json';
  } else if ((await deps.fs.stat(configFile))?.kind !== 'file') {
    why = `its config ${configFile} is not there any more`;
  } else {
    try {
      return await startWithConfig(deps, target, members, target.request(folder, configFile));
    } catch (error) {
      if (!isConfigError(error)) {
        throw error;
      }
      why = `its config could not be used (${error.message})`;
    }
  }
  const started: string[] = [];
  for (const member of [...reverseStartOrder(members)].reverse()) {
    if (member.state !== 'running') {
      deps.log(`Starting ${member.id}...\n`);
      await deps.client.start(member.id, target.signal);
      started.push(member.id);
    }
  }
  return {
    started,
    fallback: `Started the Compose project ${target.project} in the order its containers were created (the dev container last), since ${why}: dependencies were not checked and no health waited for.`,
  };
}

async function startWithConfig(
  deps: EngineDeps,
  target: ProjectTarget,
  members: readonly ContainerInfo[],
  request: PlanRequest,
): Promise<StartedProject> {
  // Nothing is fetched or built: a Feature's absence is only a warning here.
  const prepared = await prepareWorkspace(deps.fs, request, {
    lockfile: 'read',
    signal: target.signal,
  });
  const compose = prepared.plan.compose;
  if (compose === undefined || compose.project !== target.project) {
    throw new ConfigError(
      `it now describes ${compose === undefined ? 'no Compose project' : `the project ${compose.project}`}`,
    );
  }
  const found = projectContainers(members, compose.project);
  const missing = compose.services.filter((s) => !found.has(s.name)).map((s) => s.name);
  if (missing.length > 0) {
    throw new ConfigError(
      `the services ${missing.join(', ')} have no container; Reopen in Apple Container or \`slipway up\` creates them`,
    );
  }
  const stopped = new Set(members.filter((c) => c.state !== 'running').map((c) => c.id));
  const release = await deps.locks.acquire(prepared.plan.devcontainerId, target.signal);
  try {
    const timings = new Timings(deps.now);
    // Untrusted: everything exists, so `up`'s path only starts, waits and syncs.
    const result = await composeUp(
      deps,
      prepared,
      { ...request, trusted: false, signal: target.signal },
      timings,
      refuseOlder,
    );
    const memo = await deps.memos.read(result.container.id);
    if (memo !== undefined && memo.hostsSignature !== result.hostsSignature) {
      await deps.memos.write({ ...memo, hostsSignature: result.hostsSignature });
    }
    const order = compose.services.map((s) => found.get(s.name)!.id);
    return { started: order.filter((id) => stopped.has(id)) };
  } finally {
    await release();
  }
}
