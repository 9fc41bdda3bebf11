import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINIMUM_CONTAINER_VERSION } from '../../../src/core/client/cliVersion';
import {
  FIX_COMMANDS,
  SETUP_RULES,
  setupChecks,
  setupReport,
  setupSummary,
  type SetupCheck,
  type SetupProbe,
} from '../../../src/core/view/checkSetup';

const healthy: SetupProbe = {
  platform: 'darwin',
  arch: 'arm64',
  osVersion: '26.1',
  chip: 'Apple M3 Pro',
  cli: { found: true, path: '/usr/local/bin/container', version: '1.2.2' },
  service: { running: true, status: 'running' },
  sshExtension: 'ms-vscode-remote.remote-ssh',
  minimumVersion: MINIMUM_CONTAINER_VERSION,
  serverVersion: '1.2.2',
  builder: { running: false },
  containers: [],
  hostMemoryBytes: 32 * 2 ** 30,
  disk: {
    usage: {
      images: { total: 3, active: 1, sizeInBytes: 2 * 2 ** 30, reclaimable: 2 ** 30 },
      containers: { total: 1, active: 1, sizeInBytes: 0, reclaimable: 0 },
      volumes: { total: 0, active: 0, sizeInBytes: 0, reclaimable: 0 },
    },
  },
  dns: { container: 'web', ok: true, detail: '140.82.121.4 github.com' },
};

