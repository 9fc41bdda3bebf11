import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { CommandOutcome, ContainerCommand } from '../../../src/core/client/types';
import { setupChecks } from '../../../src/core/view/checkSetup';
import { probeSetup, type ProbeRunner } from '../../../src/node/doctorProbe';

const GIB = 2 ** 30;

/** Answers each `container` call from a table keyed by its first words; records what ran and when. */
function fakeRunner(answers: Record<string, { stdout: string; exitCode?: number } | Error>) {
  const started: string[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const runner: ProbeRunner = {
    executable: () => Promise.resolve('/usr/local/bin/container'),
    async run<T>(command: ContainerCommand<T>): Promise<T> {
      const key = Object.keys(answers).find((k) => command.args.join(' ').startsWith(k));
      started.push(command.args.join(' '));
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      const answer =
        key === undefined ? new Error(`unexpected ${command.args.join(' ')}`) : answers[key]!;
      if (answer instanceof Error) {
        throw answer;
      }
      const outcome: CommandOutcome = { exitCode: answer.exitCode ?? 0, stderr: '' };
      return command.parse(answer.stdout, outcome);
    },
    runAttached: () => Promise.reject(new Error('not used')),
  };
  return { runner, started, mostAtOnce: () => mostAtOnce };
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
      'system df': { stdout: 'TYPE TOTAL\nImages 3' },
      'exec web': new Error('container exec failed with exit code 1: bad address github.com'),
    });
    const probe = await probeSetup(runner, { fromCli: true });
    assert.equal(mostAtOnce(), 4, 'status, builder, list and df run in parallel');
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
});
