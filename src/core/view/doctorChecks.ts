import * as semver from 'semver';
import { CONTAINER_RELEASES_URL } from '../client/classifyFailure';
import { describeSize, GIB } from '../plan/sizes';
import type { SetupCheck, SetupProbe } from './checkSetup';
import { diskCheck } from './diskCheck';
import { versionNumber, type DoctorContainer } from './doctorProbe';

/**
 * The checks for Apple's known traps (reference §7): version skew, stale
 * containers, the builder VM, the memory budget, disk, Local Network and DNS.
 * Each reads only the probe, so it is tested from fixtures.
 */

/** Apple's builder default (`builder start`): 2 CPUs, 2048 MB. */
const BUILDER_DEFAULT_CPUS = 2;
const BUILDER_DEFAULT_MEMORY = 2 * GIB;
/** Running containers' memory above this share of the Mac's leaves macOS little room. */
const MEMORY_WARN_SHARE = 0.75;

const WHY = {
  skew: 'After an upgrade the old service keeps running, and commands misbehave until it restarts.',
  stale:
    'Containers created by an older release keep its guest agent, so copying into them fails until they are recreated.',
  kernel: 'Every container boots the Linux kernel the service installs on its first start.',
  builder:
    'Images are built in a builder VM that starts with 2 CPUs and 2 GB, too small for big builds.',
  memory:
    "Each container's memory is reserved for its VM and not returned to macOS, so together they can exhaust the Mac.",
  network:
    'Published ports reach the container only if macOS lets container-runtime-linux use the Local Network.',
  dns: 'Package installs and clones inside the container need its DNS and a way out to the internet.',
} as const;

function skipped(id: string, title: string, why: string, detail: string): SetupCheck {
  return { id, title, why, status: 'skipped', detail, actions: [] };
}

function running(probe: SetupProbe): DoctorContainer[] | undefined {
  const { containers } = probe;
  return Array.isArray(containers) ? containers.filter((c) => c.state === 'running') : undefined;
}

function serviceUp(probe: SetupProbe): boolean {
  return probe.service !== undefined && 'running' in probe.service && probe.service.running;
}

export function skewCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'skew', title: 'Client and service versions', why: WHY.skew };
  const client = probe.cli.found ? semver.valid(probe.cli.version ?? '') : null;
  const server = versionNumber(probe.serverVersion);
  if (!serviceUp(probe) || client === null || server === undefined) {
    return skipped(base.id, base.title, base.why, 'Needs the running service and both versions.');
  }
  if (server !== client) {
    return {
      ...base,
      status: 'error',
      detail: `The container command is ${client} but the service still runs ${server}.`,
      fix: 'Restart the service: `container system stop`, then `container system start` (running containers stop).',
      actions: [{ label: 'Restart Container System', command: 'slipway.restartSystem' }],
    };
  }
  return { ...base, status: 'ok', detail: `Both ${client}`, actions: [] };
}

export function staleContainersCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'stale', title: 'Containers from older releases', why: WHY.stale };
  const server = versionNumber(probe.serverVersion);
  if (!Array.isArray(probe.containers) || server === undefined) {
    return skipped(base.id, base.title, base.why, 'Needs the running service and its containers.');
  }
  const stale = probe.containers.filter(
    (c) => c.createdWith !== undefined && versionNumber(c.createdWith) !== server,
  );
  if (stale.length > 0) {
    const names = stale.map((c) => `${c.id} (${c.createdWith ?? '?'})`).join(', ');
    return {
      ...base,
      status: 'warning',
      detail: `Created by an older release than the service's ${server}: ${names}.`,
      fix: 'Rebuild each of them (Slipway: Rebuild Container, or `slipway up --remove-existing-container`).',
      actions: [{ label: 'Rebuild Container', command: 'slipway.rebuild' }],
    };
  }
  const unknown = probe.containers.filter((c) => c.devContainer && c.createdWith === undefined);
  const note =
    unknown.length === 0 ? '' : ` (${unknown.length} created before Slipway recorded it)`;
  return { ...base, status: 'ok', detail: `None older than ${server}${note}`, actions: [] };
}

export function kernelCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'kernel', title: 'Linux kernel', why: WHY.kernel };
  if (!serviceUp(probe)) {
    return {
      ...base,
      status: 'skipped',
      detail: 'Needs the running service; starting it installs the kernel.',
      actions: [],
    };
  }
  if ((running(probe) ?? []).length > 0) {
    return {
      ...base,
      status: 'ok',
      detail: 'Installed (a container is running on it).',
      actions: [],
    };
  }
  // Apple has no command that reports the kernel: say what is known, no more.
  return {
    ...base,
    status: 'ok',
    detail:
      'Not confirmed: no container is running. Slipway starts the service with --enable-kernel-install, which installs it.',
    actions: [],
  };
}

