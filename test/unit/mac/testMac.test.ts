import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildReport, markdownSummary, type MochaJson } from '../../mac/report';
import { INTEGRATION_ROOT, macSuites, platformRefusal } from '../../mac/suites';

const ROOT = path.resolve(__dirname, '../../..');
const MOCHA = path.join(ROOT, 'node_modules', '.bin', 'mocha');

/** A suite with every outcome mocha reports: pass, fail, skip, and a failing hook. */
const FIXTURE = `
describe('engine', function () {
  it('creates | starts', function () {});
  it('reuses', function () { throw new Error('expected 3 container calls | got 5'); });
  it.skip('builds with Features', function () {});
});
describe('ssh', function () {
  before(function () { throw new Error('no sshd'); });
  it('connects', function () {});
});
`;

/** Real mocha JSON, from the same mocha and reporter option test:mac uses. */
function mochaJson(dir: string): MochaJson {
  const spec = path.join(dir, 'fixture.test.js');
  writeFileSync(spec, FIXTURE);
  const out = path.join(dir, 'mocha.json');
  spawnSync(
    MOCHA,
    ['--no-config', '--reporter', 'json', '--reporter-option', `output=${out}`, spec],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as MochaJson;
}

describe('npm run test:mac', () => {
  describe('suite selection', () => {
    it('runs every integration suite but the stand-in’s own, Compose included once it exists', () => {
      const suites = macSuites([
        'test/integration/standin/shapes.test.ts',
        'test/integration/slipway/up.test.ts',
        'test/integration/ssh/transport.test.ts',
        'test/integration/features/up.test.ts',
        'test/integration/features/registry.ts',
        'test/integration/compose/up.test.ts',
        'test/unit/x.test.ts',
      ]);
      assert.deepEqual(suites, [
        'test/integration/compose/up.test.ts',
        'test/integration/features/up.test.ts',
        'test/integration/slipway/up.test.ts',
        'test/integration/ssh/transport.test.ts',
      ]);
    });

    it('finds the engine, lifecycle, SSH and Features suites in this repository', () => {
      const files = readdirSync(path.join(ROOT, INTEGRATION_ROOT), { recursive: true }).map(
        (file) => `${INTEGRATION_ROOT}/${String(file)}`,
      );
      const suites = macSuites(files);
      for (const folder of ['slipway', 'ssh', 'features']) {
        assert.ok(
          suites.some((file) => file.startsWith(`${INTEGRATION_ROOT}/${folder}/`)),
          `no ${folder} suite in ${suites.join(', ')}`,
        );
      }
      assert.ok(suites.includes('test/integration/slipway/up.test.ts'));
      assert.ok(!suites.some((file) => file.includes('/standin/')));
    });
  });

  describe('the refusal', () => {
    it('refuses Linux with what to run instead, and accepts macOS', () => {
      assert.match(
        platformRefusal('linux')!,
        /only on macOS \(this is linux\).*npm run test:integration/,
      );
      assert.equal(platformRefusal('darwin'), undefined);
    });

    it('exits 2 with that message here', function () {
      if (process.platform === 'darwin') {
        this.skip();
      }
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'test/mac/run.ts')],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^test:mac: npm run test:mac runs the integration tests against Apple's container/,
      );
      assert.equal(run.stdout, '');
    });
  });

  describe('the report', () => {
    let scratch = '';
    before(() => {
      scratch = mkdtempSync(path.join(tmpdir(), 'slipway-mac-report-'));
    });
    after(() => rmSync(scratch, { recursive: true, force: true }));

    function report() {
      return buildReport(
        {
          mocha: mochaJson(scratch),
          slipwayVersion: '0.1.0',
          containerVersion: 'container CLI version 1.2.2 (build: release, commit: 0190097)',
          macosVersion: '26.1',
          arch: 'arm64',
          startedAt: '2026-12-04T16:00:00.000Z',
          durationMs: 432_100,
          startup: {
            image: 'docker.io/library/debian:bookworm-slim',
            first: { find: 40, pull: 5200, create: 900, start: 1100 },
            second: { find: 35 },
          },
        },
        scratch,
      );
    }

    it('lists each test once with its result and time, a failed hook as a failure', () => {
      const { tests, totals } = report();
      assert.deepEqual(
        tests.map((test) => [test.title, test.state, test.file]),
        [
          ['engine creates | starts', 'passed', 'fixture.test.js'],
          ['engine reuses', 'failed', 'fixture.test.js'],
          ['engine builds with Features', 'pending', 'fixture.test.js'],
          ['ssh "before all" hook for "connects"', 'failed', 'fixture.test.js'],
        ],
      );
      assert.deepEqual(totals, { passed: 1, failed: 2, pending: 1 });
      assert.equal(typeof tests[0]!.durationMs, 'number');
      assert.equal(tests[2]!.durationMs, undefined);
      assert.equal(tests[1]!.error, 'expected 3 container calls | got 5');
    });

    it('summarises versions, totals, start-up timings and failures in Markdown', () => {
      const markdown = markdownSummary(report());
      assert.match(markdown, /^# Slipway 0\.1\.0 on a real Mac\n/);
      assert.match(
        markdown,
        /^- container: `container CLI version 1\.2\.2 \(build: release, commit: 0190097\)`$/m,
      );
      assert.match(markdown, /^- macOS 26\.1 \(arm64\)$/m);
      assert.match(markdown, /^- Run: 2026-12-04T16:00:00\.000Z, 432\.1 s$/m);
      assert.match(markdown, /^- Result: 1 passed, 2 failed, 1 skipped$/m);
      assert.match(markdown, /^\| pull \| 5\.2 s \| {2}\|$/m);
      assert.match(markdown, /^\| find \| 0\.0 s \| 0\.0 s \|$/m);
      assert.match(
        markdown,
        /^- engine reuses \(fixture\.test\.js\): expected 3 container calls \| got 5$/m,
      );
      // A | in a title must not break the table.
      assert.match(
        markdown,
        /^\| pass \| engine creates \\\| starts \| fixture\.test\.js \| \d+\.\d s \|$/m,
      );
      assert.match(
        markdown,
        /^\| \*\*FAIL\*\* \| engine reuses \| fixture\.test\.js \| \d+\.\d s \|$/m,
      );
      assert.match(
        markdown,
        /^\| skipped \| engine builds with Features \| fixture\.test\.js \| {2}\|$/m,
      );
    });

    it('says why there are no start-up timings when the probe failed', () => {
      const markdown = markdownSummary({
        ...report(),
        startup: { image: 'debian', error: 'slipway up failed: no network' },
      });
      assert.match(markdown, /^Not measured: slipway up failed: no network$/m);
    });
  });
});
