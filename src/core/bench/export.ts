import type { BenchResult } from './runner';

/** The benchmark as CSV: one row per runtime and step, milliseconds rounded to 0.1. */

const HEADER = ['runtime', 'step', 'label', 'runs', 'median_ms', 'min_ms', 'max_ms', 'iqr_ms'];

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const ms = (value: number | undefined): string =>
  value === undefined ? '' : String(Math.round(value * 10) / 10);

export function benchCsv(result: BenchResult): string {
  const rows = result.runtimes.flatMap((runtime) =>
    runtime.steps.map((step) => [
      runtime.runtime,
      step.id,
      step.label,
      step.stats?.runs ?? 0,
      ms(step.stats?.medianMs),
      ms(step.stats?.minMs),
      ms(step.stats?.maxMs),
      ms(step.stats?.iqrMs),
    ]),
  );
  return [HEADER, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
