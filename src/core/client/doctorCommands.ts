import { readBuilderStatus, readDoctorContainers } from '../view/doctorProbe';
import type { BuilderProbe, DoctorContainer } from '../view/doctorProbe';
import { readDiskUsage, type DiskProbe } from '../view/diskUsage';
import type { ContainerCommand } from './types';

/**
 * The extra `container` calls of Check Setup / `slipway doctor`. Short time
 * limits: the doctor answers in about a second, and a call that does not
 * answer is itself the finding (a wedged service, reference #1916).
 */

export const DOCTOR_TIMEOUT_MS = 10_000;
/**
 * DNS inside a VM answers in milliseconds or waits for its resolver's own
 * timeout (5 s, then retries): past this bound the answer is already "slow or
 * blocked", and waiting longer only makes the whole doctor slow.
 */
export const DNS_PROBE_TIMEOUT_MS = 2_000;
/** A name every dev container needs to resolve and reach: where source and Features come from. */
export const DNS_PROBE_HOST = 'github.com';

export function builderStatusCommand(): ContainerCommand<BuilderProbe> {
  return {
    args: ['builder', 'status', '--format', 'json'],
    parse: readBuilderStatus,
    timeoutMs: DOCTOR_TIMEOUT_MS,
    summary: 'ask about the builder VM',
  };
}

export function doctorListCommand(): ContainerCommand<DoctorContainer[]> {
  return {
    args: ['list', '--all', '--format', 'json'],
    parse: readDoctorContainers,
    timeoutMs: DOCTOR_TIMEOUT_MS,
    summary: 'list containers',
  };
}

/** `system df --format json` (0.7+; the same DiskUsageStats shape in every release since). */
export function systemDfCommand(): ContainerCommand<DiskProbe> {
  return {
    args: ['system', 'df', '--format', 'json'],
    parse: readDiskUsage,
    timeoutMs: DOCTOR_TIMEOUT_MS,
    summary: 'measure disk used',
  };
}

/**
 * Resolves DNS_PROBE_HOST inside the container: `getent` where the image has
 * it (glibc), else busybox `nslookup`. Exit 0 with an address is a pass.
 */
export function dnsProbeCommand(id: string): ContainerCommand<string> {
  return {
    args: [
      'exec',
      id,
      'sh',
      '-c',
      'getent hosts "$1" 2>/dev/null || nslookup "$1" 2>&1',
      'sh',
      DNS_PROBE_HOST,
    ],
    parse: (stdout) => stdout.trim(),
    timeoutMs: DNS_PROBE_TIMEOUT_MS,
    summary: `resolve ${DNS_PROBE_HOST} inside ${id}`,
  };
}

/** `system stop`: stops the service and, with it, every running container. */
export function systemStopCommand(): ContainerCommand<void> {
  return {
    args: ['system', 'stop'],
    parse: () => undefined,
    timeoutMs: 60_000,
    summary: 'stop the container system service',
  };
}

export function builderStopCommand(): ContainerCommand<void> {
  return {
    args: ['builder', 'stop'],
    parse: () => undefined,
    timeoutMs: 60_000,
    summary: 'stop the builder VM',
  };
}

/** The size Check Setup's button restarts the builder with: twice Apple's default CPUs, four times its memory. */
export const BIGGER_BUILDER = { cpus: 4, memory: '8G' } as const;

/** `builder start --cpus N --memory M`; no time limit: the first start pulls the builder image. */
export function builderStartCommand(
  size: { cpus: number; memory: string } = BIGGER_BUILDER,
): ContainerCommand<void> {
  return {
    args: ['builder', 'start', '--cpus', String(size.cpus), '--memory', size.memory],
    parse: () => undefined,
    summary: 'start the builder VM',
  };
}
