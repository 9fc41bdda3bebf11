import { planWorkspace } from '../../core/engine/planWorkspace';
import { renderPlan } from '../../core/plan/render';
import { NodeFileSystem } from '../../node/fileSystem';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { requestFrom } from './requestFrom';

export async function planCommand(args: CommandArgs, io: Io): Promise<number> {
  const plan = await planWorkspace(new NodeFileSystem(), requestFrom(args, io));
  if (args.json) {
    printJson(io, { outcome: 'success', ...plan });
  } else {
    io.stdout(renderPlan(plan));
  }
  return 0;
}
