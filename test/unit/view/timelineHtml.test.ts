import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { StartRecord } from '../../../src/core/view/startupHistory';
import { timelineHtml } from '../../../src/core/view/timelineHtml';

const NONCE = 'abc123';
const CSP_SOURCE = 'https://*.vscode-cdn.net';

function record(n: number, overrides: Partial<StartRecord> = {}): StartRecord {
  return {
    at: new Date(Date.UTC(2026, 7, 7, 10, n)).toISOString(),
    containerName: 'proj-abcd1234',
    action: 'created',
    outcome: 'ready',
    totalMs: 1000 * n,
    phases: [
      { phase: 'plan', ms: 100 },
      { phase: 'create', ms: 600 },
      { phase: 'boot', ms: 200 },
      { phase: 'postCreateCommand', ms: 100 },
    ],
    ...overrides,
  };
}

const html = (history: readonly StartRecord[]): string =>
  timelineHtml({
    history,
    nonce: NONCE,
    cspSource: CSP_SOURCE,
    time: { locale: 'en-GB', timeZone: 'Europe/Berlin' },
  });

/** The part of the document inside the element with this id. */
function section(doc: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(doc);
  assert.ok(match, `no #${id}`);
  return match[1]!;
}

interface Bar {
  cls: string;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
}

function bars(fragment: string): Bar[] {
  const found = [
    ...fragment.matchAll(
      /<rect class="bar ([\w-]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"><title>([^<]*)<\/title><\/rect>/g,
    ),
  ];
  return found.map((m) => ({
    cls: m[1]!,
    x: Number(m[2]),
    y: Number(m[3]),
    width: Number(m[4]),
    height: Number(m[5]),
    title: m[6]!,
  }));
}

