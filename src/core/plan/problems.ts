/**
 * A rule broken by one value (a mount, a port, a size). The planner knows
 * where the value sits in the file and turns it into a ConfigError there;
 * `index` says which element of an array (such as `runArgs`) it was.
 */
export class ValueProblem extends Error {
  override readonly name = 'SlipwayValueProblem';
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

export function isValueProblem(error: unknown): error is ValueProblem {
  return error instanceof Error && error.name === 'SlipwayValueProblem';
}

/** A note about something Slipway changed or left out; `property` says where it came from. */
export interface PlanWarning {
  property: string;
  message: string;
}

/** Said once for `privileged` wherever it comes from: the config, runArgs, the image or a Feature. */
export const PRIVILEGED_WARNING =
  'Apple container has no privileged mode: Slipway adds "--cap-add ALL" instead, which grants every capability but no device access (Docker-in-Docker and similar need more than that).';
