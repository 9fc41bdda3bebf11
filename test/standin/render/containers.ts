/**
 * Containers as `list --format json` and `inspect` print them, in the shape of
 * the release being played (reference §4.2 and §4.3):
 * - 1.0+: ManagedContainer `{id, configuration, status{state, networks, startedDate}}`,
 *   dates as ISO 8601 (Apple's .iso8601 strategy: no fractional seconds);
 * - before: PrintableContainer `{status, configuration, networks, startedDate}`,
 *   `status` a plain string, dates as seconds since 2001-01-01 (Foundation's
 *   default), attachment keys `address`/`gateway` before 0.8.
 * Keys are built in Apple's declaration order; 1.x output sorts them anyway.
 */
import type { JsonValue } from '../json';
import { RawNumber } from '../json';
import type { AppleConfiguration, ContainerRecord, Snapshot } from '../model/types';
import type { Era } from '../version';

/** Seconds between 1970-01-01 and Foundation's reference date, 2001-01-01. */
const REFERENCE_DATE_OFFSET = 978_307_200;

export function iso8601(isoWithMillis: string): string {
  return new Date(isoWithMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function secondsSince2001(isoWithMillis: string): number {
  return new Date(isoWithMillis).getTime() / 1000 - REFERENCE_DATE_OFFSET;
}

/** The IP column: each network's address, joined with commas (empty when stopped). */
export function ipv4Cidr(record: ContainerRecord): string | undefined {
  const addresses = (record.attachments ?? []).map((a) => a.ipv4Address);
  return addresses.length === 0 ? undefined : addresses.join(',');
}

/** The attachments of a running container; none when stopped (or with --network none). */
function attachments(snapshot: Snapshot, era: Era): JsonValue[] {
  const { record } = snapshot;
  if (snapshot.state !== 'running') {
    return [];
  }
  return (record.attachments ?? []).map((attachment) => {
    const requested = record.configuration.networks.find((n) => n.network === attachment.network);
    const address = attachment.ipv4Address;
    const gateway = attachment.ipv4Gateway;
    return {
      network: attachment.network,
      hostname: requested?.options.hostname ?? record.configuration.id,
      ...(era.ipv4Keys ? { ipv4Address: address, ipv4Gateway: gateway } : { address, gateway }),
      macAddress: era.macAddress ? attachment.macAddress : undefined,
      mtu: era.attachmentMtu ? (requested?.options.mtu ?? 1280) : undefined,
    };
  });
}

function configurationJson(config: AppleConfiguration, era: Era): JsonValue {
  const process = config.initProcess;
  return {
    id: config.id,
    image: {
      reference: config.image.reference,
      descriptor: {
        mediaType: config.image.descriptor.mediaType,
        digest: config.image.descriptor.digest,
        size: config.image.descriptor.size,
      },
    },
    mounts: config.mounts.map((m) => ({
      type: m.type as JsonValue,
      source: m.source,
      destination: m.destination,
      options: m.options,
    })),
    publishedPorts: config.publishedPorts.map((p) => ({
      hostAddress: p.hostAddress,
      hostPort: p.hostPort,
      containerPort: p.containerPort,
      proto: p.proto,
      count: p.count,
    })),
    publishedSockets: config.publishedSockets.map((s) => ({
      containerPath: s.containerPath,
      hostPath: s.hostPath,
    })),
    labels: config.labels,
    sysctls: config.sysctls,
    networks: config.networks.map((n) => ({
      network: n.network,
      options: {
        hostname: n.options.hostname,
        macAddress: n.options.macAddress,
        mtu: n.options.mtu,
      },
    })),
    dns:
      config.dns === undefined
        ? undefined
        : {
            nameservers: config.dns.nameservers,
            domain: config.dns.domain,
            searchDomains: config.dns.searchDomains,
            options: config.dns.options,
          },
    rosetta: config.rosetta,
    initProcess: {
      executable: process.executable,
      arguments: process.arguments,
      environment: process.environment,
      workingDirectory: process.workingDirectory,
      terminal: process.terminal,
      user: process.user as JsonValue,
      supplementalGroups: process.supplementalGroups,
      rlimits: process.rlimits.map((r) => ({
        limit: r.limit,
        soft: new RawNumber(r.soft),
        hard: new RawNumber(r.hard),
      })),
    },
    platform: {
      architecture: config.platform.architecture,
      os: config.platform.os,
      variant: config.platform.variant,
    },
    resources: {
      cpus: config.resources.cpus,
      memoryInBytes: config.resources.memoryInBytes,
      cpuOverhead: era.jsonV1 ? config.resources.cpuOverhead : undefined,
    },
    runtimeHandler: config.runtimeHandler,
    virtualization: config.virtualization,
    ssh: config.ssh,
    readOnly: era.readOnlyKey ? config.readOnly : undefined,
    useInit: era.useInitKey ? config.useInit : undefined,
    capAdd: era.capsKeys ? config.capAdd : undefined,
    capDrop: era.capsKeys ? config.capDrop : undefined,
    shmSize: era.jsonV1 ? config.shmSize : undefined,
    stopSignal: era.jsonV1 ? config.stopSignal : undefined,
    maskedPaths: era.jsonV1 ? config.maskedPaths : undefined,
    readonlyPaths: era.jsonV1 ? config.readonlyPaths : undefined,
    creationDate: era.jsonV1 ? iso8601(config.creationDate) : undefined,
  };
}

export function containerJson(snapshot: Snapshot, era: Era): JsonValue {
  const { record } = snapshot;
  const configuration = configurationJson(record.configuration, era);
  // The server sets startedDate at each start and keeps it after the container
  // stops; only a restart of the service forgets it.
  const started = record.startedDate;
  if (era.jsonV1) {
    return {
      id: record.configuration.id,
      configuration,
      status: {
        state: snapshot.state,
        networks: attachments(snapshot, era),
        startedDate: started === undefined ? undefined : iso8601(started),
      },
    };
  }
  return {
    status: snapshot.state,
    configuration,
    networks: attachments(snapshot, era),
    startedDate: era.startedDate && started !== undefined ? secondsSince2001(started) : undefined,
  };
}

/** One row of the `list` table (reference §4.1). */
export function containerRow(snapshot: Snapshot, era: Era): string[] {
  const { record } = snapshot;
  const config = record.configuration;
  const address = snapshot.state === 'running' ? ipv4Cidr(record) : undefined;
  const shownAddress =
    address === undefined || config.networks.length === 0
      ? ''
      : era.ipv4Keys
        ? address
        : address.replace(/\/\d+(,|$)/g, '$1');
  const row = [
    config.id,
    config.image.reference,
    config.platform.os,
    config.platform.architecture,
    snapshot.state,
    shownAddress,
    String(config.resources.cpus),
    `${Math.floor(config.resources.memoryInBytes / (1024 * 1024))} MB`,
  ];
  if (era.startedDate) {
    row.push(record.startedDate === undefined ? '' : iso8601(record.startedDate));
  }
  return row;
}

export function containerHeader(era: Era): string[] {
  const header = [
    'ID',
    'IMAGE',
    'OS',
    'ARCH',
    'STATE',
    era.ipColumn ? 'IP' : 'ADDR',
    'CPUS',
    'MEMORY',
  ];
  return era.startedDate ? [...header, 'STARTED'] : header;
}
