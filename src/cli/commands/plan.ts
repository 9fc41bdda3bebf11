import { planForDisplay, planJson } from '../../core/engine/planCommand';
import { renderPlan } from '../../core/plan/render';
import { readHostInfo } from '../../node/hostInfo';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';
import { requestFrom } from './requestFrom';

/** The Mac the containers run on: this one, or with --host the other one (asked over SSH). */
async function hostFacts(io: Io): Promise<{ memoryBytes?: number; macosVersion?: string }> {
  if (io.remote !== undefined) {
    const { memoryBytes, macosVersion } = await io.remote.remoteFacts(io.signal);
    return {
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      ...(macosVersion !== undefined ? { macosVersion } : {}),
    };
  }
  const host = await readHostInfo();
  return {
    memoryBytes: host.memoryBytes,
    ...(host.osVersion !== undefined ? { macosVersion: host.osVersion } : {}),
  };
}

export async function planCommand(args: CommandArgs, io: Io): Promise<number> {
  // A Compose plan checks networks against the macOS version and the project's memory against the Mac's.
  const plan = await planForDisplay(
    cliEngineDeps(io),
    { ...requestFrom(args, io), host: await hostFacts(io) },
    io.signal,
  );
  if (args.json) {
    printJson(io, { outcome: 'success', ...planJson(plan) });
  } else {
    io.stdout(renderPlan(plan));
  }
  return 0;
}
