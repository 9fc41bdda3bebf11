import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINIMUM_CONTAINER_VERSION } from '../../../src/core/client/cliVersion';
import { setupChecks, type SetupCheck, type SetupProbe } from '../../../src/core/view/checkSetup';
import { overcommitWarning } from '../../../src/core/view/doctorChecks';
import { RECLAIMABLE_WARN_BYTES } from '../../../src/core/view/diskCheck';
import type { ResourceUsage } from '../../../src/core/view/diskUsage';
import {
  builderFromList,
  readBuilderStatus,
  readClientVersion,
  readDoctorContainers,
  readServerVersion,
} from '../../../src/core/view/doctorProbe';

const GIB = 2 ** 30;

const base: SetupProbe = {
  platform: 'darwin',
  arch: 'arm64',
  osVersion: '26.1',
  cli: { found: true, path: '/usr/local/bin/container', version: '1.5.0' },
  service: { running: true, status: 'running' },
  sshExtension: 'ms-vscode-remote.remote-ssh',
  minimumVersion: MINIMUM_CONTAINER_VERSION,
  serverVersion: '1.5.0',
  builder: { running: false },
  containers: [],
  hostMemoryBytes: 16 * GIB,
  disk: {
    usage: {
      images: { total: 3, active: 1, sizeInBytes: 2 * 2 ** 30, reclaimable: 2 ** 30 },
      containers: { total: 1, active: 1, sizeInBytes: 0, reclaimable: 0 },
      volumes: { total: 0, active: 0, sizeInBytes: 0, reclaimable: 0 },
    },
  },
};

