import { planForDisplay, planJson } from '../../core/engine/planCommand';
import { renderPlan } from '../../core/plan/render';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

export async function planCommand(args: CommandArgs, io: Io): Promise<number> {
  const plan = await planForDisplay(cliEngineDeps(io), requestFrom(args, io), io.signal);
  if (args.json) {
    printJson(io, { outcome: 'success', ...planJson(plan) });
  } else {
    io.stdout(renderPlan(plan));
  }
  return 0;
}
