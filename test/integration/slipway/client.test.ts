import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isContainerCliError } from '../../../src/core/client/types';
import { createEngineDeps } from '../../../src/node/engineDeps';
import { testEnv } from './harness';

describe('the container client against a real container (integration)', () => {
  const env = testEnv();
  const deps = () => createEngineDeps({ containerPath: undefined, env, log: () => undefined });

  it('reports an option container does not know in its own words, with what to do', async () => {
    const previous = process.env.PATH;
    process.env.PATH = env.PATH;
    try {
      await assert.rejects(
        deps().client.runPlanned(['run', '--frobnicate', 'busybox'], {}),
        (error: Error) => {
          assert.ok(isContainerCliError(error));
          assert.equal(error.kind, 'usage');
          assert.match(error.message, /Unknown option '--frobnicate'/);
          assert.match(error.message, /[Uu]pdate/);
          return true;
        },
      );
    } finally {
      process.env.PATH = previous;
    }
  });
});
