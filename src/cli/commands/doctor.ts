import { isProblem, setupChecks, setupReport, setupSummary } from '../../core/view/checkSetup';
import { probeSetup } from '../../node/doctorProbe';
import { lazyContainerRunner } from '../../node/engineDeps';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';

/**
 * `slipway doctor [--json]`: the editor's Check Setup on the command line,
 * the same checks from the same probe. Exits 1 when a check is an error
 * (warnings are advice), so scripts can gate on it.
 */
export async function doctorCommand(args: CommandArgs, io: Io): Promise<number> {
  const runner = lazyContainerRunner({ containerPath: io.env.SLIPWAY_CONTAINER });
  const probe = await probeSetup(runner, { fromCli: true, signal: io.signal });
  const checks = setupChecks(probe);
  const failed = checks.some((check) => check.status === 'error');
  if (args.json) {
    printJson(io, {
      outcome: failed ? 'error' : 'success',
      summary: setupSummary(checks),
      problems: checks.filter(isProblem).length,
      checks,
    });
  } else {
    io.stdout(`${setupReport(checks)}\n`);
  }
  return failed ? 1 : 0;
}
