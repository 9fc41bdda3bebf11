import { execInWorkspace } from '../../core/engine/exec';
import type { CommandArgs } from '../args';
import type { Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

/** `slipway exec`: the exit code is the command's own. */
export async function execCommand(args: CommandArgs, io: Io): Promise<number> {
  return execInWorkspace(cliEngineDeps(io), {
    ...requestFrom(args, io),
    command: args.execCommand,
    tty: io.isTty === true,
    signal: io.signal,
  });
}
