import {
  DNS_PROBE_TIMEOUT_MS,
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
import {
  builderFromList,
  readClientVersion,
  readServerVersion,
  type DnsProbe,
  type DoctorContainer,
} from '../core/view/doctorProbe';
import { readHostInfo } from './hostInfo';

/**
 * Probes this machine for Check Setup and `slipway doctor`: the host and
 * every `container` question at once (status, containers with the builder
 * among them, disk), a DNS probe inside one running dev container as soon
 * as the list names one, and `container --version` only when the status did
 * not say it (before 1.4.1). A failed call becomes that check's finding, never the doctor's.
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
    // The stdout is read thrice: the shared parser for running, ours for the versions.
    const result = await runner.run(
      {
        ...status,
        parse: (stdout, outcome) => ({
          status: status.parse(stdout, outcome),
          serverVersion: readServerVersion(stdout),
          clientVersion: readClientVersion(stdout),
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
      clientVersion: result.clientVersion,
    };
  } catch (error) {
    const service: SetupProbe['service'] =
      isContainerCliError(error) && error.kind === 'serviceNotRunning'
        ? { running: false, detail: error.message }
        : { error: message(error) };
    return { service, serverVersion: undefined, clientVersion: undefined };
  }
}

/** Resolves DNS inside the first running dev container, if one runs. */
async function probeDns(
  runner: ProbeRunner,
  containers: DoctorContainer[] | { error: string },
  signal?: AbortSignal,
): Promise<DnsProbe | undefined> {
  const target = Array.isArray(containers)
    ? containers.find((c) => c.devContainer && c.state === 'running')
    : undefined;
  if (target === undefined) {
    return undefined;
  }
  try {
    const answer = await runner.run(dnsProbeCommand(target.id), { signal });
    return answer !== ''
      ? { container: target.id, ok: true, detail: answer.split('\n')[0] ?? answer }
      : { container: target.id, ok: false, detail: 'no answer' };
  } catch (error) {
    const detail =
      isContainerCliError(error) && error.kind === 'timeout'
        ? `no answer within ${DNS_PROBE_TIMEOUT_MS / 1000} s: the resolver or the way out is slow or blocked`
        : message(error);
    return { container: target.id, ok: false, detail };
  }
}

/** Every `container` question that needs no other's answer, started at once. */
function askAll(runner: ProbeRunner, signal?: AbortSignal) {
  const containers = settle(runner.run(doctorListCommand(), { signal }));
  return {
    // Today's form of `system status`, without waiting for the version: only
    // a release older than 0.10 needs the plain form, and then it is asked again.
    status: probeService(runner, undefined, signal),
    containers,
    disk: settle(runner.run(systemDfCommand(), { signal })),
    // The DNS probe needs only the list, not the other answers.
    dns: containers.then((list) => probeDns(runner, list, signal)),
  };
}

export async function probeSetup(
  runner: ProbeRunner,
  options: { sshExtension?: string; fromCli?: boolean; signal?: AbortSignal } = {},
): Promise<SetupProbe> {
  const { signal } = options;
  // On the Mac each `container` call costs a process start and an XPC round
  // trip: in sequence they add up to seconds, in parallel to the slowest one.
  const hostInfo = readHostInfo();
  const path = await settle(runner.executable());
  const located = typeof path === 'string' ? { path, asked: askAll(runner, signal) } : path;
  const host = await hostInfo;
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
  if ('error' in located) {
    // Nothing else can apply without the CLI.
    return { ...probe, cli: { found: false, message: located.error } };
  }
  const { asked } = located;
  const status = await asked.status;
  // 1.4.1+ says the CLI's version in its status; older ones are asked.
  const answer = status.clientVersion ?? (await settle(runner.run(versionCommand(), { signal })));
  const version = typeof answer === 'string' ? answer : undefined;
  const versionProblem =
    typeof answer === 'string' ? cliVersionError(answer)?.message : answer.error;
  probe.cli = {
    found: true,
    path: located.path,
    ...(version !== undefined ? { version } : {}),
    ...(versionProblem !== undefined && version === undefined ? { error: versionProblem } : {}),
  };
  const needsPlainStatus =
    version !== undefined &&
    systemStatusCommand({ cliVersion: version }).args.join(' ') !==
      systemStatusCommand().args.join(' ');
  const [service, containers, disk, dns] = await Promise.all([
    needsPlainStatus ? probeService(runner, version, signal) : status,
    asked.containers,
    asked.disk,
    asked.dns,
  ]);
  probe.service = service.service;
  if (service.serverVersion !== undefined) {
    probe.serverVersion = service.serverVersion;
  }
  if (!('running' in service.service && service.service.running)) {
    // The other answers only repeat that the service is down.
    return probe;
  }
  // The builder is in the list (reference §4.1): no `builder status` call of its own.
  probe.builder = Array.isArray(containers) ? builderFromList(containers) : containers;
  probe.containers = containers;
  probe.disk = disk;
  if (dns !== undefined) {
    probe.dns = dns;
  }
  return probe;
}
