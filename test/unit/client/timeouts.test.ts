import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { versionCommand } from '../../../src/core/client/cliVersion';
import {
  deleteCommand,
  inspectCommand,
  inspectJsonCommand,
  killCommand,
  listCommand,
  logsCommand,
  startCommand,
  stopCommand,
} from '../../../src/core/client/containerCommands';
import {
  builderStartCommand,
  builderStatusCommand,
  builderStopCommand,
  dnsProbeCommand,
  doctorListCommand,
  systemDfCommand,
  systemStopCommand,
} from '../../../src/core/client/doctorCommands';
import { imageInspectCommand, imagePullCommand } from '../../../src/core/client/imageCommands';
import { commandFromArgv } from '../../../src/core/client/planCommand';
import { statsCommand } from '../../../src/core/client/statsCommand';
import { systemStartCommand, systemStatusCommand } from '../../../src/core/client/systemCommands';
import { hookIdleMs, TIMEOUTS } from '../../../src/core/client/timeouts';
import type { ContainerCommand } from '../../../src/core/client/types';

describe('hook idle bound', () => {
  it('defaults to a generous 10 minutes of silence', () => {
    assert.equal(TIMEOUTS.hookIdle, 600_000);
    assert.equal(hookIdleMs(undefined), 600_000);
  });

  it('takes SLIPWAY_HOOK_IDLE_SECONDS when it is a positive number, the default otherwise', () => {
    assert.equal(hookIdleMs('1800'), 1_800_000);
    assert.equal(hookIdleMs('2.5'), 2_500);
    for (const bad of ['', '0', '-5', 'ten']) {
      assert.equal(hookIdleMs(bad), 600_000, bad);
    }
  });
});

describe('every `container` call has a bound (issue 13 §4 audit)', () => {
  it('bounds each call that never downloads', () => {
    const bounded: Array<[string, ContainerCommand<unknown>]> = [
      ['list', listCommand()],
      ['inspect', inspectCommand(['c'])],
      ['inspect json', inspectJsonCommand('c')],
      ['start', startCommand('c')],
      ['stop', stopCommand('c')],
      ['kill', killCommand('c')],
      ['delete', deleteCommand('c', { force: true })],
      ['logs', logsCommand('c', { lines: 50 })],
      ['logs --boot', logsCommand('c', { boot: true })],
      ['system status', systemStatusCommand()],
      ['system stop', systemStopCommand()],
      ['stats', statsCommand(['c'])],
      ['image inspect', imageInspectCommand('alpine')],
      ['--version', versionCommand()],
      ['builder status', builderStatusCommand()],
      ['builder stop', builderStopCommand()],
      ['doctor list', doctorListCommand()],
      ['system df', systemDfCommand()],
      ['dns probe', dnsProbeCommand('c')],
      ['network list (planned)', commandFromArgv(['network', 'list', '--format', 'json'])],
    ];
    for (const [name, command] of bounded) {
      assert.ok((command.timeoutMs ?? 0) > 0, `${name} has no time limit`);
    }
  });

  it('leaves unbounded only what may download, which the user cancels', () => {
    // Kernel install, image pulls, the builder image: their time is the network's.
    for (const command of [
      systemStartCommand(),
      imagePullCommand('alpine'),
      builderStartCommand(),
    ]) {
      assert.equal(command.timeoutMs, undefined, command.args.join(' '));
    }
  });
});
