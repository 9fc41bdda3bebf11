import { formatDuration } from './duration';
import { escapeHtml, webviewPage } from './html';
import { localTime, type TimeFormat } from './localTime';
import { phaseGroup, phaseLabel, type PhaseTiming } from './phases';
import { describeAction, HISTORY_LIMIT, type StartRecord } from './startupHistory';

/**
 * The Startup Timeline webview: the last start as a waterfall of its phases,
 * and the recent starts' totals as bars. Plain HTML and inline SVG, with no
 * script and nothing loaded, so the CSP can forbid everything but the one
 * nonce'd style block; colours come from the theme's chart variables.
 */

export interface TimelineInput {
  history: readonly StartRecord[];
  nonce: string;
  cspSource: string;
  /** The user's locale and time zone for the start times (the machine's when left out). */
  time?: TimeFormat;
  /** "on mac-studio" when the containers run on another Mac (the window is on it). */
  host?: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 190;
const TIME_WIDTH = 80;
const BAR_AREA = WIDTH - LABEL_WIDTH - TIME_WIDTH;
const ROW = 22;
const CHART_HEIGHT = 140;
const AXIS_TOP = 18;
/** Room left of the history chart for its axis labels. */
const AXIS_GUTTER = 70;

/** Long labels (a Feature's full id) would run under the bars; the bar's title has it whole. */
const LABEL_CHARS = 28;
function shorten(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

/** Keeps the SVG source short and stable for tests. */
const num = (value: number): string => String(Math.round(value * 10) / 10);

const STYLE = `
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; font-weight: normal; }
.note, .axis { color: var(--vscode-descriptionForeground); fill: var(--vscode-descriptionForeground); }
svg { width: 100%; max-width: ${WIDTH}px; height: auto; display: block; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
.axis-line { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
.host { fill: var(--vscode-charts-blue); } .container { fill: var(--vscode-charts-purple); }
.vm { fill: var(--vscode-charts-orange); } .hook { fill: var(--vscode-charts-green); }
.connect { fill: var(--vscode-charts-yellow); }
.ready { fill: var(--vscode-charts-green); } .failed { fill: var(--vscode-charts-red); }
.cancelled { fill: var(--vscode-charts-orange); }
.legend span { margin-right: 1em; } .legend svg { display: inline; width: 10px; height: 10px; }
`;

function legend(entries: ReadonlyArray<[string, string]>): string {
  const items = entries.map(
    ([cls, text]) =>
      `<span><svg viewBox="0 0 10 10" aria-hidden="true"><rect class="${cls}" width="10" height="10"/></svg> ${text}</span>`,
  );
  return `<p class="legend note">${items.join('')}</p>`;
}

/** A failed phase, and a hook that ran after the container was ready, say so by their name. */
function phaseNote(phase: PhaseTiming): string {
  const notes = [
    ...(phase.background === true ? ['after ready'] : []),
    ...(phase.failed === true ? ['failed'] : []),
  ];
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}

function waterfall(record: StartRecord): string {
  const sum = record.phases.reduce((total, p) => total + p.ms, 0);
  // Phases need not cover the total (gaps between them), nor the other way round.
  const scale = Math.max(sum, record.totalMs, 1);
  const heading = `<h2>${escapeHtml(record.containerName)}: ${describeAction(record.action)}, ${record.outcome}, in ${formatDuration(record.totalMs)}</h2>`;
  if (record.phases.length === 0) {
    return `<section id="waterfall">${heading}<p class="note">No phases were recorded for this start.</p></section>`;
  }
  let offset = 0;
  const rows = record.phases.map((p, i) => {
    // The row says "failed"; its hover also says when a hook ran after the container was ready.
    const label = escapeHtml(`${phaseLabel(p.phase)}${phaseNote(p)}`);
    const shown = escapeHtml(
      shorten(`${phaseLabel(p.phase)}${p.failed === true ? ' failed' : ''}`),
    );
    const time = formatDuration(p.ms);
    const x = LABEL_WIDTH + (offset / scale) * BAR_AREA;
    // At least a sliver, so a 0 ms phase is still there to hover.
    const width = Math.max((p.ms / scale) * BAR_AREA, 1);
    const y = i * ROW;
    const title = `${label}: ${time}, from ${formatDuration(offset)}`;
    offset += p.ms;
    return [
      `<text class="phase-label" x="0" y="${y + 15}">${shown}</text>`,
      `<rect class="bar ${p.failed === true ? 'failed' : phaseGroup(p.phase)}" x="${num(x)}" y="${y + 3}" width="${num(width)}" height="${ROW - 6}"><title>${title}</title></rect>`,
      `<text class="phase-time" x="${WIDTH}" y="${y + 15}" text-anchor="end">${time}</text>`,
    ].join('');
  });
  const height = record.phases.length * ROW;
  return [
    `<section id="waterfall">${heading}`,
    `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Phases of the last start">${rows.join('\n')}</svg>`,
    legend([
      ['host', 'this Mac'],
      ['vm', 'VM'],
      ['container', 'image and container'],
      ['hook', 'setup and hooks'],
      ['connect', 'window'],
      ...(record.phases.some((p) => p.failed === true)
        ? ([['failed', 'failed']] as Array<[string, string]>)
        : []),
    ]),
    '</section>',
  ].join('\n');
}

function historyChart(history: readonly StartRecord[], time: TimeFormat | undefined): string {
  const recent = history.slice(-HISTORY_LIMIT);
  const max = Math.max(...recent.map((r) => r.totalMs), 1);
  const slot = (WIDTH - AXIS_GUTTER) / HISTORY_LIMIT;
  const bars = recent.map((record, i) => {
    const height = Math.max((record.totalMs / max) * CHART_HEIGHT, 1);
    const x = AXIS_GUTTER + i * slot + slot * 0.15;
    const title = `${escapeHtml(localTime(record.at, time))}: ${describeAction(record.action)}, ${record.outcome}, ${formatDuration(record.totalMs)}`;
    return `<rect class="bar ${record.outcome}" x="${num(x)}" y="${num(AXIS_TOP + CHART_HEIGHT - height)}" width="${num(slot * 0.7)}" height="${num(height)}"><title>${title}</title></rect>`;
  });
  const bottom = AXIS_TOP + CHART_HEIGHT;
  return [
    `<section id="history"><h2>Last ${recent.length} start${recent.length === 1 ? '' : 's'}</h2>`,
    `<svg viewBox="0 0 ${WIDTH} ${bottom + 4}" role="img" aria-label="Total time of recent starts">`,
    `<line class="axis-line" x1="${AXIS_GUTTER - 4}" y1="${AXIS_TOP}" x2="${AXIS_GUTTER - 4}" y2="${bottom}"/>`,
    `<line class="axis-line" x1="${AXIS_GUTTER - 4}" y1="${bottom}" x2="${WIDTH}" y2="${bottom}"/>`,
    `<text class="axis" x="${AXIS_GUTTER - 10}" y="${AXIS_TOP + 4}" text-anchor="end">${formatDuration(max)}</text>`,
    `<text class="axis" x="${AXIS_GUTTER - 10}" y="${bottom}" text-anchor="end">0</text>`,
    bars.join('\n'),
    '</svg>',
    legend([
      ['ready', 'ready'],
      ['failed', 'failed'],
      ['cancelled', 'cancelled'],
    ]),
    '</section>',
  ].join('\n');
}

export function timelineHtml(input: TimelineInput): string {
  const nonce = escapeHtml(input.nonce);
  const csp = `default-src 'none'; style-src ${escapeHtml(input.cspSource)} 'nonce-${nonce}'; img-src ${escapeHtml(input.cspSource)} data:;`;
  const last = input.history[input.history.length - 1];
  const body =
    last === undefined
      ? '<p class="note" id="empty">No starts recorded yet. Run “Slipway: Reopen in Apple Container” and the timeline of its start appears here.</p>'
      : `${waterfall(last)}\n${historyChart(input.history, input.time)}`;
  return webviewPage({
    title: 'Slipway: Startup Timeline',
    heading: input.host === undefined ? 'Startup Timeline' : `Startup Timeline ${input.host}`,
    csp,
    nonce,
    style: STYLE,
    body,
  });
}
