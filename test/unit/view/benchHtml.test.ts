import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { BenchRecord } from '../../../src/core/bench/history';
import { summarize } from '../../../src/core/bench/stats';
import { benchHtml } from '../../../src/core/view/benchHtml';

function step(id: string, label: string, durationsMs: number[]) {
  return { id, label, durationsMs, stats: summarize(durationsMs) };
}

const record: BenchRecord = {
  at: '2026-12-04T17:00:00.000Z',
  result: {
    image: 'docker.io/library/busybox:latest',
    runs: 3,
    runtimes: [
      { runtime: 'container', steps: [step('coldStart', 'Cold <start>', [100, 200, 400])] },
      { runtime: 'docker', steps: [step('coldStart', 'Cold <start>', [400, 800, 800])] },
    ],
  },
};

describe('benchmark view', () => {
  const html = benchHtml({ history: [record], nonce: 'n0nce', cspSource: 'vscode-resource:' });

  it('draws the median as a bar per runtime, scaled to the slowest run, with its spread', () => {
    // The slowest run (800 ms) spans the 330 px bar area: docker's median 800 is full width.
    assert.match(html, /<rect class="container" x="220" y="1" width="82.5" height="10">/);
    assert.match(html, /<rect class="docker" x="220" y="13" width="330" height="10">/);
    assert.match(html, /<line class="spread" x1="261.3" x2="385" y1="6" y2="6"\/>/);
    assert.match(html, /container: median 200 ms, 100 ms–400 ms over 3 runs/);
  });

  it('runs no script, loads nothing, and escapes what it shows', () => {
    assert.ok(!/<script/i.test(html));
    assert.match(html, /default-src 'none'; style-src vscode-resource: 'nonce-n0nce';/);
    assert.match(html, /Cold &#60;start&#62;/);
  });

  it('says how to get figures when there are none', () => {
    assert.match(benchHtml({ history: [], nonce: 'n', cspSource: 's' }), /id="empty"/);
  });
});
