import {
  builderStatusCommand,
  dnsProbeCommand,
  doctorListCommand,
  systemDfCommand,
} from '../core/client/doctorCommands';
import {
  cliVersionError,
  MINIMUM_CONTAINER_VERSION,
  versionCommand,
} from '../core/client/cliVersion';
import { systemStatusCommand } from '../core/client/systemCommands';
import { isContainerCliError, type ContainerRunner } from '../core/client/types';
import type { SetupProbe } from '../core/view/checkSetup';
import { readServerVersion } from '../core/view/doctorProbe';
import { readHostInfo } from './hostInfo';

/**
 * Probes this machine for Check Setup and `slipway doctor`: the host, then
 * `container --version`, then every service question at once (status,
 * builder, containers, disk), then a DNS probe inside one running dev
 * container. A failed call becomes that check's finding, never the doctor's.
 */

export interface ProbeRunner extends ContainerRunner {
  executable(): Promise<string>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function settle<T>(promise: Promise<T>): Promise<T | { error: string }> {
  try {
    return await promise;
  } catch (error) {
    return { error: message(error) };
  }
}

async function probeService(
  runner: ProbeRunner,
  version: string | undefined,
  signal?: AbortSignal,
) {
  const status = systemStatusCommand(version === undefined ? {} : { cliVersion: version });
  try {
    // The stdout is read twice: the shared parser for running, ours for the server's version.
    const result = await runner.run(
      {
        ...status,
        parse: (stdout, outcome) => ({
          status: status.parse(stdout, outcome),
          serverVersion: readServerVersion(stdout),
        }),
      },
      { signal },
    );
    return {
      service: {
        running: result.status.running,
        status: result.status.status,
        detail: result.status.detail,
      },
      serverVersion: result.serverVersion,
    };
  } catch (error) {
    const service: SetupProbe['service'] =
      isContainerCliError(error) && error.kind === 'serviceNotRunning'
        ? { running: false, detail: error.message }
        : { error: message(error) };
    return { service, serverVersion: undefined };
  }
}

export async function probeSetup(
  runner: ProbeRunner,
  options: { sshExtension?: string; fromCli?: boolean; signal?: AbortSignal } = {},
): Promise<SetupProbe> {
  const { signal } = options;
  const host = await readHostInfo();
  const probe: SetupProbe = {
    platform: host.platform,
    arch: host.arch,
    ...(host.osVersion !== undefined ? { osVersion: host.osVersion } : {}),
    ...(host.chip !== undefined ? { chip: host.chip } : {}),
    hostMemoryBytes: host.memoryBytes,
    cli: { found: false, message: '' },
    ...(options.sshExtension !== undefined ? { sshExtension: options.sshExtension } : {}),
    ...(options.fromCli === true ? { fromCli: true } : {}),
    minimumVersion: MINIMUM_CONTAINER_VERSION,
  };
  let path: string;
  try {
    path = await runner.executable();
  } catch (error) {
    return { ...probe, cli: { found: false, message: message(error) } };
  }
  let version: string | undefined;
  let versionProblem: string | undefined;
  try {
    version = await runner.run(versionCommand(), { signal });
    versionProblem = cliVersionError(version)?.message;
  } catch (error) {
    versionProblem = message(error);
  }
  probe.cli = {
    found: true,
    path,
    ...(version !== undefined ? { version } : {}),
    ...(versionProblem !== undefined && version === undefined ? { error: versionProblem } : {}),
  };
  const [service, builder, containers, disk] = await Promise.all([
    probeService(runner, version, signal),
    settle(runner.run(builderStatusCommand(), { signal })),
    settle(runner.run(doctorListCommand(), { signal })),
    settle(runner.run(systemDfCommand(), { signal })),
  ]);
  probe.service = service.service;
  if (service.serverVersion !== undefined) {
    probe.serverVersion = service.serverVersion;
  }
  if (!('running' in service.service && service.service.running)) {
    // The other answers only repeat that the service is down.
    return probe;
  }
  probe.builder = builder;
  probe.containers = containers;
  probe.disk = typeof disk === 'string' ? { text: disk } : disk;
  const target = Array.isArray(containers)
    ? containers.find((c) => c.devContainer && c.state === 'running')
    : undefined;
  if (target !== undefined) {
    const answer = await settle(runner.run(dnsProbeCommand(target.id), { signal }));
    probe.dns =
      typeof answer === 'string' && answer !== ''
        ? { container: target.id, ok: true, detail: answer.split('\n')[0] ?? answer }
        : {
            container: target.id,
            ok: false,
            detail: typeof answer === 'string' ? 'no answer' : answer.error,
          };
  }
  return probe;
}