function check(probe: Partial<SetupProbe>, id: SetupCheck['id']): SetupCheck {
  const found = setupChecks({ ...healthy, ...probe }).find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

describe('Check Setup', () => {
  it('passes everything on a ready Mac, in a fixed order', () => {
    const checks = setupChecks(healthy);
    assert.deepEqual(
      checks.map((c) => [c.id, c.status]),
      [
        ['os', 'ok'],
        ['chip', 'ok'],
        ['cli', 'ok'],
        ['version', 'ok'],
        ['service', 'ok'],
        ['skew', 'ok'],
        ['kernel', 'ok'],
        ['stale', 'ok'],
        ['builder', 'ok'],
        ['memory', 'ok'],
        ['disk', 'ok'],
        ['network', 'ok'],
        ['dns', 'ok'],
        ['ssh', 'ok'],
      ],
    );
    assert.equal(checks[0]!.detail, 'macOS 26.1');
    assert.equal(checks[1]!.detail, 'Apple M3 Pro');
    assert.equal(checks[2]!.detail, '/usr/local/bin/container');
    assert.equal(checks[3]!.detail, `1.2.2 (Slipway needs ${MINIMUM_CONTAINER_VERSION} or newer)`);
    assert.equal(checks[4]!.detail, 'Running (running)');
    assert.equal(checks.at(-1)!.detail, 'ms-vscode-remote.remote-ssh');
    assert.ok(checks.every((c) => c.fix === undefined && c.actions.length === 0));
    assert.ok(
      checks.every((c) => /^[A-Z].*\.$/.test(c.why)),
      'one sentence why each matters',
    );
  });

  describe('the machine', () => {
    it('warns on another OS, but says Slipway can still drive a stand-in', () => {
      const os = check({ platform: 'linux', arch: 'x64' }, 'os');
      assert.equal(os.status, 'warning');
      assert.equal(
        os.detail,
        "Apple's container runs on macOS 26 on Apple silicon; this machine is linux. Slipway can still drive a compatible container command on PATH (for example a test stand-in).",
      );
      assert.equal(check({ platform: 'linux', arch: 'x64' }, 'chip').status, 'skipped');
      assert.equal(check({ platform: 'win32', arch: 'arm64' }, 'chip').status, 'skipped');
    });

    it('warns on macOS before 26, whose networking is limited', () => {
      const os = check({ osVersion: '15.6.1' }, 'os');
      assert.equal(os.status, 'warning');
      assert.match(os.detail, /^macOS 15\.6\.1: container 0\.x runs on macOS 15 with limits/);
      assert.match(os.detail, /networking features need macOS 26/);
      assert.ok(os.fix);
      assert.equal(check({ osVersion: '27.0' }, 'os').status, 'ok');
    });

    it('warns when the macOS version could not be read', () => {
      assert.equal(check({ osVersion: undefined }, 'os').status, 'warning');
      assert.equal(check({ osVersion: 'unknown' }, 'os').status, 'warning');
    });

    it('fails on an Intel Mac', () => {
      const chip = check({ arch: 'x64', chip: 'Intel Core i9' }, 'chip');
      assert.equal(chip.status, 'error');
      assert.match(chip.detail, /Intel Core i9; Apple's container runs only on Apple silicon/);
      assert.equal(check({ arch: 'x64', chip: undefined }, 'chip').detail.includes('x64'), true);
      assert.equal(check({ chip: undefined }, 'chip').detail, 'Apple silicon (arm64)');
    });
  });

  describe('the container CLI', () => {
    const missing: Partial<SetupProbe> = {
      cli: { found: false, message: 'container is not on PATH.' },
    };

    it('fails when it is missing, and skips what needs it', () => {
      const cli = check(missing, 'cli');
      assert.equal(cli.status, 'error');
      assert.equal(cli.detail, 'container is not on PATH.');
      assert.equal(
        cli.fix,
        'Install container from https://github.com/apple/container/releases (the signed .pkg), or set `slipway.containerPath`',
      );
      assert.equal(check(missing, 'version').status, 'skipped');
      assert.equal(check(missing, 'service').status, 'skipped');
    });

    it('fails on a version older than the minimum, with the update', () => {
      const version = check(
        { cli: { found: true, path: '/c', version: '0.4.1' }, minimumVersion: '0.5.0' },
        'version',
      );
      assert.equal(version.status, 'error');
      assert.equal(
        version.detail,
        'container 0.4.1 is older than 0.5.0, the oldest Slipway drives.',
      );
      assert.equal(
        version.fix,
        'Install container 0.5.0 or newer from https://github.com/apple/container/releases.',
      );
    });

    it('explains 0.0.0, a build without a version number', () => {
      const version = check({ cli: { found: true, path: '/c', version: '0.0.0' } }, 'version');
      assert.equal(version.status, 'error');
      assert.match(version.detail, /0\.0\.0 \(a build without a version number\)/);
    });

    it('accepts the minimum itself and newer prereleases', () => {
      const at = (version: string): string =>
        check({ cli: { found: true, path: '/c', version }, minimumVersion: '0.5.0' }, 'version')
          .status;
      assert.equal(at('0.5.0'), 'ok');
      assert.equal(at('1.0.0-rc.1'), 'ok');
      assert.equal(at('0.5.0-rc.1'), 'error');
    });

    it('warns when the version is unreadable', () => {
      const noVersion = check({ cli: { found: true, path: '/c' } }, 'version');
      assert.equal(noVersion.status, 'warning');
      assert.equal(
        noVersion.detail,
        'Could not read the version (container --version gave no version).',
      );
      const garbled = check({ cli: { found: true, path: '/c', version: 'banana' } }, 'version');
      assert.equal(garbled.status, 'warning');
      assert.match(garbled.detail, /"banana"/);
      const failed = check(
        { cli: { found: true, path: '/c', error: 'timed out after 10 s' } },
        'version',
      );
      assert.equal(failed.detail, 'Could not read the version (timed out after 10 s).');
    });
  });

  describe('the container system service', () => {
    it('fails when it is stopped, with the command that starts it', () => {
      const service = check(
        { service: { running: false, status: 'stopped', detail: 'apiserver is not running' } },
        'service',
      );
      assert.equal(service.status, 'error');
      assert.equal(service.detail, 'Not running (stopped: apiserver is not running).');
      assert.equal(service.fix, 'Run Slipway: Start Container System');
      assert.deepEqual(service.actions, [
        { label: 'Start Container System', command: 'slipway.startSystem' },
      ]);
      assert.equal(check({ service: { running: false } }, 'service').detail, 'Not running.');
    });

    it('warns when asking failed', () => {
      const service = check({ service: { error: 'XPC connection interrupted' } }, 'service');
      assert.equal(service.status, 'warning');
      assert.match(service.detail, /XPC connection interrupted/);
    });

    it('skips it when it was not probed', () => {
      assert.equal(check({ service: undefined }, 'service').status, 'skipped');
    });
  });

  it('warns without Remote - SSH', () => {
    const ssh = check({ sshExtension: undefined }, 'ssh');
    assert.equal(ssh.status, 'warning');
    assert.equal(ssh.fix, 'Install Remote - SSH (ms-vscode-remote.remote-ssh).');
    assert.deepEqual(ssh.actions, [
      {
        label: 'Install Remote - SSH',
        command: 'workbench.extensions.installExtension',
        args: ['ms-vscode-remote.remote-ssh'],
      },
    ]);
  });

  it('offers a button per fix, each running a command the panel allows or opening a web page', () => {
    const broken: SetupProbe[] = [
      { ...healthy, cli: { found: false, message: 'not found' }, sshExtension: undefined },
      { ...healthy, cli: { found: true, path: '/c', version: '0.0.0' } },
      { ...healthy, service: { running: false } },
    ];
    const actions = broken.flatMap((probe) => setupChecks(probe)).flatMap((c) => c.actions);
    assert.ok(actions.length >= 5);
    for (const action of actions) {
      if ('url' in action) {
        assert.match(action.url, /^https:\/\//);
      } else {
        assert.ok(FIX_COMMANDS.includes(action.command), action.command);
      }
    }
    const cli = setupChecks(broken[0]!).find((c) => c.id === 'cli');
    assert.deepEqual(
      cli?.actions.map((a) => a.label),
      ['Install container', 'Set slipway.containerPath'],
    );
  });

  it('takes more rules without changing the rest', () => {
    const extra = (): SetupCheck => ({
      id: 'disk',
      title: 'Disk space',
      status: 'warning',
      detail: '2 GiB free',
      why: 'Images and containers need room.',
      actions: [],
    });
    const checks = setupChecks(healthy, [...SETUP_RULES, extra]);
    assert.equal(checks.length, SETUP_RULES.length + 1);
    assert.equal(checks.at(-1)?.id, 'disk');
    assert.equal(setupSummary(checks), '1 problem');
  });

  describe('setupReport, for the log', () => {
    const row = (over: Partial<SetupCheck>): SetupCheck => ({
      id: 'x',
      title: 'X',
      status: 'ok',
      detail: '',
      why: 'Why.',
      actions: [],
      ...over,
    });

    it('says all checks passed when none warned or failed', () => {
      const report = setupReport(setupChecks(healthy));
      const lines = report.split('\n');
      assert.equal(lines.length, SETUP_RULES.length + 1);
      assert.equal(lines[0], 'ok      macOS: macOS 26.1');
      assert.equal(lines.at(-1), 'All checks passed');
    });

    it('gives each status, puts fixes under problems only, and counts the problems', () => {
      const report = setupReport([
        row({ title: 'macOS', detail: 'macOS 26.1' }),
        row({ title: 'Apple silicon', status: 'skipped', detail: 'Not a Mac.', fix: 'x' }),
        row({ title: 'container CLI', status: 'error', detail: 'missing', fix: 'Install it' }),
        row({ title: 'Remote - SSH', status: 'warning', detail: 'none' }),
      ]);
      assert.equal(
        report,
        [
          'ok      macOS: macOS 26.1',
          'skipped Apple silicon: Not a Mac.',
          'error   container CLI: missing',
          '        Fix: Install it',
          'warning Remote - SSH: none',
          '2 problems',
        ].join('\n'),
      );
    });
  });
});
