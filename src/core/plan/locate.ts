import { ConfigError } from '../errors';
import { isValueProblem } from './problems';
import type { PlanInput } from './types';

/** Raises a ConfigError pointing at a property of the config file. */
export function failAt(
  input: Pick<PlanInput, 'configFile' | 'locate'>,
  jsonPath: ReadonlyArray<string | number>,
  message: string,
): never {
  const position = input.locate(jsonPath) ?? input.locate(jsonPath.slice(0, 1));
  throw new ConfigError(message, input.configFile, position?.line, position?.column);
}

/**
 * Runs a step whose ValueProblems belong to one property; a problem that
 * names an array element (`runArgs[3]`) points there.
 */
export function atProperty<T>(
  input: Pick<PlanInput, 'configFile' | 'locate'>,
  jsonPath: ReadonlyArray<string | number>,
  action: () => T,
): T {
  try {
    return action();
  } catch (error) {
    if (isValueProblem(error)) {
      const where = error.index === undefined ? jsonPath : [...jsonPath, error.index];
      failAt(input, where, error.message);
    }
    throw error;
  }
}
