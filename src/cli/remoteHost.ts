import * as path from 'node:path';
import { remoteWorkspaceMissingError } from '../core/remote/remoteErrors';
import { RemoteFileSystem } from '../node/remote/remoteFileSystem';
import { SshSession } from '../node/remote/sshSession';
import { slipwayStateDir } from '../node/stateDir';
import { parseHost, UsageError, type CommandArgs } from './args';
import type { Io } from './io';

/**
 * `--host ssh://…` (or `SLIPWAY_HOST`): the session every `container` call,
 * file read and fact goes through. `doctor` and `bench` examine the Mac they
 * run on, so they are run on the other Mac itself rather than through it.
 */
export function remoteSession(args: CommandArgs, io: Io): SshSession | undefined {
  const target = args.host ?? parseHost(io.env.SLIPWAY_HOST, 'SLIPWAY_HOST');
  if (target === undefined) {
    return undefined;
  }
  if (args.command === 'doctor' || args.command === 'bench') {
    throw new UsageError(
      `${args.command} examines the Mac it runs on and does not take --host (nor SLIPWAY_HOST); run it there: ssh ${target.label} slipway ${args.command}`,
    );
  }
  return new SshSession({
    target,
    stateDir: slipwayStateDir(io.env),
    ...(io.env.SLIPWAY_SSH_CONFIG ? { configFile: io.env.SLIPWAY_SSH_CONFIG } : {}),
    ...(io.env.SLIPWAY_CONTAINER ? { containerPath: io.env.SLIPWAY_CONTAINER } : {}),
  });
}

/** The verbs that work on one workspace: its folder must be on the other Mac. */
const WORKSPACE_VERBS: readonly string[] = ['plan', 'up', 'exec', 'stop', 'down'];

/** A clear error, before anything else, when the workspace folder is not on the other Mac. */
export async function checkRemoteWorkspace(
  args: CommandArgs,
  io: Io,
  session: SshSession,
): Promise<void> {
  if (!WORKSPACE_VERBS.includes(args.command)) {
    return;
  }
  const folder = path.resolve(io.cwd, args.workspaceFolder ?? '.');
  const found = await new RemoteFileSystem(session).stat(folder);
  if (found?.kind !== 'directory') {
    throw remoteWorkspaceMissingError(session.label, folder);
  }
}
