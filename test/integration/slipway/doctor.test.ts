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
});
