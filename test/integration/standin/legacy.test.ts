import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { BUSYBOX, cleanUp, container, KEEP_ALIVE, ok, slashesEscaped } from './harness';

/**
 * CONTAINER_STANDIN_VERSION=0.9.0 plays a pre-1.0 release (reference §4.3, §5):
 * `status` a string, top-level `networks`, `startedDate` in seconds since
 * 2001, keys in declaration order, `inspect` of an unknown ID printing `[]`,
 * `code: "message"` errors, and flags newer than 0.9 refused.
 */

const OLD = { CONTAINER_STANDIN_VERSION: '0.9.0' };
/** 2001-01-01T00:00:00Z in Unix seconds: Foundation's reference date. */
const REFERENCE_DATE = 978_307_200;

function old(args: readonly string[], input?: string): ReturnType<typeof container> {
  return container(args, { env: OLD, ...(input === undefined ? {} : { input }) });
}

describe('stand-in: pre-1.0 shapes with CONTAINER_STANDIN_VERSION=0.9.0 (integration)', function () {
  this.timeout(60_000);

  before(() => {
    assert.equal(old(['run', '-d', '--name', 'old-run', BUSYBOX, ...KEEP_ALIVE]).status, 0);
    assert.equal(old(['create', '--name', 'old-new', BUSYBOX]).status, 0);
  });
  after(() => cleanUp(OLD));

  it('prints the 0.9.0 version line', () => {
    assert.equal(
      old(['--version']).stdout,
      'container CLI version 0.9.0 (build: release, commit: 3e49dce)\n',
    );
  });

  it('lists the old JSON shape, every container whatever --all says', () => {
    const raw = old(['list', '--format', 'json']).stdout;
    assert.ok(slashesEscaped(raw));
    const listed = JSON.parse(raw) as Array<Record<string, unknown>>;
    assert.deepEqual(
      listed.map((c) => (c.configuration as { id: string }).id),
      ['old-run', 'old-new'],
    );
    const [running, stopped] = listed;
    assert.deepEqual(Object.keys(running ?? {}), [
      'status',
      'configuration',
      'networks',
      'startedDate',
    ]);
    assert.equal(running?.status, 'running');
    const started = (running?.startedDate as number) + REFERENCE_DATE;
    assert.ok(Math.abs(started - Date.now() / 1000) < 120, 'seconds since 2001');
    const [network] = running?.networks as Array<Record<string, unknown>>;
    assert.match(network?.ipv4Address as string, /^192\.168\.64\.\d+\/24$/);
    assert.equal(network?.ipv4Gateway, '192.168.64.1');
    assert.equal(stopped?.status, 'stopped');
    assert.deepEqual(stopped?.networks, []);
    assert.equal(stopped?.startedDate, undefined);
    const config = running?.configuration as Record<string, unknown>;
    assert.equal(Object.keys(config)[0], 'id', 'declaration order, not sorted');
    for (const newer of ['creationDate', 'useInit', 'capAdd', 'capDrop']) {
      assert.ok(!(newer in config), `${newer} is newer than 0.9`);
    }
    assert.ok(!('cpuOverhead' in (config.resources as object)));
  });

  it('prints [] for an unknown ID in inspect, compact', () => {
    const unknown = old(['inspect', 'nope']);
    assert.equal(unknown.status, 0);
    assert.equal(unknown.stdout, '[]\n');
    const known = old(['inspect', 'old-run', 'nope']).stdout;
    assert.equal(known.split('\n').length, 2, 'one line');
    assert.equal((JSON.parse(known) as unknown[]).length, 1);
  });

  it('uses the old error format and the old table header, and refuses newer flags', () => {
    const missing = old(['delete', 'nope']);
    assert.equal(missing.status, 1);
    assert.equal(
      missing.stderr,
      'Error: notFound: "failed to delete one or more containers: ["nope"]"\n',
    );
    const taken = old(['run', '--name', 'old-run', BUSYBOX]);
    assert.equal(taken.stderr, 'Error: exists: "container with id old-run already exists"\n');
    assert.match(ok(['list'], { env: OLD }), /^ID {7}IMAGE .* STATE {4}ADDR .* STARTED$/m);
    const init = old(['run', '--init', BUSYBOX]);
    assert.equal(init.status, 64);
    assert.match(init.stderr, /^Error: Unknown option '--init'/);
  });
});
