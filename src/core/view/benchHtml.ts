import type { BenchRecord } from '../bench/history';
import { formatDuration } from './duration';
import { escapeHtml, webviewPage } from './html';

/**
 * The Benchmark This Mac webview: per step, one bar per runtime for the
 * median and a line from the fastest to the slowest run. Like the Startup
 * Timeline: plain HTML and inline SVG, no script, nothing loaded, colours from
 * the theme, a CSP that allows only the one nonce'd style block.
 */

export interface BenchViewInput {
  /** The latest run is drawn; older ones are history. */
  history: readonly BenchRecord[];
  nonce: string;
  cspSource: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const TIME_WIDTH = 90;
const BAR_AREA = WIDTH - LABEL_WIDTH - TIME_WIDTH;
const BAR = 12;
const GAP = 10;

const STYLE = `
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
.note { color: var(--vscode-descriptionForeground); }
svg { width: 100%; max-width: ${WIDTH}px; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
.container { fill: var(--vscode-charts-purple); } .docker { fill: var(--vscode-charts-blue); }
.spread { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
.legend span { margin-right: 16px; } .legend svg { width: 10px; height: 10px; }
`;

const num = (value: number): string => String(Math.round(value * 10) / 10);

function chart(record: BenchRecord): string {
  const { runtimes } = record.result;
  const steps = runtimes[0]?.steps ?? [];
  const slowest = Math.max(1, ...runtimes.flatMap((r) => r.steps.map((s) => s.stats?.maxMs ?? 0)));
  const scale = (ms: number) => (ms / slowest) * BAR_AREA;
  const group = runtimes.length * BAR + GAP;
  const rows = steps.map((step, i) => {
    const top = i * group;
    const bars = runtimes.map((runtime, j) => {
      const stats = runtime.steps.find((s) => s.id === step.id)?.stats;
      if (stats === undefined) {
        return '';
      }
      const y = top + j * BAR;
      const mid = y + BAR / 2;
      const title = `${runtime.runtime}: median ${formatDuration(stats.medianMs)}, ${formatDuration(stats.minMs)}–${formatDuration(stats.maxMs)} over ${stats.runs} runs`;
      return [
        `<rect class="${runtime.runtime}" x="${LABEL_WIDTH}" y="${num(y + 1)}" width="${num(Math.max(1, scale(stats.medianMs)))}" height="${BAR - 2}"><title>${escapeHtml(title)}</title></rect>`,
        `<line class="spread" x1="${num(LABEL_WIDTH + scale(stats.minMs))}" x2="${num(LABEL_WIDTH + scale(stats.maxMs))}" y1="${num(mid)}" y2="${num(mid)}"/>`,
        `<text x="${WIDTH - TIME_WIDTH + 6}" y="${num(mid + 4)}">${escapeHtml(formatDuration(stats.medianMs))}</text>`,
      ].join('');
    });
    const label = `<text x="0" y="${num(top + (runtimes.length * BAR) / 2 + 4)}">${escapeHtml(step.label)}</text>`;
    return `<g data-step="${escapeHtml(step.id)}">${label}${bars.join('')}</g>`;
  });
  const height = Math.max(group, steps.length * group);
  return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Median time per benchmark step">${rows.join('\n')}</svg>`;
}

function legend(record: BenchRecord): string {
  const items = record.result.runtimes.map(
    (r) =>
      `<span><svg viewBox="0 0 10 10" aria-hidden="true"><rect class="${r.runtime}" width="10" height="10"/></svg> ${escapeHtml(r.runtime)}</span>`,
  );
  return `<p class="legend">${items.join('')}</p>`;
}

export function benchHtml(input: BenchViewInput): string {
  const nonce = escapeHtml(input.nonce);
  const csp = `default-src 'none'; style-src ${escapeHtml(input.cspSource)} 'nonce-${nonce}';`;
  const last = input.history[input.history.length - 1];
  const body =
    last === undefined
      ? '<p class="note" id="empty">No benchmark yet. Run “slipway bench” and its figures appear here.</p>'
      : [
          `<p class="note">${escapeHtml(last.result.image)}, ${last.result.runs} runs per step, ${escapeHtml(last.at)}. Bars: median; lines: fastest to slowest run.</p>`,
          legend(last),
          chart(last),
        ].join('\n');
  return webviewPage({
    title: 'Slipway: Benchmark This Mac',
    heading: 'Benchmark This Mac',
    csp,
    nonce,
    style: STYLE,
    body,
  });
}