function check(probe: Partial<SetupProbe>, id: string): SetupCheck {
  const found = setupChecks({ ...base, ...probe }).find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

const container = (over: Record<string, unknown> = {}) => ({
  id: 'web',
  state: 'running',
  publishedPorts: 0,
  devContainer: true,
  ...over,
});

describe('doctor: reading the outputs', () => {
  it("reads the CLI's own version from 1.4.1+'s status and nothing from older shapes", () => {
    assert.equal(
      readClientVersion(
        '{"client":{"version":"1.5.0"},"server":{"version":"1.0.0"},"status":"running"}',
      ),
      '1.5.0',
    );
    assert.equal(readClientVersion('{"apiServerVersion":"1.2.2","status":"running"}'), undefined);
    assert.equal(readClientVersion('{"client":{"version":"container CLI 1.5.0"}}'), undefined);
    assert.equal(readClientVersion('apiserver is running'), undefined);
    assert.equal(readClientVersion('{not json'), undefined);
  });

  it('reads the server version from every system status shape', () => {
    const nested =
      '{"client":{"appName":"container","version":"1.5.0"},"server":{"appName":"container-apiserver","version":"1.5.0"},"status":"running"}';
    assert.equal(readServerVersion(nested), '1.5.0');
    const skewed =
      '{"client":{"version":"1.5.0"},"server":{"version":"container-apiserver version 1.0.0 (build: release, commit: ee848e3)"},"status":"running"}';
    assert.equal(
      readServerVersion(skewed),
      'container-apiserver version 1.0.0 (build: release, commit: ee848e3)',
    );
    const flat =
      '{"apiServerVersion":"container-apiserver version 1.2.2 (build: release, commit: 0190097)","status":"running"}';
    assert.match(readServerVersion(flat) ?? '', /1\.2\.2/);
    const table =
      'FIELD VALUE\nstatus running\napiserver.version container-apiserver version 1.2.2 (build: release, commit: 0190097)\n';
    assert.match(readServerVersion(table) ?? '', /version 1\.2\.2/);
    assert.equal(readServerVersion('apiserver is not running'), undefined);
    assert.equal(readServerVersion('{"apiServerVersion":"","status":"unregistered"}'), undefined);
  });

  it('reads the builder from builder status JSON, none as not running', () => {
    assert.deepEqual(readBuilderStatus('[]'), { running: false });
    const builder = JSON.stringify([
      {
        configuration: {
          id: 'buildkit',
          image: { reference: 'ghcr.io/apple/container-builder-shim/builder:0.13.1' },
          resources: { cpus: 2, memoryInBytes: 2 * GIB },
          labels: {},
        },
        status: { state: 'running' },
      },
    ]);
    assert.deepEqual(readBuilderStatus(builder), { running: true, cpus: 2, memoryBytes: 2 * GIB });
  });

  it('reads the version label and the dev-container label from list JSON', () => {
    const list = JSON.stringify([
      {
        configuration: {
          id: 'web',
          image: { reference: 'debian' },
          resources: { cpus: 4, memoryInBytes: 4 * GIB },
          labels: { 'devcontainer.local_folder': '/w', 'slipway.container.version': '1.4.1' },
          publishedPorts: [
            { hostAddress: '127.0.0.1', hostPort: 8080, containerPort: 80, proto: 'tcp' },
          ],
        },
        status: { state: 'running' },
      },
    ]);
    assert.deepEqual(readDoctorContainers(list), [
      {
        id: 'web',
        state: 'running',
        memoryBytes: 4 * GIB,
        createdWith: '1.4.1',
        publishedPorts: 1,
        devContainer: true,
        cpus: 4,
      },
    ]);
  });

  it('finds the builder VM in the list (by its role label), so no `builder status` is needed', () => {
    const list = (state: string) =>
      JSON.stringify([
        {
          configuration: {
            id: 'buildkit',
            image: { reference: 'ghcr.io/apple/container-builder-shim/builder:0.7.0' },
            resources: { cpus: 2, memoryInBytes: 2 * GIB },
            labels: {
              'com.apple.container.plugin': 'builder',
              'com.apple.container.resource.role': 'builder',
            },
          },
          status: { state },
        },
      ]);
    assert.deepEqual(builderFromList(readDoctorContainers(list('running'))), {
      running: true,
      cpus: 2,
      memoryBytes: 2 * GIB,
    });
    assert.deepEqual(builderFromList(readDoctorContainers(list('stopped'))), { running: false });
    assert.deepEqual(builderFromList([]), { running: false });
  });
});

describe('doctor: the checks', () => {
  it('fails on client/server skew, with the restart that fixes it', () => {
    const skew = check(
      { serverVersion: 'container-apiserver version 1.0.0 (build: release, commit: ee848e3)' },
      'skew',
    );
    assert.equal(skew.status, 'error');
    assert.match(skew.detail, /1\.5\.0 but the service still runs 1\.0\.0/);
    assert.deepEqual(skew.actions, [
      { label: 'Restart Container System', command: 'slipway.restartSystem' },
    ]);
    assert.equal(check({}, 'skew').status, 'ok');
    assert.equal(check({ service: { running: false } }, 'skew').status, 'skipped');
  });

  it('names containers created by an older release, with Rebuild', () => {
    const stale = check({ containers: [container({ createdWith: '1.4.1' })] }, 'stale');
    assert.equal(stale.status, 'warning');
    assert.match(stale.detail, /web \(1\.4\.1\)/);
    assert.equal(stale.actions[0]?.label, 'Rebuild Container');
    const unknown = check({ containers: [container()] }, 'stale');
    assert.equal(unknown.status, 'ok');
    assert.match(unknown.detail, /1 created before Slipway recorded it/);
  });

  it('calls the kernel installed only when a container runs on it', () => {
    assert.match(check({ containers: [container()] }, 'kernel').detail, /^Installed/);
    assert.match(check({}, 'kernel').detail, /^Not confirmed/);
    assert.equal(check({ service: { running: false } }, 'kernel').status, 'skipped');
  });

  it("warns about a builder at Apple's default size, with the bigger restart", () => {
    const small = check({ builder: { running: true, cpus: 2, memoryBytes: 2 * GIB } }, 'builder');
    assert.equal(small.status, 'warning');
    assert.match(small.fix ?? '', /container builder start --cpus 4 --memory 8G/);
    assert.deepEqual(small.actions, [
      { label: 'Restart Builder with 4 CPUs, 8 GB', command: 'slipway.restartBuilder' },
    ]);
    const big = check({ builder: { running: true, cpus: 8, memoryBytes: 16 * GIB } }, 'builder');
    assert.equal(big.status, 'ok');
    assert.equal(big.detail, 'Running with 8 CPUs, 16 GiB');
    assert.equal(check({ builder: { error: 'timed out' } }, 'builder').status, 'warning');
  });

  it('weighs running containers against the Mac, warning before it overcommits', () => {
    const fits = check({ containers: [container({ memoryBytes: 4 * GIB })] }, 'memory');
    assert.equal(fits.status, 'ok');
    assert.equal(fits.detail, '1 running container holds 4 GiB of 16 GiB.');
    const tight = check(
      {
        containers: [
          container({ memoryBytes: 8 * GIB }),
          container({ id: 'db', memoryBytes: 6 * GIB }),
          container({ id: 'off', state: 'stopped', memoryBytes: 8 * GIB }),
        ],
      },
      'memory',
    );
    assert.equal(tight.status, 'warning');
    assert.match(tight.detail, /14 GiB of this Mac's 16 GiB \(88%\)/);
    const over = check({ containers: [container({ memoryBytes: 20 * GIB })] }, 'memory');
    assert.equal(over.status, 'error');
    assert.equal(overcommitWarning(4 * GIB, 4 * GIB, 16 * GIB), undefined);
    assert.match(
      overcommitWarning(8 * GIB, 8 * GIB, 16 * GIB) ?? '',
      /16 GiB of this Mac's 16 GiB/,
    );
  });

  it('shows disk use and what frees it, offering container clean only from 1.4.1', () => {
    const running = {
      containers: [container({ id: 'web' }), container({ id: 'buildkit', builder: true })],
    };
    const today = check(running, 'disk');
    assert.equal(today.status, 'ok');
    assert.match(
      today.detail,
      /^2 GiB used, 1 GiB reclaimable: images 2 GiB \(1 GiB reclaimable\)/,
    );
    assert.match(today.detail, /`container image prune -a`/);
    // The builder VM is Apple's own: clean names only the user's running containers.
    assert.match(today.detail, /`container clean web` returns/);
    const old = check(
      { ...running, cli: { found: true, path: '/usr/local/bin/container', version: '1.3.1' } },
      'disk',
    );
    assert.doesNotMatch(old.detail, /container clean/);
    assert.equal(check({ disk: { error: 'not implemented' } }, 'disk').status, 'skipped');
  });

  it('warns with the fix when much is reclaimable, per release', () => {
    const usage = (over: Partial<ResourceUsage>): ResourceUsage => ({
      total: 2,
      active: 1,
      sizeInBytes: 20 * GIB,
      reclaimable: 0,
      ...over,
    });
    const disk = {
      usage: {
        images: usage({}),
        containers: usage({ reclaimable: 12 * GIB }),
        volumes: usage({ reclaimable: GIB }),
      },
    };
    const today = check({ disk }, 'disk');
    assert.equal(today.status, 'warning');
    assert.equal(
      today.fix,
      'Free 13 GiB: `container prune` removes stopped containers; `container volume prune` removes volumes no container mounts.',
    );
    // `container prune` arrived in 0.9.
    const v08 = check(
      { disk, cli: { found: true, path: '/usr/local/bin/container', version: '0.8.0' } },
      'disk',
    );
    assert.match(v08.fix ?? '', /`container delete <ids>` removes stopped containers/);
    // Below the bound it is only information.
    const small = { usage: { ...disk.usage, containers: usage({ reclaimable: 2 * GIB }) } };
    assert.equal(check({ disk: small }, 'disk').status, 'ok');
    assert.ok(RECLAIMABLE_WARN_BYTES > 3 * GIB);
  });

  it('says system df is missing before 0.7 instead of showing its parse error', () => {
    const old = check(
      {
        cli: { found: true, path: '/usr/local/bin/container', version: '0.6.0' },
        disk: { error: "Unexpected argument 'df'" },
      },
      'disk',
    );
    assert.equal(old.status, 'skipped');
    assert.match(old.detail, /container 0\.6\.0 has no `system df` \(it arrived in 0\.7\.0\)/);
  });

  it('warns that a Homebrew install can miss the Local Network permission', () => {
    const brew = check(
      { cli: { found: true, path: '/opt/homebrew/bin/container', version: '1.5.0' } },
      'network',
    );
    assert.equal(brew.status, 'warning');
    assert.match(brew.fix ?? '', /Local Network/);
    assert.equal(check({}, 'network').status, 'ok');
  });

  it('reports a failed DNS probe as failed, never as passed', () => {
    const failed = check(
      { dns: { container: 'web', ok: false, detail: 'exit 1: bad address github.com' } },
      'dns',
    );
    assert.equal(failed.status, 'warning');
    assert.match(failed.detail, /^Failed or unknown from web/);
    assert.equal(check({}, 'dns').status, 'skipped');
    assert.equal(
      check({ dns: { container: 'web', ok: true, detail: '1.2.3.4 github.com' } }, 'dns').status,
      'ok',
    );
  });

  it('leaves the editor extension to the editor in slipway doctor', () => {
    const ssh = check({ fromCli: true, sshExtension: undefined }, 'ssh');
    assert.equal(ssh.status, 'skipped');
  });
});
