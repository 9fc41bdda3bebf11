import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { FLAG_UNTIL, RUN_FLAG_SINCE, versionRefusal } from '../../../src/core/plan/versions';
import { planCompose } from './fixture';

/** The removal table as a later release would extend it, for the length of one test. */
async function withRemoved<T>(key: string, until: string, body: () => Promise<T>): Promise<T> {
  const table = FLAG_UNTIL as Record<string, string>;
  table[key] = until;
  try {
    return await body();
  } finally {
    delete table[key];
  }
}

const COMPOSE = [
  'services:',
  '  app:',
  '    image: debian',
  '    dns_search: [example.test]',
  '    read_only: true',
].join('\n');

describe("compose run options: the planner's release tables", () => {
  it('records when an option a service uses was added', async () => {
    const plan = await planCompose(COMPOSE);
    const run = plan.commands.find((c) => c.step === 'run')!;
    assert.deepEqual(
      run.requires.find((r) => r.flag === '--read-only'),
      { flag: '--read-only', since: RUN_FLAG_SINCE['--read-only'] },
    );
  });

  it('refuses, naming it, an option a release removed, instead of emitting it', async () => {
    await withRemoved('run --dns-search', '9.0.0', async () => {
      const plan = await planCompose(COMPOSE);
      const run = plan.commands.find((c) => c.step === 'run')!;
      assert.deepEqual(
        run.requires.find((r) => r.flag === '--dns-search'),
        { flag: '--dns-search', since: '0.5.0', until: '9.0.0' },
      );
      assert.equal(versionRefusal(run.requires, '1.5.0'), undefined);
      assert.match(
        versionRefusal(run.requires, '9.0.0') ?? '',
        /uses --dns-search \(removed in 9\.0\.0\), which container 9\.0\.0 no longer accepts/,
      );
    });
  });
});
