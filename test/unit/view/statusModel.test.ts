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
      background: [
        { hook: 'postStartCommand', state: 'running' },
        { hook: 'postAttachCommand', state: 'waiting' },
      ],
    });

    it('names the container and the total, and offers actions on click', () => {
      assert.equal(ready.text, '$(vm-running) proj-abcd1234 · 2.4 s');
      assert.equal(ready.command, 'slipway.statusActions');
      assert.equal(ready.visible, true);
      assert.equal(ready.background, undefined);
    });

    it('tabulates the phases with a total', () => {
      const lines = ready.tooltip.split('\n');
      const start = lines.findIndex((line) => line.startsWith('|'));
      const table = lines.slice(start, lines.indexOf('', start));
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

    it('lists the hooks after waitFor as they are now, compares with earlier starts, and ends with links', () => {
      assert.deepEqual(
        ready.tooltip
          .split('\n')
          .filter((line) => /^\| (After|post)|^\| :-- \| --: \|$/.test(line))
          .slice(1),
        [
          // (the phase table's alignment row comes first)
          '| After ready, in the background | |',
          '| :-- | --: |',
          '| postStartCommand | running… |',
          '| postAttachCommand | waiting |',
        ],
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
        background: [],
      });
      assert.doesNotMatch(status.tooltip, /background/);
      assert.match(status.tooltip, /No earlier starts that created a container to compare with\./);
    });

    it('compares only with the same action, and words one previous start', () => {
      const status = presentStatus({
        kind: 'ready',
        record: record({ action: 'reused', totalMs: 900 }),
        history: [...history, earlier(5, 600, { action: 'reused' })],
        background: [],
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
        background: [],
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
        background: [{ hook: 'x_y', state: 'running' }],
      });
      assert.equal(status.text, '$(vm-running) \\$(bug)*evil* · 2.4 s');
      assert.match(status.tooltip, /^\*\*\\\$\(bug\)\\\*evil\\\*\*\* is ready/);
      assert.match(status.tooltip, /\| Feature a\\\|b \| 1 ms \|/);
      assert.match(status.tooltip, /\| x\\_y \| running… \|/);
    });
  });

  describe('hooks after waitFor, as they go on', () => {
    const base = { kind: 'ready' as const, record: record(), history: [] };

    it('follows each hook from running to done, with its own time, and never says "still running" after', () => {
      const running = presentStatus({
        ...base,
        background: [
          { hook: 'postCreateCommand', state: 'running' },
          { hook: 'postStartCommand', state: 'waiting' },
        ],
      });
      assert.match(running.tooltip, /\| postCreateCommand \| running… \|/);
      const done = presentStatus({
        ...base,
        background: [
          { hook: 'postCreateCommand', state: 'done', ms: 1250 },
          { hook: 'postStartCommand', state: 'done', ms: 40 },
        ],
      });
      assert.match(done.tooltip, /\| postCreateCommand \| done in 1\.3 s \|/);
      assert.match(done.tooltip, /\| postStartCommand \| done in 40 ms \|/);
      assert.doesNotMatch(done.tooltip, /running|waiting|Still/);
      assert.equal(done.text, '$(vm-running) proj-abcd1234 · 2.4 s');
      assert.equal(done.background, undefined);
    });

    it('a hook that failed in the background: still ready, but the item says which failed, and why', () => {
      const failed = presentStatus({
        ...base,
        background: [
          {
            hook: 'postCreateCommand',
            state: 'failed',
            ms: 3400,
            message: 'The postCreateCommand from devcontainer.json failed with exit code 3.',
          },
          { hook: 'postStartCommand', state: 'waiting' },
        ],
      });
      assert.equal(failed.text, '$(warning) proj-abcd1234 · 2.4 s · postCreateCommand failed');
      assert.equal(failed.background, 'statusBarItem.warningBackground');
      assert.equal(failed.command, 'slipway.statusActions');
      assert.match(failed.tooltip, /is ready: Slipway created a new container in 2\.4 s\./);
      assert.match(failed.tooltip, /\| postCreateCommand \| \*\*failed\*\* in 3\.4 s \|/);
      assert.match(
        failed.tooltip,
        /\nThe postCreateCommand from devcontainer\.json failed with exit code 3\.\n/,
      );
      assert.doesNotMatch(failed.tooltip, /Slipway[A-Za-z]*Error|after 0 ms/);
    });
  });

  describe('each kind of start', () => {
    for (const action of ['created', 'started', 'reused'] as const) {
      it(`says what a ${action} start did`, () => {
        const status = presentStatus({
          kind: 'ready',
          record: record({ action }),
          history: [],
          background: [],
        });
        const words = {
          created: 'created a new container',
          started: 'started the stopped container',
          reused: 'reused the running container',
        };
        assert.match(status.tooltip, new RegExp(`Slipway ${words[action]} in 2\\.4 s`));
        assert.equal(status.text, '$(vm-running) proj-abcd1234 · 2.4 s');
      });
    }
  });

  describe('failed', () => {
    it("a failed hook: the message, the hook's last output line by line, and what to do", () => {
      const failed = presentStatus({
        kind: 'failed',
        message:
          'The onCreateCommand from devcontainer.json failed with exit code 42. Command: exit 42',
        detail: 'Last output:\nnpm ERR! *boom*\ncode 42',
        remedy: 'Fix the command, then start the container again.',
        phase: 'onCreateCommand',
        elapsedMs: 5100,
      });
      assert.equal(
        failed.tooltip,
        [
          '**Slipway: start failed** during *onCreateCommand*, after 5.1 s.',
          '',
          'The onCreateCommand from devcontainer.json failed with exit code 42. Command: exit 42',
          '',
          'Last output:  \nnpm ERR! \\*boom\\*  \ncode 42',
          '',
          'Fix the command, then start the container again.',
          '',
          '[Show Log](command:slipway.showLog) · [Rebuild](command:slipway.rebuild)',
        ].join('\n'),
      );
    });

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
