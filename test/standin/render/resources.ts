/**
 * Networks and volumes as Apple prints them:
 * - 1.0+: NetworkResource `{id, configuration, status}` and VolumeResource
 *   `{id, configuration}`, ISO dates (sorted keys come from the encoder);
 * - before: PrintableNetwork `{id, state, config, status}` and the bare Volume
 *   `{name, driver, format, source, createdAt, ...}`, dates as seconds since 2001.
 */
import type { JsonValue } from '../json';
import type { NetworkRecord } from '../state/networks';
import { isAnonymous, type VolumeRecord } from '../state/volumes';
import type { AppleVersion } from '../version';
import { iso8601, secondsSince2001 } from './containers';

function networkStatus(network: NetworkRecord): JsonValue {
  return {
    ipv4Subnet: network.status.ipv4Subnet,
    ipv4Gateway: network.status.ipv4Gateway,
    ipv6Subnet: network.status.ipv6Subnet,
  };
}

export function networkJson(network: NetworkRecord, version: AppleVersion): JsonValue {
  if (version.atLeast('1.0.0')) {
    return {
      id: network.name,
      configuration: {
        name: network.name,
        creationDate: iso8601(network.creationDate),
        mode: network.mode,
        ipv4Subnet: network.ipv4Subnet,
        ipv6Subnet: network.ipv6Subnet,
        labels: network.labels,
        plugin: network.plugin,
        options: network.options,
      },
      status: networkStatus(network),
    };
  }
  // pluginInfo arrived with --plugin in 0.10.
  const pluginInfo = version.atLeast('0.10.0')
    ? { plugin: network.plugin, variant: network.pluginVariant }
    : undefined;
  return {
    id: network.name,
    state: 'running',
    config: {
      id: network.name,
      creationDate: secondsSince2001(network.creationDate),
      mode: network.mode,
      ipv4Subnet: network.ipv4Subnet,
      ipv6Subnet: network.ipv6Subnet,
      labels: network.labels,
      pluginInfo,
    },
    status: networkStatus(network),
  };
}

export function networkHeader(version: AppleVersion): string[] {
  return version.atLeast('1.0.0') ? ['NETWORK', 'SUBNET'] : ['NETWORK', 'STATE', 'SUBNET'];
}

export function networkRow(network: NetworkRecord, version: AppleVersion): string[] {
  return version.atLeast('1.0.0')
    ? [network.name, network.status.ipv4Subnet]
    : [network.name, 'running', network.status.ipv4Subnet];
}

/** `dates`: 1.x and pre-1.0 `volume inspect` write ISO dates; pre-1.0 `volume list` does not. */
export function volumeJson(
  volume: VolumeRecord,
  version: AppleVersion,
  dates: 'iso' | 'reference' = 'iso',
): JsonValue {
  const fields = {
    name: volume.name,
    driver: volume.driver,
    format: volume.format,
    source: volume.source,
  };
  const rest = { labels: volume.labels, options: volume.options, sizeInBytes: volume.sizeInBytes };
  if (version.atLeast('1.0.0')) {
    return {
      id: volume.name,
      configuration: { ...fields, creationDate: iso8601(volume.creationDate), ...rest },
    };
  }
  const createdAt =
    dates === 'iso' ? iso8601(volume.creationDate) : secondsSince2001(volume.creationDate);
  return { ...fields, createdAt, ...rest };
}

export const VOLUME_HEADER = ['NAME', 'TYPE', 'DRIVER', 'OPTIONS'];

export function volumeRow(volume: VolumeRecord): string[] {
  const options = Object.entries(volume.options)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return [volume.name, isAnonymous(volume) ? 'anonymous' : 'named', volume.driver, options];
}
