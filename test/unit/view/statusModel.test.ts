import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { StartRecord } from '../../../src/core/view/startupHistory';
import { escapeMarkdown, presentStatus } from '../../../src/core/view/statusModel';

const READY_LINKS =
  '[Show Log](command:slipway.showLog) · [Open Terminal](command:slipway.openTerminal) · [Rebuild](command:slipway.rebuild) · [Stop](command:slipway.stop) · [Timeline](command:slipway.showTimeline)';

function record(overrides: Partial<StartRecord> = {}): StartRecord {
  return {
    at: '2026-08-07T10:00:00.000Z',
    containerName: 'proj-abcd1234',
    action: 'created',
    outcome: 'ready',
    totalMs: 2400,
    phases: [
      { phase: 'plan', ms: 12 },
      { phase: 'create', ms: 1500 },
      { phase: 'boot', ms: 880 },
    ],
    ...overrides,
  };
}

const earlier = (n: number, totalMs: number, over: Partial<StartRecord> = {}): StartRecord =>
  record({ at: `2026-08-0${n}T10:00:00.000Z`, totalMs, ...over });

describe('status bar model', () => {
  describe('escapeMarkdown', () => {
    it('escapes what Markdown reads inside a line', () => {
      assert.equal(escapeMarkdown('a*b_c`d'), 'a\\*b\\_c\\`d');
      assert.equal(escapeMarkdown('[x](command:slipway.stop)'), '\\[x\\](command:slipway.stop)');
      assert.equal(escapeMarkdown('a | b'), 'a \\| b');
      assert.equal(escapeMarkdown('<img src=x>'), '\\<img src=x\\>');
      assert.equal(escapeMarkdown('~~gone~~ &amp;'), '\\~\\~gone\\~\\~ \\&amp;');
      assert.equal(escapeMarkdown('C:\\path'), 'C:\\\\path');
    });

    it('escapes markers that would open a block at the start', () => {
      assert.equal(escapeMarkdown('# heading'), '\\# heading');
      assert.equal(escapeMarkdown('- item'), '\\- item');
      assert.equal(escapeMarkdown('+ item'), '\\+ item');
      assert.equal(escapeMarkdown('> quote'), '\\> quote');
      assert.equal(escapeMarkdown('1. first'), '1\\. first');
      assert.equal(escapeMarkdown('12) twelfth'), '12\\) twelfth');
      assert.equal(escapeMarkdown('version 1.2.3 - ok #1'), 'version 1.2.3 - ok #1');
    });

    it('puts everything on one line', () => {
      assert.equal(escapeMarkdown('  first\n\n    second\r\nthird  '), 'first second third');
      assert.equal(escapeMarkdown('a\n# b'), 'a # b');
    });

    it('keeps URLs linkable and stops codicons', () => {
      assert.equal(
        escapeMarkdown('see https://github.com/apple/container/releases.'),
        'see https://github.com/apple/container/releases.',
      );
      assert.equal(escapeMarkdown('$(zap) x'), '\\$(zap) x');
      assert.equal(escapeMarkdown(''), '');
    });
  });

  it('hides the item when idle', () => {
    assert.deepEqual(presentStatus({ kind: 'idle' }), { text: '', tooltip: '', visible: false });
  });

  describe('busy', () => {
    const busy = presentStatus({
      kind: 'busy',
      operation: 'rebuild',
      containerName: 'proj-abcd1234',
      phase: 'boot',
      elapsedMs: 1234,
    });

    it('spins with the phase and the time so far', () => {
      assert.equal(busy.text, '$(loading~spin) Slipway: Booting VM… 1.2 s');
      assert.equal(busy.command, 'slipway.showLog');
      assert.equal(busy.visible, true);
      assert.equal(busy.background, undefined);
    });

    it('says what it is doing to which container, and how to cancel', () => {
      assert.match(busy.tooltip, /^Rebuilding the container \*\*proj-abcd1234\*\*\n/);
      assert.match(busy.tooltip, /Booting VM… \(1\.2 s so far\)/);
      assert.match(busy.tooltip, /Cancel from the notification/);
      assert.match(busy.tooltip, /\[Show Log\]\(command:slipway\.showLog\)/);
    });

    it('works without a container name and for an unknown phase', () => {
      const status = presentStatus({
        kind: 'busy',
        operation: 'reopen',
        phase: 'feature:$(zap)',
        elapsedMs: 5,
      });
      assert.equal(status.text, '$(loading~spin) Slipway: Installing Feature \\$(zap)… 5 ms');
      assert.match(status.tooltip, /^Reopening in a container\n/);
    });
  });

  describe('ready', () => {
    const history = [earlier(1, 3000), earlier(2, 3500), earlier(3, 3100), earlier(4, 2500)];
    const ready = presentStatus({
      kind: 'ready',
      record: record(),
      history,
      backgroundSteps: ['postStartCommand', 'postAttachCommand'],
    });

    it('names the container and the total, and offers actions on click', () => {
      assert.equal(ready.text, '$(vm-running) proj-abcd1234 · 2.4 s');
      assert.equal(ready.command, 'slipway.statusActions');
      assert.equal(ready.visible, true);
      assert.equal(ready.background, undefined);
    });

    it('tabulates the phases with a total', () => {
      const lines = ready.tooltip.split('\n');
      const table = lines.filter((line) => line.startsWith('|'));
      assert.deepEqual(table, [
        '| Phase | Time |',
        '| :-- | --: |',
        '| Read config | 12 ms |',
        '| Create container | 1.5 s |',
        '| Boot VM | 880 ms |',
        '| **Total** | **2.4 s** |',
      ]);
      assert.equal(
        lines[0],
        '**proj-abcd1234** is ready: Slipway created a new container in 2.4 s.',
      );
    });

    it('lists the hooks still running, compares with earlier starts, and ends with links', () => {
      assert.match(
        ready.tooltip,
        /\nStill running in the background: postStartCommand, postAttachCommand\n/,
      );
      assert.match(
        ready.tooltip,
        /\nPrevious 4 starts that created a container: median 3\.1 s — this one was 650 ms faster\n/,
      );
      assert.ok(ready.tooltip.endsWith(`\n${READY_LINKS}`));
    });

    it('leaves out the background line when nothing runs on', () => {
      const status = presentStatus({
        kind: 'ready',
        record: record(),
        history: [],
        backgroundSteps: [],
      });
      assert.doesNotMatch(status.tooltip, /background/);
      assert.match(status.tooltip, /No earlier starts that created a container to compare with\./);
    });

    it('compares only with the same action, and words one previous start', () => {
      const status = presentStatus({
        kind: 'ready',
        record: record({ action: 'reused', totalMs: 900 }),
        history: [...history, earlier(5, 600, { action: 'reused' })],
        backgroundSteps: [],
      });
      assert.match(status.tooltip, /Slipway reused the running container in 900 ms/);
      assert.match(
        status.tooltip,
        /Previous start that reused a running container: 600 ms — this one was 300 ms slower/,
      );
    });

    it('says when a start took the median time', () => {
      const current = record({ action: 'started', totalMs: 1000 });
      const status = presentStatus({
        kind: 'ready',
        record: current,
        history: [
          earlier(1, 900, { action: 'started' }),
          earlier(2, 1100, { action: 'started' }),
          current,
        ],
        backgroundSteps: [],
      });
      assert.match(
        status.tooltip,
        /Previous 2 starts that started a stopped container: median 1\.0 s — this one took the same time/,
      );
    });

    it('escapes the container name and phase ids', () => {
      const status = presentStatus({
        kind: 'ready',
        record: record({
          containerName: '$(bug)*evil*',
          phases: [{ phase: 'feature:a|b', ms: 1 }],
        }),
        history: [],
        backgroundSteps: ['x_y'],
      });
      assert.equal(status.text, '$(vm-running) \\$(bug)*evil* · 2.4 s');
      assert.match(status.tooltip, /^\*\*\\\$\(bug\)\\\*evil\\\*\*\* is ready/);
      assert.match(status.tooltip, /\| Feature a\\\|b \| 1 ms \|/);
      assert.match(status.tooltip, /background: x\\_y/);
    });
  });

  describe('failed', () => {
    it('turns red, says where it failed, and links the log and a rebuild', () => {
      const failed = presentStatus({
        kind: 'failed',
        message: 'container create failed:\n# not *found*',
        phase: 'create',
        elapsedMs: 4200,
      });
      assert.equal(failed.text, '$(error) Slipway: start failed');
      assert.equal(failed.background, 'statusBarItem.errorBackground');
      assert.equal(failed.command, 'slipway.statusActions');
      assert.equal(failed.visible, true);
      assert.equal(
        failed.tooltip,
        [
          '**Slipway: start failed** during *Create container*, after 4.2 s.',
          '',
          'container create failed: # not \\*found\\*',
          '',
          '[Show Log](command:slipway.showLog) · [Rebuild](command:slipway.rebuild)',
        ].join('\n'),
      );
    });

    it('leaves out the phase when it is not known', () => {
      const failed = presentStatus({ kind: 'failed', message: 'boom', elapsedMs: 10 });
      assert.match(failed.tooltip, /^\*\*Slipway: start failed\*\* after 10 ms\.\n/);
    });
  });
});
