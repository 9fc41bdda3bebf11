import { ConfigError } from '../errors';
import type { EngineDeps } from './deps';
import { execArgs } from './execArgs';
import { findDevContainer } from './findContainer';
import { planWorkspace, type PlanRequest } from './planWorkspace';
import { prepareSession, probeKindOf, sessionEnvironment } from './session';
import { Timings } from './timings';

/**
 * `exec`: a command in the workspace's running dev container, as the remote
 * user, in the workspace folder, with the remote environment; stdin, stdout,
 * stderr and the exit code pass straight through. A stopped container is not
 * started (as in the reference implementation): that is `up`'s job.
 */
export interface ExecRequest extends PlanRequest {
  command: string[];
  tty: boolean;
  signal?: AbortSignal;
}

export async function execInWorkspace(deps: EngineDeps, request: ExecRequest): Promise<number> {
  const plan = await planWorkspace(deps.fs, request);
  const container = findDevContainer(
    await deps.client.list(request.signal),
    plan.workspaceFolder,
    plan.configFile,
  );
  if (container === undefined) {
    throw new ConfigError(
      `There is no dev container for ${plan.workspaceFolder}. Run \`slipway up\` first.`,
    );
  }
  if (container.state !== 'running') {
    throw new ConfigError(
      `The dev container ${container.id} is ${container.state}. Run \`slipway up\` to start it.`,
    );
  }
  const session = await prepareSession(
    deps,
    plan,
    container,
    probeKindOf(plan),
    request.signal,
    new Timings(deps.now),
  );
  const args = execArgs({
    containerId: container.id,
    user: session.memo.remoteUser,
    workdir: plan.remoteWorkspaceFolder,
    env: sessionEnvironment(plan, container, session),
    interactive: true,
    tty: request.tty,
    command: request.command,
  });
  return deps.client.execStreaming(args, { signal: request.signal, stdin: 'inherit' });
}
