import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { timeoutError } from '../../../src/core/client/cliErrors';
import { DNS_PROBE_TIMEOUT_MS, dnsProbeCommand } from '../../../src/core/client/doctorCommands';
import type { CommandOutcome, ContainerCommand } from '../../../src/core/client/types';
import { setupChecks } from '../../../src/core/view/checkSetup';
import { probeSetup, type ProbeRunner } from '../../../src/node/doctorProbe';

const GIB = 2 ** 30;

/** Answers each `container` call from a table keyed by its first words; records what ran and when. */
function fakeRunner(
  answers: Record<string, { stdout: string; exitCode?: number; delayMs?: number } | Error>,
) {
  const started: string[] = [];
  const finished: string[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const runner: ProbeRunner = {
    executable: () => Promise.resolve('/usr/local/bin/container'),
    async run<T>(command: ContainerCommand<T>): Promise<T> {
      const key = Object.keys(answers).find((k) => command.args.join(' ').startsWith(k));
      started.push(command.args.join(' '));
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      const answer =
        key === undefined ? new Error(`unexpected ${command.args.join(' ')}`) : answers[key]!;
      const delay = answer instanceof Error ? 5 : (answer.delayMs ?? 5);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight -= 1;
      finished.push(command.args.join(' '));
      if (answer instanceof Error) {
        throw answer;
      }
      const outcome: CommandOutcome = { exitCode: answer.exitCode ?? 0, stderr: '' };
      return command.parse(answer.stdout, outcome);
    },
    runAttached: () => Promise.reject(new Error('not used')),
  };
  return { runner, started, finished, mostAtOnce: () => mostAtOnce };
}

const devContainer = JSON.stringify([
  {
    configuration: {
      id: 'web',
      image: { reference: 'debian' },
      resources: { cpus: 4, memoryInBytes: 4 * GIB },
      labels: { 'devcontainer.local_folder': '/w' },
    },
    status: { state: 'running' },
  },
]);

const DF_JSON = JSON.stringify({
  containers: { active: 1, reclaimable: 0, sizeInBytes: GIB, total: 1 },
  images: { active: 1, reclaimable: GIB, sizeInBytes: 3 * GIB, total: 3 },
  volumes: { active: 0, reclaimable: 0, sizeInBytes: 0, total: 0 },
});

describe('doctor probe', () => {
  it('asks the service questions at once and reads a skewed 1.5.0 client over a 1.0.0 server', async () => {
    const { runner, started, mostAtOnce } = fakeRunner({
      '--version': { stdout: 'container CLI version 1.5.0 (build: release, commit: d265d66)' },
      'system status': {
        stdout:
          '{"client":{"version":"1.5.0"},"server":{"version":"container-apiserver version 1.0.0 (build: release, commit: ee848e3)"},"status":"running"}',
      },
      'builder status': { stdout: '[]' },
      list: { stdout: devContainer },
      'system df --format json': { stdout: DF_JSON },
      'exec web': new Error('container exec failed with exit code 1: bad address github.com'),
    });
    const probe = await probeSetup(runner, { fromCli: true });
    assert.equal(mostAtOnce(), 3, 'status, list and df run in parallel');
    assert.equal(
      started.some((line) => line.startsWith('builder')),
      false,
      'the builder is read from the list',
    );
    assert.equal(started.includes('--version'), false, '1.4.1+ status says the client version');
    assert.equal(probe.cli.found && probe.cli.version, '1.5.0');
    assert.deepEqual(probe.disk && 'usage' in probe.disk && probe.disk.usage.images, {
      active: 1,
      reclaimable: GIB,
      sizeInBytes: 3 * GIB,
      total: 3,
    });
    assert.equal(started.at(-1)?.startsWith('exec web sh -c'), true);
    const checks = setupChecks(probe);
    const status = (id: string) => checks.find((c) => c.id === id)?.status;
    assert.equal(status('skew'), 'error');
    assert.equal(status('dns'), 'warning');
    assert.match(checks.find((c) => c.id === 'dns')?.detail ?? '', /bad address/);
    assert.equal(status('kernel'), 'ok');
  });

  it('asks nothing more of a stopped service than whether it runs', async () => {
    const { runner } = fakeRunner({
      '--version': { stdout: 'container CLI version 1.2.2 (build: release, commit: 0190097)' },
      'system status': { stdout: 'apiserver is not running', exitCode: 1 },
      'builder status': new Error('XPC connection error'),
      list: new Error('XPC connection error'),
      'system df': new Error('XPC connection error'),
    });
    const probe = await probeSetup(runner);
    assert.deepEqual(probe.service, {
      running: false,
      status: 'not running',
      detail: 'apiserver is not running',
    });
    assert.equal(probe.builder, undefined);
    assert.equal(probe.containers, undefined);
    assert.equal(probe.dns, undefined);
    const service = setupChecks(probe).find((c) => c.id === 'service');
    assert.equal(service?.status, 'error');
  });

  it('asks a release older than 0.10 for the plain status once its version is known', async () => {
    const { runner, started } = fakeRunner({
      '--version': { stdout: 'container CLI version 0.5.0 (build: release, commit: 1a2b3c4)' },
      'system status --format json': new Error('Unknown option --format'),
      'system status': { stdout: 'apiserver is running' },
      'builder status': { stdout: '[]' },
      list: { stdout: '[]' },
      'system df': { stdout: 'TYPE TOTAL' },
    });
    const probe = await probeSetup(runner);
    assert.deepEqual(
      started.filter((line) => line.startsWith('system status') || line === '--version'),
      ['system status --format json', '--version', 'system status'],
    );
    assert.equal(probe.service !== undefined && 'running' in probe.service, true);
    assert.equal(probe.service && 'running' in probe.service && probe.service.running, true);
  });

  it('starts the DNS probe once the list answers, without waiting for the rest', async () => {
    const { runner, finished } = fakeRunner({
      '--version': { stdout: 'container CLI version 1.5.0 (build: release, commit: d265d66)' },
      'system status': {
        stdout: '{"status":"running","client":{"version":"1.5.0"},"server":{"version":"1.5.0"}}',
        delayMs: 60,
      },
      'builder status': { stdout: '[]' },
      list: { stdout: devContainer },
      'system df': { stdout: 'TYPE TOTAL' },
      'exec web': { stdout: '140.82.121.4    github.com' },
    });
    const probe = await probeSetup(runner, { fromCli: true });
    assert.equal(finished.at(-1), 'system status --format json');
    assert.equal(finished.length, 4);
    assert.equal(probe.dns?.ok, true);
    assert.equal(probe.dns?.detail, '140.82.121.4    github.com');
  });

  it('does not ask the service anything when the CLI is missing', async () => {
    const { runner, started } = fakeRunner({});
    const missing: ProbeRunner = {
      ...runner,
      executable: () => Promise.reject(new Error('container was not found on PATH')),
    };
    const probe = await probeSetup(missing);
    assert.deepEqual(started, []);
    assert.deepEqual(probe.cli, { found: false, message: 'container was not found on PATH' });
  });

  it('bounds the DNS probe at 2 s and says a timeout plainly', async () => {
    assert.equal(dnsProbeCommand('web').timeoutMs, DNS_PROBE_TIMEOUT_MS);
    assert.equal(DNS_PROBE_TIMEOUT_MS <= 2_000, true);
    const { runner } = fakeRunner({
      '--version': { stdout: 'container CLI version 1.5.0 (build: release, commit: d265d66)' },
      'system status': { stdout: '{"status":"running","server":{"version":"1.5.0"}}' },
      'builder status': { stdout: '[]' },
      list: { stdout: devContainer },
      'system df': { stdout: 'TYPE TOTAL' },
      'exec web': timeoutError(['exec', 'web'], DNS_PROBE_TIMEOUT_MS, '', true),
    });
    const probe = await probeSetup(runner, { fromCli: true });
    assert.equal(probe.dns?.ok, false);
    assert.match(probe.dns?.detail ?? '', /^no answer within 2 s/);
  });
});
