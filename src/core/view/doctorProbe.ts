import { asRecord, asString, type JsonRecord } from '../json/read';
import { parseContainers } from '../client/parseContainers';
import { CONTAINER_VERSION_LABEL } from '../plan/labels';
import type { DiskProbe } from './diskUsage';

/**
 * What `slipway doctor` and Check Setup learn from the `container` calls
 * beyond the CLI and service, and the small readers for their outputs. Kept
 * apart from the rules so each reader is tested from a fixture.
 */

export interface DoctorContainer {
  id: string;
  state: string;
  memoryBytes?: number;
  /** The `slipway.container.version` label, when Slipway created it. */
  createdWith?: string;
  publishedPorts: number;
  devContainer: boolean;
  /** Apple's builder VM, `buildkit`, which `list --all` shows like any container (reference §4.1). */
  builder?: true;
  cpus?: number;
}

const BUILDER_ROLE_LABEL = 'com.apple.container.resource.role';
const BUILDER_CONTAINER_ID = 'buildkit';

export type BuilderProbe =
  { running: false } | { running: true; cpus?: number; memoryBytes?: number } | { error: string };

export type DnsProbe =
  | { container: string; ok: true; detail: string }
  | { container: string; ok: false; detail: string };

/** The parts of the probe the doctor checks read; each is absent when it was not asked. */
export interface DoctorProbe {
  /**
   * `server.version` (1.4.1+) or `apiServerVersion`/`apiserver.version`
   * (older): a bare number, or during skew the old server's whole banner.
   */
  serverVersion?: string;
  builder?: BuilderProbe;
  containers?: DoctorContainer[] | { error: string };
  /** The Mac's physical memory. */
  hostMemoryBytes?: number;
  /** `system df --format json` read, or why it could not be. */
  disk?: DiskProbe;
  dns?: DnsProbe;
}

/** The first `X.Y.Z` in a version or a banner (`container-apiserver version 1.0.0 (…)`). */
export function versionNumber(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(text)?.[1];
}

/**
 * The server's version as `system status` printed it, in every shape:
 * 1.4.1+ nested JSON (`server.version`), 0.10–1.3 flat JSON
 * (`apiServerVersion`), the table's `apiserver.version` row. Undefined when
 * none is there (the service is down, or 0.5–0.9 free text).
 */
export function readServerVersion(stdout: string): string | undefined {
  const trimmed = stdout.trim();
  if (!trimmed.startsWith('{')) {
    return /^apiserver\.version\s+(.+?)\s*$/m.exec(trimmed)?.[1];
  }
  const record = statusRecord(trimmed);
  const nested = asString(asRecord(record?.server)?.version);
  const flat = asString(record?.apiServerVersion);
  return [nested, flat].find((value) => value !== undefined && value !== '');
}

/**
 * `client.version` of 1.4.1+'s nested status: the CLI's own version, which
 * saves the doctor a separate `container --version`. Undefined in older
 * shapes, or when it is not a plain version number.
 */
export function readClientVersion(stdout: string): string | undefined {
  const version = asString(asRecord(statusRecord(stdout.trim())?.client)?.version);
  return version !== undefined && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)
    ? version
    : undefined;
}

/**
 * `system status` as a record when it printed JSON (0.10+); undefined for the
 * table, 0.5–0.9's free text, or JSON that does not parse (a truncated print).
 */
function statusRecord(trimmed: string): JsonRecord | undefined {
  if (!trimmed.startsWith('{')) {
    return undefined;
  }
  try {
    return asRecord(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/** `builder status --format json`: `[]` when there is none, else the builder as a container. */
export function readBuilderStatus(stdout: string): BuilderProbe {
  const [builder] = parseContainers(stdout.trim() === '' ? '[]' : stdout);
  if (builder === undefined || builder.state !== 'running') {
    return { running: false };
  }
  return {
    running: true,
    ...(builder.cpus !== undefined ? { cpus: builder.cpus } : {}),
    ...(builder.memoryBytes !== undefined ? { memoryBytes: builder.memoryBytes } : {}),
  };
}

/** `list --all --format json`, reduced to what the checks need. */
export function readDoctorContainers(stdout: string): DoctorContainer[] {
  return parseContainers(stdout).map((container) => ({
    id: container.id,
    state: container.state,
    ...(container.memoryBytes !== undefined ? { memoryBytes: container.memoryBytes } : {}),
    ...(container.labels[CONTAINER_VERSION_LABEL] !== undefined
      ? { createdWith: container.labels[CONTAINER_VERSION_LABEL] }
      : {}),
    publishedPorts: container.publishedPorts.length,
    devContainer: container.labels['devcontainer.local_folder'] !== undefined,
    ...(container.labels[BUILDER_ROLE_LABEL] === 'builder' || container.id === BUILDER_CONTAINER_ID
      ? { builder: true as const }
      : {}),
    ...(container.cpus !== undefined ? { cpus: container.cpus } : {}),
  }));
}

/**
 * The builder VM as `list --all` shows it, which spares the doctor a
 * separate `builder status` call: absent or not running is "not running".
 */
export function builderFromList(containers: readonly DoctorContainer[]): BuilderProbe {
  const builder = containers.find((c) => c.builder);
  if (builder === undefined || builder.state !== 'running') {
    return { running: false };
  }
  return {
    running: true,
    ...(builder.cpus !== undefined ? { cpus: builder.cpus } : {}),
    ...(builder.memoryBytes !== undefined ? { memoryBytes: builder.memoryBytes } : {}),
  };
}
