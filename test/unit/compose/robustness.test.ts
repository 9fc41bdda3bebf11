import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { stringify } from 'yaml';
import { isConfigError } from '../../../src/core/errors';
import { checkAppleArgv } from '../../support/appleGrammar';
import { planCompose } from './fixture';

/**
 * Whatever a Compose file holds, planning it ends in a plan whose every argv
 * Apple's grammar accepts, or in a ConfigError: never another exception
 * (which the user would see as a stack trace).
 */

const scalar = fc.oneof(
  fc.constantFrom(
    'db',
    'app',
    'x:1',
    '8080:80',
    '3000',
    './src:/src',
    'data:/data',
    '/anon',
    '1g',
    '2',
    'true',
    'service:db',
    'host',
    '${VAR:-d}',
    '$$',
    '',
  ),
  fc.integer({ min: -1, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'target',
        'published',
        'source',
        'type',
        'condition',
        'test',
        'aliases',
        'soft',
        'hard',
        'limits',
        'resources',
      ),
      tie('node'),
      { maxKeys: 3 },
    ),
  ),
})).node;
const SERVICE_KEYS = [
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'expose',
  'volumes',
  'tmpfs',
  'depends_on',
  'healthcheck',
  'networks',
  'network_mode',
  'links',
  'extra_hosts',
  'container_name',
  'user',
  'ulimits',
  'dns',
  'labels',
  'platform',
  'stop_grace_period',
  'cpus',
  'mem_limit',
  'deploy',
  'profiles',
  'extends',
];
// Mostly one or two odd keys on an otherwise runnable service, so that many plans get through.
const service = fc
  .dictionary(fc.constantFrom(...SERVICE_KEYS), value, { maxKeys: 2 })
  .map((keys) => ({ image: 'debian:12', ...keys }));
const compose = fc.record({
  services: fc.record({ app: service, db: service }, { requiredKeys: ['app'] }),
  volumes: fc.option(fc.dictionary(fc.constantFrom('data', 'cache'), fc.constant({})), {
    nil: undefined,
  }),
  networks: fc.option(fc.dictionary(fc.constantFrom('back', 'default'), value), { nil: undefined }),
});

describe('compose: any Compose file plans or is refused clearly', () => {
  it('never throws anything but a ConfigError, and emits only argv Apple accepts', async function () {
    this.timeout(120_000);
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(compose, async (model) => {
        const text = stringify(JSON.parse(JSON.stringify(model)));
        try {
          const plan = await planCompose(text);
          planned++;
          for (const command of plan.commands) {
            const problems = checkAppleArgv(command.argv).filter(
              // A value the user wrote that Apple refuses is the user's to fix: Apple says so at run time.
              (problem) =>
                problem.exitCode === 64 &&
                /Unknown option|Missing value|Unexpected argument/.test(problem.message),
            );
            assert.deepEqual(problems, [], command.argv.join(' '));
          }
        } catch (error) {
          if (!isConfigError(error)) {
            throw error;
          }
          assert.ok(error.message.length > 10);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
    // Not a test of refusals only: a good share of the generated projects plan.
    assert.ok(planned > 30, `only ${planned} of 300 planned`);
  });
});
