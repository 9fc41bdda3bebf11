import * as path from 'node:path';
import type { PlanRequest } from '../../core/engine/planWorkspace';
import type { CommandArgs } from '../args';
import type { Io } from '../io';

/** The plan request a command line describes. */
export function requestFrom(args: CommandArgs, io: Io): PlanRequest {
  return {
    workspaceFolder: path.resolve(io.cwd, args.workspaceFolder ?? '.'),
    configFile: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
    env: io.env,
    noCache: args.noCache,
    ...(args.lockfile !== undefined ? { lockfile: args.lockfile } : {}),
    settings: {
      cpus: args.cpus,
      memory: args.memory,
      platform: args.platform,
      rosetta: args.rosetta,
      givenAs: 'options',
      volumeFolders: args.volumeFolders.map((folder) => ({ folder, from: '--volume-folder' })),
    },
  };
}
