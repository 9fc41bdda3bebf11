/**
 * The report of `npm run test:mac`, from mocha's JSON reporter output: a
 * JSON document to keep, and a short Markdown summary to attach to a release.
 * Pure: test/mac/run.ts gathers the inputs.
 */

/** The parts of mocha's `--reporter json` output the report reads. */
export interface MochaTest {
  title: string;
  fullTitle: string;
  file?: string;
  duration?: number;
  err?: { message?: string };
}

export interface MochaJson {
  stats: { start?: string; end?: string; duration?: number };
  tests: MochaTest[];
  pending: MochaTest[];
  failures: MochaTest[];
  passes: MochaTest[];
}

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  title: string;
  file: string;
  state: TestState;
  /** Milliseconds; absent for pending tests and failed hooks. */
  durationMs?: number;
  error?: string;
}

/** `slipway up`'s phase timings (milliseconds), for a first (create) and a second (reuse) start. */
export interface StartupTimings {
  image: string;
  first?: Record<string, number>;
  second?: Record<string, number>;
  /** Why the start-up probe gave no timings, when it did not. */
  error?: string;
}

export interface MacReport {
  slipwayVersion: string;
  containerVersion: string;
  macosVersion: string;
  arch: string;
  startedAt: string;
  durationMs: number;
  totals: Record<TestState, number>;
  tests: TestResult[];
  startup: StartupTimings;
}

export interface ReportInput {
  mocha: MochaJson;
  slipwayVersion: string;
  containerVersion: string;
  macosVersion: string;
  arch: string;
  startedAt: string;
  durationMs: number;
  startup: StartupTimings;
}

function key(test: MochaTest): string {
  return `${test.file ?? ''}\u0000${test.fullTitle}`;
}

function relative(file: string | undefined, root: string): string {
  if (file === undefined) {
    return '';
  }
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

/**
 * Every test once, in run order. A failing `before` hook is reported by
 * mocha as a failure that is no test; it is kept, as a failed entry, so a
 * suite that never ran is not mistaken for a passing one.
 */
export function buildReport(input: ReportInput, root: string): MacReport {
  const failed = new Map(input.mocha.failures.map((test) => [key(test), test]));
  const pending = new Set(input.mocha.pending.map(key));
  const seen = new Set<string>();
  const tests: TestResult[] = [];
  const add = (test: MochaTest): void => {
    const id = key(test);
    if (seen.has(id)) {
      return;
    }
    seen.add(id);
    const failure = failed.get(id);
    const state: TestState = failure ? 'failed' : pending.has(id) ? 'pending' : 'passed';
    const result: TestResult = { title: test.fullTitle, file: relative(test.file, root), state };
    if (state !== 'pending' && typeof test.duration === 'number') {
      result.durationMs = test.duration;
    }
    const message = failure?.err?.message;
    if (message !== undefined) {
      result.error = message;
    }
    tests.push(result);
  };
  input.mocha.tests.forEach(add);
  input.mocha.failures.forEach(add);
  input.mocha.pending.forEach(add);
  const totals: Record<TestState, number> = { passed: 0, failed: 0, pending: 0 };
  for (const test of tests) {
    totals[test.state]++;
  }
  return {
    slipwayVersion: input.slipwayVersion,
    containerVersion: input.containerVersion,
    macosVersion: input.macosVersion,
    arch: input.arch,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    totals,
    tests,
    startup: input.startup,
  };
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`;
}

/** Markdown table cells must not break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const MARK: Record<TestState, string> = { passed: 'pass', failed: '**FAIL**', pending: 'skipped' };

export function markdownSummary(report: MacReport): string {
  const { totals } = report;
  const lines = [
    `# Slipway ${report.slipwayVersion} on a real Mac`,
    '',
    `- container: \`${report.containerVersion}\``,
    `- macOS ${report.macosVersion} (${report.arch})`,
    `- Run: ${report.startedAt}, ${seconds(report.durationMs)}`,
    `- Result: ${totals.passed} passed, ${totals.failed} failed, ${totals.pending} skipped`,
    '',
    `## Start-up timings (\`slipway up\`, ${report.startup.image})`,
    '',
  ];
  if (report.startup.error !== undefined) {
    lines.push(`Not measured: ${cell(report.startup.error)}`);
  } else {
    const phases = [
      ...new Set([
        ...Object.keys(report.startup.first ?? {}),
        ...Object.keys(report.startup.second ?? {}),
      ]),
    ];
    lines.push('| Phase | First start | Second start |', '| --- | ---: | ---: |');
    for (const phase of phases) {
      lines.push(
        `| ${cell(phase)} | ${seconds(report.startup.first?.[phase])} | ${seconds(report.startup.second?.[phase])} |`,
      );
    }
  }
  const failures = report.tests.filter((test) => test.state === 'failed');
  if (failures.length > 0) {
    lines.push('', '## Failures', '');
    for (const test of failures) {
      lines.push(`- ${test.title} (${test.file}): ${test.error ?? 'no message'}`);
    }
  }
  lines.push('', '## Tests', '', '| Result | Test | File | Time |', '| --- | --- | --- | ---: |');
  for (const test of report.tests) {
    lines.push(
      `| ${MARK[test.state]} | ${cell(test.title)} | ${cell(test.file)} | ${seconds(test.durationMs)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
