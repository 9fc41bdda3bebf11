import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  addStart,
  compareWithPrevious,
  describeAction,
  HISTORY_LIMIT,
  parseHistory,
  phasesFromTimings,
  type StartRecord,
} from '../../../src/core/view/startupHistory';

function start(overrides: Partial<StartRecord> & { at: string }): StartRecord {
  return {
    containerName: 'proj-abcd1234',
    action: 'created',
    outcome: 'ready',
    totalMs: 3000,
    phases: [{ phase: 'plan', ms: 12 }],
    ...overrides,
  };
}

const at = (n: number): string => new Date(Date.UTC(2026, 7, 7, 10, 0, n)).toISOString();

describe('startup history', () => {
  describe('addStart', () => {
    it('appends newest last without touching the input', () => {
      const history = [start({ at: at(1) })];
      const record = start({ at: at(2) });
      const next = addStart(history, record);
      assert.deepEqual(
        next.map((r) => r.at),
        [at(1), at(2)],
      );
      assert.equal(history.length, 1);
      assert.equal(next[1], record);
    });

    it('keeps only the last HISTORY_LIMIT', () => {
      assert.equal(HISTORY_LIMIT, 20);
      let history: StartRecord[] = [];
      for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
        history = addStart(history, start({ at: at(i) }));
      }
      assert.equal(history.length, HISTORY_LIMIT);
      assert.equal(history[0]!.at, at(5));
      assert.equal(history[HISTORY_LIMIT - 1]!.at, at(HISTORY_LIMIT + 4));
    });
  });

  describe('parseHistory', () => {
    it('reads back what was stored, through JSON', () => {
      const history = [
        start({ at: at(1), phases: [] }),
        start({
          at: at(2),
          action: 'reused',
          outcome: 'cancelled',
          phases: [
            { phase: 'find', ms: 40.5 },
            { phase: 'feature:node', ms: 0 },
          ],
        }),
      ];
      assert.deepEqual(parseHistory(JSON.parse(JSON.stringify(history))), history);
    });

    it('gives an empty history for anything but an array, and never throws', () => {
      for (const value of [undefined, null, 0, 'x', {}, { length: 2 }, true]) {
        assert.deepEqual(parseHistory(value), []);
      }
    });

    it('drops malformed entries and keeps the good ones', () => {
      const good = start({ at: at(9) });
      const bad: unknown[] = [
        null,
        'record',
        [good],
        { ...good, at: 5 },
        { ...good, at: 'not a date' },
        { ...good, containerName: undefined },
        { ...good, action: 'rebuilt' },
        { ...good, outcome: 'ok' },
        { ...good, totalMs: '3000' },
        { ...good, totalMs: -1 },
        { ...good, totalMs: null },
        { ...good, phases: 'plan' },
        { ...good, phases: [{ phase: 'plan' }] },
        { ...good, phases: [{ phase: 1, ms: 2 }] },
        { ...good, phases: [null] },
        { ...good, phases: [{ phase: 'plan', ms: -3 }] },
      ];
      assert.deepEqual(parseHistory([...bad, good]), [good]);
    });

    it('leaves out fields it does not know', () => {
      const [record] = parseHistory([
        {
          ...start({ at: at(1) }),
          extra: 'x',
          phases: [{ phase: 'plan', ms: 1, note: 'y' }],
        },
      ]);
      assert.deepEqual(record, start({ at: at(1), phases: [{ phase: 'plan', ms: 1 }] }));
    });

    it('keeps only the newest HISTORY_LIMIT of a longer stored list', () => {
      const stored = Array.from({ length: 30 }, (_, i) => start({ at: at(i) }));
      const parsed = parseHistory(stored);
      assert.equal(parsed.length, HISTORY_LIMIT);
      assert.equal(parsed[0]!.at, at(10));
    });
  });

  describe('compareWithPrevious', () => {
    const history = [
      start({ at: at(1), totalMs: 4000 }),
      start({ at: at(2), totalMs: 1000, action: 'reused' }),
      start({ at: at(3), totalMs: 500, outcome: 'failed' }),
      start({ at: at(4), totalMs: 3000 }),
      start({ at: at(5), totalMs: 200, outcome: 'cancelled' }),
      start({ at: at(6), totalMs: 2000 }),
    ];

    it('compares with the median of earlier ready starts of the same action', () => {
      const record = start({ at: at(7), totalMs: 2400 });
      assert.deepEqual(compareWithPrevious(history, record), {
        previousCount: 3,
        previousMedianMs: 3000,
        deltaMs: -600,
      });
    });

    it('averages the middle two of an even count', () => {
      const record = start({ at: at(7), totalMs: 4000 });
      assert.deepEqual(compareWithPrevious(history.slice(0, 4), record), {
        previousCount: 2,
        previousMedianMs: 3500,
        deltaMs: 500,
      });
    });

    it('excludes the record itself when the history already has it', () => {
      const record = start({ at: at(7), totalMs: 2400 });
      const withIt = addStart(history, record);
      assert.deepEqual(compareWithPrevious(withIt, record), compareWithPrevious(history, record));
      // An equal copy (read back from workspace state) is recognised by its time.
      assert.deepEqual(
        compareWithPrevious(withIt, { ...record }),
        compareWithPrevious(history, record),
      );
    });

    it('counts only the starts before the record', () => {
      const record = history[3]!;
      assert.deepEqual(compareWithPrevious(history, record), {
        previousCount: 1,
        previousMedianMs: 4000,
        deltaMs: -1000,
      });
    });

    it('has nothing to compare for a first start of its kind', () => {
      assert.deepEqual(compareWithPrevious(history, start({ at: at(7), action: 'started' })), {
        previousCount: 0,
      });
      assert.deepEqual(compareWithPrevious([], start({ at: at(7) })), { previousCount: 0 });
    });
  });

  it('phasesFromTimings keeps the order the phases ran and drops non-finite times', () => {
    assert.deepEqual(
      phasesFromTimings({
        plan: 12.3,
        find: 40,
        boot: Number.NaN,
        build: 0,
        setup: Number.POSITIVE_INFINITY,
        postCreateCommand: 900,
      }),
      [
        { phase: 'plan', ms: 12.3 },
        { phase: 'find', ms: 40 },
        { phase: 'build', ms: 0 },
        { phase: 'postCreateCommand', ms: 900 },
      ],
    );
    assert.deepEqual(phasesFromTimings({}), []);
  });

  it('describes each action in words', () => {
    assert.equal(describeAction('created'), 'created a new container');
    assert.equal(describeAction('started'), 'started the stopped container');
    assert.equal(describeAction('reused'), 'reused the running container');
  });
});

describe('phases of a start with Features', () => {
  it('keeps only the rest of the Features build under `features`, so nothing counts twice', async () => {
    const { phasesFromTimings } = await import('../../../src/core/view/startupHistory');
    const { phaseLabel } = await import('../../../src/core/view/phases');
    const phases = phasesFromTimings({
      find: 10,
      'feature:node': 300,
      'feature:./local': 100,
      features: 1000,
      create: 50,
    });
    assert.deepEqual(
      phases.map((p) => [p.phase, p.ms]),
      [
        ['find', 10],
        ['feature:node', 300],
        ['feature:./local', 100],
        ['features', 600],
        ['create', 50],
      ],
    );
    assert.equal(phaseLabel('features'), 'Build with Features');
    assert.equal(phaseLabel('feature:node'), 'Feature node');
  });
});
