import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  BUILD_FLAG_SINCE,
  FLAG_UNTIL,
  OLDEST_SUPPORTED_CONTAINER,
  RUN_FLAG_SINCE,
} from '../../../src/core/plan/versions';
import {
  APPLE_COMMAND_UNTIL,
  APPLE_FLAG_SINCE,
  APPLE_FLAG_UNTIL,
  APPLE_VALUE_UNTIL,
} from '../../support/appleGrammar';
import * as semver from 'semver';

/**
 * The planner's record of when each option appeared must agree with the
 * independent grammar model: a plan that claims to run on an older container
 * than it can would fail with exit 64 instead of a clear refusal.
 */
describe('version requirements agree with the grammar model', () => {
  it('records the release of every run option the grammar gates and the planner may emit', () => {
    for (const [flag, since] of Object.entries(RUN_FLAG_SINCE)) {
      assert.equal(since, APPLE_FLAG_SINCE[`run ${flag}`], flag);
    }
    // Options the planner passes through from runArgs: ungated in the model, or recorded.
    for (const flag of [
      '--dns',
      '--dns-search',
      '--dns-option',
      '--network',
      '--rm',
      '--env-file',
      '--tmpfs',
      '--workdir',
    ]) {
      const gated = APPLE_FLAG_SINCE[`run ${flag}`];
      assert.ok(
        gated === undefined ||
          semver.lte(gated, RUN_FLAG_SINCE[flag] ?? OLDEST_SUPPORTED_CONTAINER),
        flag,
      );
    }
  });

  it('never claims an older release for a build option than the grammar knows', () => {
    for (const [flag, since] of Object.entries(BUILD_FLAG_SINCE)) {
      const gated = APPLE_FLAG_SINCE[`build ${flag}`];
      assert.ok(gated !== undefined && semver.gte(since, gated), `${flag}: ${since} vs ${gated}`);
    }
  });

  it('records every removal the grammar model knows, at the same release', () => {
    const grammar = { ...APPLE_FLAG_UNTIL, ...APPLE_VALUE_UNTIL, ...APPLE_COMMAND_UNTIL };
    for (const key of Object.keys(grammar).filter((k) => /^(run|build|image pull|k8s) /.test(k))) {
      assert.equal(FLAG_UNTIL[key], grammar[key], key);
    }
    for (const [key, until] of Object.entries(FLAG_UNTIL)) {
      assert.equal(grammar[key], until, key);
    }
  });
});
