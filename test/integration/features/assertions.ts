import { strict as assert } from 'node:assert';
import { isFeatureFetchError, type FeatureFetchProblem } from '../../../src/core/features/oci';

/** Rejects with a FeatureFetchError of this problem; returns it for more checks. */
export async function rejectsWith(
  promise: Promise<unknown>,
  problem: FeatureFetchProblem,
): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isFeatureFetchError(error), `not a FeatureFetchError: ${String(error)}`);
    assert.equal(error.problem, problem, error.message);
    return error;
  }
  return assert.fail(`expected a "${problem}" error`);
}
