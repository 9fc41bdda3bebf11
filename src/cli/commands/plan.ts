import { planForDisplay, planJson } from '../../core/engine/planCommand';
import { renderPlan } from '../../core/plan/render';
import { readHostInfo } from '../../node/hostInfo';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

export async function planCommand(args: CommandArgs, io: Io): Promise<number> {
  // A Compose plan checks networks against the macOS version and the project's memory against the Mac's.
  const host = await readHostInfo();
  const plan = await planForDisplay(
    cliEngineDeps(io),
    {
      ...requestFrom(args, io),
      host: {
        memoryBytes: host.memoryBytes,
        ...(host.osVersion !== undefined ? { macosVersion: host.osVersion } : {}),
      },
    },
    io.signal,
  );
  if (args.json) {
    printJson(io, { outcome: 'success', ...planJson(plan) });
  } else {
    io.stdout(renderPlan(plan));
  }
  return 0;
}
