import { decodeLabels } from '../plan/labels';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringRecord,
  type JsonRecord,
} from '../json/read';
import { asIsoDate, parseJsonOutput, unexpectedOutput } from './json';
import type { ContainerInfo, ContainerState, PublishedPortInfo } from './types';

/**
 * Containers from `list --format json` and `inspect`, in both shapes:
 * 1.x `{id, status: {state, networks, startedDate}, configuration}` and
 * 0.5–0.12 `{status: "running", networks, startedDate: <seconds since 2001>,
 * configuration}`. Third-party tools broke on exactly this change, so every
 * field is read with a fallback to its older home.
 */

const STATES: ReadonlySet<string> = new Set<ContainerState>([
  'running',
  'stopped',
  'stopping',
  'unknown',
]);

function toState(value: unknown): ContainerState {
  return typeof value === 'string' && STATES.has(value) ? (value as ContainerState) : 'unknown';
}

/** `192.168.64.5/24` → `192.168.64.5`. */
function withoutPrefix(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash === -1 ? cidr : cidr.slice(0, slash);
}

/** The first IPv4 of the attachments: `ipv4Address` (0.8+), else `address` (0.5–0.7). */
function firstIpv4(networks: readonly unknown[]): string | undefined {
  for (const network of networks) {
    const record = asRecord(network);
    const cidr = asString(record?.ipv4Address) ?? asString(record?.address);
    if (cidr) {
      return withoutPrefix(cidr);
    }
  }
  return undefined;
}

/** The gateway of the first attachment (`ipv4Gateway`, 0.8+): Compose's `host-gateway`. */
function firstGateway(networks: readonly unknown[]): string | undefined {
  const gateway = asString(asRecord(networks[0])?.ipv4Gateway);
  return gateway === undefined ? undefined : withoutPrefix(gateway);
}

/**
 * The init process's user, a Swift enum encoded as a one-key object:
 * `{"id":{"uid":0,"gid":0}}` → `0:0`, `{"raw":{"userString":"vscode"}}` → `vscode`.
 */
export function userString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const record = asRecord(value);
  const id = asRecord(record?.id);
  if (id) {
    const uid = asNumber(id.uid);
    const gid = asNumber(id.gid);
    return uid === undefined ? undefined : gid === undefined ? String(uid) : `${uid}:${gid}`;
  }
  const raw = asRecord(record?.raw);
  return asString(raw?.userString);
}

function publishedPort(value: unknown): PublishedPortInfo | undefined {
  const record = asRecord(value);
  const hostPort = asNumber(record?.hostPort);
  const containerPort = asNumber(record?.containerPort);
  if (record === undefined || hostPort === undefined || containerPort === undefined) {
    return undefined;
  }
  return {
    hostAddress: asString(record.hostAddress) ?? '0.0.0.0',
    hostPort,
    containerPort,
    proto: record.proto === 'udp' ? 'udp' : 'tcp',
    count: asNumber(record.count) ?? 1,
  };
}

/**
 * Sets only the optional fields that have a value, so results compare
 * cleanly in tests and logs; done field by field because this runs for every
 * container on every refresh of the view.
 */
function setDefined<K extends keyof ContainerInfo>(
  info: ContainerInfo,
  key: K,
  value: ContainerInfo[K] | undefined,
): void {
  if (value !== undefined) {
    info[key] = value;
  }
}

/** One element of the array, in either shape. */
export function parseContainer(element: unknown, stdout = ''): ContainerInfo {
  const item = asRecord(element);
  const configuration: JsonRecord = asRecord(item?.configuration) ?? {};
  const id = asString(item?.id) ?? asString(configuration.id);
  if (item === undefined || id === undefined) {
    throw unexpectedOutput('a container', 'an entry without an id', stdout);
  }
  const status = asRecord(item.status);
  const networks = asArray(status?.networks) ?? asArray(item.networks) ?? [];
  const image = asRecord(configuration.image);
  const platform = asRecord(configuration.platform);
  const resources = asRecord(configuration.resources);
  const init = asRecord(configuration.initProcess);
  const info: ContainerInfo = {
    id,
    state: toState(status ? status.state : item.status),
    image: asString(image?.reference) ?? '',
    rosetta: configuration.rosetta === true,
    labels: decodeLabels(asStringRecord(configuration.labels)),
    publishedPorts: (asArray(configuration.publishedPorts) ?? [])
      .map(publishedPort)
      .filter((port): port is PublishedPortInfo => port !== undefined),
    environment: asStringArray(init?.environment),
  };
  setDefined(info, 'ipAddress', firstIpv4(networks));
  setDefined(info, 'gateway', firstGateway(networks));
  setDefined(info, 'cpus', asNumber(resources?.cpus));
  setDefined(info, 'memoryBytes', asNumber(resources?.memoryInBytes));
  setDefined(info, 'os', asString(platform?.os));
  setDefined(info, 'architecture', asString(platform?.architecture));
  setDefined(info, 'startedDate', asIsoDate(status?.startedDate ?? item.startedDate));
  setDefined(info, 'creationDate', asIsoDate(configuration.creationDate));
  setDefined(info, 'user', userString(init?.user));
  setDefined(info, 'workingDirectory', asString(init?.workingDirectory));
  return info;
}

/** `list --format json` or `inspect` output: always a JSON array. */
export function parseContainers(stdout: string): ContainerInfo[] {
  const value = parseJsonOutput(stdout, 'a container list');
  if (!Array.isArray(value)) {
    throw unexpectedOutput('a container list', 'not a JSON array', stdout);
  }
  return value.map((element) => parseContainer(element, stdout));
}
