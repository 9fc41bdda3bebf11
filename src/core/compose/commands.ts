import type { PlanCommand } from '../plan/types';
import { minimumVersion, type VersionRequirement } from '../plan/versions';

/** One step of a Compose plan, with the oldest `container` that runs it. */
export function command(
  step: PlanCommand['step'],
  description: string,
  argv: string[],
  requires: VersionRequirement[] = [],
): PlanCommand {
  return { step, description, argv, requires, minimumVersion: minimumVersion(requires) };
}