export function builderCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'builder', title: 'Builder VM', why: WHY.builder };
  const { builder } = probe;
  if (builder === undefined) {
    return skipped(base.id, base.title, base.why, 'Needs the running service.');
  }
  if ('error' in builder) {
    return { ...base, status: 'warning', detail: `Could not ask: ${builder.error}`, actions: [] };
  }
  if (!builder.running) {
    return {
      ...base,
      status: 'ok',
      detail: `Not running; the next build starts it with ${BUILDER_DEFAULT_CPUS} CPUs and 2 GB unless started bigger.`,
      actions: [],
    };
  }
  const cpus = builder.cpus ?? BUILDER_DEFAULT_CPUS;
  const memory = builder.memoryBytes ?? BUILDER_DEFAULT_MEMORY;
  const size = `${cpus} CPUs, ${describeSize(memory)}`;
  if (cpus <= BUILDER_DEFAULT_CPUS && memory <= BUILDER_DEFAULT_MEMORY) {
    return {
      ...base,
      status: 'warning',
      detail: `Running with Apple's default ${size}; big builds crawl or fail.`,
      fix: 'Restart it bigger: `container builder stop`, then `container builder start --cpus 4 --memory 8G`.',
      actions: [{ label: 'Restart Builder with 4 CPUs, 8 GB', command: 'slipway.restartBuilder' }],
    };
  }
  return { ...base, status: 'ok', detail: `Running with ${size}`, actions: [] };
}

/**
 * Memory of the running containers, plus `addingBytes` about to start,
 * against the Mac's: a warning message when it would overcommit, else
 * undefined. Shared with the engine so `up` can warn before a start.
 */
export function overcommitWarning(
  runningBytes: number,
  addingBytes: number,
  hostBytes: number,
): string | undefined {
  const total = runningBytes + addingBytes;
  if (hostBytes <= 0 || total <= hostBytes * MEMORY_WARN_SHARE) {
    return undefined;
  }
  const share = Math.round((total / hostBytes) * 100);
  return `Containers would hold ${describeSize(total)} of this Mac's ${describeSize(hostBytes)} (${share}%); memory given to a container VM is not returned to macOS.`;
}

export function memoryBudgetCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'memory', title: 'Memory budget', why: WHY.memory };
  const up = running(probe);
  if (up === undefined || probe.hostMemoryBytes === undefined) {
    return skipped(base.id, base.title, base.why, 'Needs the running service and its containers.');
  }
  const used = up.reduce((sum, c) => sum + (c.memoryBytes ?? 0), 0);
  const warning = overcommitWarning(used, 0, probe.hostMemoryBytes);
  const detail = `${up.length} running container${up.length === 1 ? ' holds' : 's hold'} ${describeSize(used)} of ${describeSize(probe.hostMemoryBytes)}.`;
  if (warning !== undefined) {
    return {
      ...base,
      status: used > probe.hostMemoryBytes ? 'error' : 'warning',
      detail: `${detail} ${warning}`,
      fix: 'Stop containers you are not using, or give them less memory (Configure Container Resources).',
      actions: [{ label: 'Configure Container Resources', command: 'slipway.configureResources' }],
    };
  }
  return { ...base, status: 'ok', detail, actions: [] };
}

/** Homebrew keeps the CLI under its Cellar or prefix; the signed .pkg installs to /usr/local/bin. */
function isHomebrew(path: string): boolean {
  return /\/(?:homebrew|Cellar|linuxbrew)\//i.test(path);
}

export function localNetworkCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'network', title: 'Published ports and Local Network', why: WHY.network };
  if (!probe.cli.found) {
    return skipped(base.id, base.title, base.why, 'Needs the container CLI.');
  }
  const ports = (running(probe) ?? []).reduce((sum, c) => sum + c.publishedPorts, 0);
  const published = `${ports} published port${ports === 1 ? '' : 's'} on running containers.`;
  if (probe.platform === 'darwin' && isHomebrew(probe.cli.path)) {
    return {
      ...base,
      status: 'warning',
      detail: `${published} container is a Homebrew install (${probe.cli.path}), which can silently miss the Local Network permission, so published ports reset connections.`,
      fix: 'Allow container-runtime-linux in System Settings › Privacy & Security › Local Network, or install the signed .pkg.',
      actions: [{ label: 'Get the signed installer', url: CONTAINER_RELEASES_URL }],
    };
  }
  const where = probe.platform === 'darwin' ? 'the signed .pkg install path' : 'not a Mac';
  return {
    ...base,
    status: 'ok',
    detail: `${published} ${probe.cli.path} (${where}).`,
    actions: [],
  };
}

export function dnsCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'dns', title: 'DNS and egress from a container', why: WHY.dns };
  const { dns } = probe;
  if (dns === undefined) {
    return skipped(base.id, base.title, base.why, 'No dev container is running to probe from.');
  }
  if (!dns.ok) {
    return {
      ...base,
      status: 'warning',
      detail: `Failed or unknown from ${dns.container}: ${dns.detail}`,
      fix: 'Check the Mac’s network and VPN; on container before 1.5.0 a localhost DNS change cuts egress until the service restarts.',
      actions: [],
    };
  }
  return { ...base, status: 'ok', detail: `${dns.container}: ${dns.detail}`, actions: [] };
}

/** In the order a person would fix them, after the machine and CLI checks. */
export const DOCTOR_RULES = [
  skewCheck,
  kernelCheck,
  staleContainersCheck,
  builderCheck,
  memoryBudgetCheck,
  diskCheck,
  localNetworkCheck,
  dnsCheck,
] as const;
