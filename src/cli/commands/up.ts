import { totalmem } from 'node:os';
import { up } from '../../core/engine/up';
import type { CommandArgs } from '../args';
import { reportError } from '../errorReport';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

/**
 * `slipway up`. Like the reference CLI's `up`, it returns once every hook has
 * run, the ones after `waitFor` included (their output goes to stderr as they
 * run), so its one JSON result tells the whole truth: `"outcome":"success"`
 * with exit code 0 only when every hook succeeded; otherwise
 * `"outcome":"error"` with `failedStep` (the hook), its `exitCode`, and the
 * container, which stays up (the next `up` runs the hooks that did not
 * finish), with exit code 1.
 */
export async function upCommand(args: CommandArgs, io: Io): Promise<number> {
  const deps = cliEngineDeps(io, 'slipway up');
  const { result, background } = await up(deps, {
    ...requestFrom(args, io),
    // Compared with the running containers' memory before a start (a warning on stderr).
    host: { memoryBytes: totalmem() },
    // Whoever types `slipway up` in a terminal has chosen to run this workspace's commands.
    trusted: true,
    removeExisting: args.removeExisting,
    skipPostAttach: args.skipPostAttach,
    signal: io.signal,
  });
  // The environments can hold tokens from the user's profile: they stay out of stdout and logs.
  // Whoever reads the progress rather than the JSON must see them too.
  for (const warning of result.warnings) {
    io.stderr(`Warning: ${warning.property}: ${warning.message}\n`);
  }
  // backgroundSteps is for the editor, which does not wait for them; here they have all run.
  const {
    sessionEnv: _sessionEnv,
    containerEnv: _containerEnv,
    backgroundSteps: _backgroundSteps,
    ...printable
  } = result;
  try {
    await background;
  } catch (error) {
    return reportError(io, error, {
      json: true,
      stderr: true,
      extra: {
        containerId: result.containerId,
        containerName: result.containerName,
        action: result.action,
        timings: result.timings,
      },
    });
  }
  // After the background hooks, so that their timings are in too.
  printJson(io, printable);
  return 0;
}
