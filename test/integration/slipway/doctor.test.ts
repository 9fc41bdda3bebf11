import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildCli, container, down, slipway, workspace } from './harness';

/**
 * `slipway doctor --json` against a real `container` (the stand-in here):
 * the service stopped is an error with its fix; a running dev container is
 * probed from inside, and a DNS probe without egress is reported failed.
 */

interface Check {
  id: string;
  status: string;
  detail: string;
  actions: { label: string; command?: string }[];
}

function doctor(): {
  status: number | null;
  checks: Map<string, Check>;
  json: Record<string, unknown>;
} {
  const run = slipway(['doctor', '--json']);
  const checks = (run.json.checks ?? []) as Check[];
  return { status: run.status, json: run.json, checks: new Map(checks.map((c) => [c.id, c])) };
}

describe('slipway doctor (integration)', function () {
  this.timeout(240_000);
  const folder = workspace('doctor', {
    '.devcontainer/devcontainer.json': JSON.stringify({
      image: 'docker.io/library/busybox:latest',
    }),
  });

  before(() => buildCli());
  after(() => down(folder));

  it('fails on a stopped service, offering to start it, and exits 1', () => {
    container(['system', 'stop']);
    const { status, checks, json } = doctor();
    assert.equal(status, 1);
    assert.equal(json.outcome, 'error');
    assert.equal(checks.get('service')?.status, 'error');
    assert.equal(checks.get('service')?.actions[0]?.command, 'slipway.startSystem');
    assert.equal(checks.get('builder')?.status, 'skipped');
  });

  it('probes a running dev container and reports the missing egress truthfully', () => {
    assert.equal(container(['system', 'start', '--enable-kernel-install']).status, 0);
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.json.outcome, 'success', upRun.stderr);
    const started = Date.now();
    const { status, checks } = doctor();
    const elapsed = Date.now() - started;
    assert.equal(status, 0);
    assert.equal(checks.get('service')?.status, 'ok');
    assert.equal(checks.get('skew')?.status, 'ok');
    assert.equal(checks.get('kernel')?.status, 'ok');
    assert.match(checks.get('kernel')?.detail ?? '', /^Installed/);
    assert.equal(checks.get('stale')?.status, 'ok');
    assert.equal(checks.get('memory')?.status, 'ok');
    // The stand-in's containers have no way out: the probe must say it failed.
    assert.equal(checks.get('dns')?.status, 'warning');
    assert.match(checks.get('dns')?.detail ?? '', /^Failed or unknown from /);
    assert.ok(elapsed < 20_000, `doctor took ${elapsed} ms`);
  });

  it("reports disk use from the stand-in's system df with real figures and the fixes of 1.5.0", () => {
    // The dev container from the test before is running, so its image is in use.
    const df = container(['system', 'df', '--format', 'json']);
    assert.equal(df.status, 0, df.stderr);
    const stats = JSON.parse(df.stdout) as Record<string, { total: number; sizeInBytes: number }>;
    assert.ok((stats.images?.sizeInBytes ?? 0) > 0, df.stdout);
    const { checks } = doctor();
    const disk = checks.get('disk');
    assert.equal(disk?.status, 'ok', disk?.detail);
    const used = /^(\S+ \S+) used, (\S+ \S+) reclaimable: images (\S+ \S+)/.exec(
      disk?.detail ?? '',
    );
    assert.ok(used, disk?.detail);
    assert.notEqual(used[1], '0 bytes', 'real figures, not zero');
    assert.notEqual(used[3], '0 bytes', 'the images take room');
    // 1.5.0 (the stand-in's default) offers `container clean` for the running dev container.
    assert.match(disk?.detail ?? '', /`container clean \S+/);
  });

  it("says system df does not exist on 0.6, where Apple's parser refuses it", () => {
    const refused = container(['system', 'df'], { CONTAINER_STANDIN_VERSION: '0.6.0' });
    assert.equal(refused.status, 64);
    assert.match(refused.stderr, /Unexpected argument 'df'/);
    const run = slipway(['doctor', '--json'], { env: { CONTAINER_STANDIN_VERSION: '0.6.0' } });
    const disk = ((run.json.checks ?? []) as Check[]).find((c) => c.id === 'disk');
    assert.equal(disk?.status, 'skipped');
    assert.match(disk?.detail ?? '', /has no `system df` \(it arrived in 0\.7\.0\)/);
  });
});
