import { up } from '../../core/engine/up';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

/**
 * `slipway up`. The result is printed as soon as the `waitFor` step is done;
 * later hooks go on, their output on stderr, and a failure among them makes
 * the exit code 1.
 */
export async function upCommand(args: CommandArgs, io: Io): Promise<number> {
  const deps = cliEngineDeps(io, 'slipway up');
  const { result, background } = await up(deps, {
    ...requestFrom(args, io),
    // Whoever types `slipway up` in a terminal has chosen to run this workspace's commands.
    trusted: true,
    removeExisting: args.removeExisting,
    skipPostAttach: args.skipPostAttach,
    signal: io.signal,
  });
  // The environments can hold tokens from the user's profile: they stay out of stdout and logs.
  const { sessionEnv: _sessionEnv, containerEnv: _containerEnv, ...printable } = result;
  printJson(io, printable);
  try {
    await background;
  } catch (error) {
    io.stderr(`slipway: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return 0;
}