describe('startup timeline webview', () => {
  it('is a complete document with a strict CSP, no script and nothing loaded', () => {
    const doc = html([record(3)]);
    assert.match(doc, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(doc.trimEnd().endsWith('</html>'));
    assert.ok(
      doc.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; img-src ${CSP_SOURCE} data:;">`,
      ),
    );
    assert.ok(doc.includes(`<style nonce="${NONCE}">`));
    assert.doesNotMatch(doc, /<script|script-src|<link|<img|<iframe|\bsrc=|\bhref=|url\(/i);
    assert.doesNotMatch(doc, /\sstyle="/, 'inline style attributes would need unsafe-inline');
  });

  it('takes its colours and fonts from the theme only', () => {
    const doc = html([record(3)]);
    const variables = [...doc.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1]!);
    assert.ok(variables.length > 0);
    for (const variable of variables) {
      assert.match(variable, /^--vscode-/);
    }
    assert.doesNotMatch(doc, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
    assert.ok(doc.includes('var(--vscode-charts-green)'));
    assert.ok(doc.includes('var(--vscode-font-family)'));
  });

  it('invites a first start when there is no history', () => {
    const doc = html([]);
    assert.match(doc, /No starts recorded yet/);
    assert.match(doc, /Slipway: Reopen in Apple Container/);
    assert.doesNotMatch(doc, /id="waterfall"|id="history"|<svg/);
  });

  describe('waterfall of the last start', () => {
    const doc = html([record(1, { containerName: 'older' }), record(2)]);
    const waterfall = section(doc, 'waterfall');
    const phaseBars = bars(waterfall);

    it('heads it with the container, what the start did, and the total', () => {
      assert.match(waterfall, /<h2>proj-abcd1234: created a new container, ready, in 2\.0 s<\/h2>/);
      assert.doesNotMatch(waterfall, /older/);
    });

    it('draws one bar per phase, each starting where the previous ended', () => {
      assert.deepEqual(
        phaseBars.map((b) => b.cls),
        ['host', 'container', 'vm', 'hook'],
      );
      // The phases add up to 1 s of a 2 s total, so they fill half the bar area.
      const area = phaseBars[0]!.width / 0.05;
      const left = phaseBars[0]!.x;
      const expected = [
        [0, 0.05],
        [0.05, 0.3],
        [0.35, 0.1],
        [0.45, 0.05],
      ];
      phaseBars.forEach((bar, i) => {
        const [offset, share] = expected[i]!;
        assert.ok(Math.abs(bar.x - (left + offset! * area)) < 0.2, `x of bar ${i}`);
        assert.ok(Math.abs(bar.width - share! * area) < 0.2, `width of bar ${i}`);
      });
      assert.deepEqual(
        phaseBars.map((b) => b.y),
        [3, 25, 47, 69],
      );
    });

    it('labels each phase with its name and duration, and a title for hover', () => {
      const labels = [...waterfall.matchAll(/<text class="phase-label"[^>]*>([^<]*)</g)];
      assert.deepEqual(
        labels.map((m) => m[1]),
        ['Read config', 'Create container', 'Boot VM', 'postCreateCommand'],
      );
      const times = [...waterfall.matchAll(/<text class="phase-time"[^>]*>([^<]*)</g)];
      assert.deepEqual(
        times.map((m) => m[1]),
        ['100 ms', '600 ms', '200 ms', '100 ms'],
      );
      assert.equal(phaseBars[2]!.title, 'Boot VM: 200 ms, from 700 ms');
    });

    it('scales to the phases when they add up to more than the total', () => {
      const [bar] = bars(
        section(
          html([record(1, { totalMs: 10, phases: [{ phase: 'boot', ms: 500 }] })]),
          'waterfall',
        ),
      );
      assert.equal(bar!.width, 370);
    });

    it('keeps a sliver for a phase that took no time', () => {
      const [bar] = bars(
        section(html([record(1, { phases: [{ phase: 'find', ms: 0 }] })]), 'waterfall'),
      );
      assert.equal(bar!.width, 1);
    });

    it('says so when the start recorded no phases', () => {
      const empty = section(html([record(1, { phases: [], outcome: 'cancelled' })]), 'waterfall');
      assert.match(empty, /No phases were recorded/);
      assert.equal(bars(empty).length, 0);
    });

    it('shortens long labels but keeps them whole in the title', () => {
      const phase = 'feature:ghcr.io/devcontainers/features/python:1';
      const part = section(html([record(1, { phases: [{ phase, ms: 5 }] })]), 'waterfall');
      assert.match(part, /<text class="phase-label"[^>]*>Feature ghcr\.io\/devcontaine…</);
      assert.equal(bars(part)[0]!.title, `Feature ${phase.slice(8)}: 5 ms, from 0 ms`);
    });
  });

  describe('history of totals', () => {
    it('draws the last 20 starts, coloured by outcome, tallest for the slowest', () => {
      const outcomes = ['ready', 'failed', 'cancelled'] as const;
      const history = Array.from({ length: 25 }, (_, i) =>
        record(i + 1, { outcome: outcomes[i % 3]!, totalMs: (i + 1) * 100 }),
      );
      const part = section(html(history), 'history');
      const drawn = bars(part);
      assert.equal(drawn.length, 20);
      assert.match(part, /<h2>Last 20 starts<\/h2>/);
      assert.deepEqual(
        drawn.slice(0, 3).map((b) => b.cls),
        ['cancelled', 'ready', 'failed'],
        'the oldest five fell off',
      );
      const tallest = drawn[19]!;
      assert.equal(tallest.height, 140);
      assert.equal(drawn[9]!.height, 84, '1.5 s of 2.5 s');
      assert.ok(drawn.every((b, i) => i === 0 || b.x > drawn[i - 1]!.x));
      assert.match(part, /<text class="axis"[^>]*>2\.5 s<\/text>/);
    });

    it('titles each bar with the local date, the action and the total', () => {
      const part = section(
        html([record(5, { action: 'reused', outcome: 'failed', totalMs: 1234 })]),
        'history',
      );
      assert.match(part, /<h2>Last 1 start<\/h2>/);
      assert.deepEqual(
        bars(part).map((b) => b.title),
        ['7 Aug 2026, 12:05 CEST: reused the running container, failed, 1.2 s'],
      );
    });
  });

  it('escapes every piece of text that comes from users', () => {
    const doc = timelineHtml({
      history: [
        record(1, {
          containerName: '<script>alert("x")</script>',
          phases: [{ phase: `feature:"><img src=x onerror='y'>`, ms: 5 }],
        }),
      ],
      nonce: '"><script>',
      cspSource: CSP_SOURCE,
    });
    assert.doesNotMatch(doc, /<script|<img/);
    assert.match(doc, /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62;/);
    assert.match(doc, /Feature &#34;&#62;&#60;img src=x onerror=&#39;y&#39;&#62;/);
  });
});
