/**
 * A running container's addresses. Without a netns they are data only: the
 * lowest free host address of each network's subnet, handed out at start and
 * taken back at stop. With CONTAINER_STANDIN_NETNS they are podman's, read
 * back once the container runs, so what `list` shows is what peers can reach.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../context';
import { AppleError } from '../errors';
import type { ContainerRecord, RuntimeAttachment } from '../model/types';
import { podmanAddresses, podmanNetworkName } from '../podman/resources';
import { withLock } from '../state/lock';
import {
  hostRange,
  ipToNumber,
  numberToIp,
  parseCidr,
  readNetworks,
  type NetworkRecord,
} from '../state/networks';
import { readAllRecords, readRecord, writeRecord } from '../state/store';

function randomMac(): string {
  const bytes = [...randomBytes(5)].map((b) => b.toString(16).padStart(2, '0'));
  return ['f2', ...bytes].join(':');
}

function networkNamed(networks: readonly NetworkRecord[], name: string): NetworkRecord {
  const network = networks.find((n) => n.name === name);
  if (!network) {
    throw new AppleError('notFound', `network ${name} not found`);
  }
  return network;
}

/** Made-up addresses for `id`, under the lock so that concurrent starts differ. */
export function reserveAddresses(ctx: Context, id: string): void {
  withLock(ctx.paths.lock, () => {
    const record = readRecord(ctx.paths, id);
    if (!record || record.attachments !== undefined) {
      return;
    }
    const networks = readNetworks(ctx.paths);
    const others = readAllRecords(ctx.paths).flatMap((r) => r.attachments ?? []);
    record.attachments = record.configuration.networks.map((attachment) => {
      const network = networkNamed(networks, attachment.network);
      const subnet = parseCidr(network.status.ipv4Subnet);
      const used = new Set(
        others
          .filter((o) => o.network === network.name)
          .map((o) => ipToNumber(o.ipv4Address.split('/')[0] ?? '')),
      );
      const { first, last } = hostRange(subnet);
      let address = first;
      while (used.has(address) && address <= last) {
        address++;
      }
      if (address > last) {
        throw new AppleError(
          'internalError',
          `no more IP addresses in ${network.status.ipv4Subnet}`,
        );
      }
      return {
        network: network.name,
        ipv4Address: `${numberToIp(address)}/${subnet.prefix}`,
        ipv4Gateway: network.status.ipv4Gateway,
        macAddress: attachment.options.macAddress ?? randomMac(),
      };
    });
    writeRecord(ctx.paths, record);
  });
}

/**
 * Reads podman's addresses for a started container into its record. With
 * `waiting`, polls (an attached start, whose process podman starts while we
 * wait) until it runs with every address or `waiting()` turns false.
 */
export async function recordPodmanAddresses(
  ctx: Context,
  record: ContainerRecord,
  waiting: () => boolean = () => false,
): Promise<void> {
  const podmanName = record.podmanName;
  if (podmanName === undefined || record.configuration.networks.length === 0) {
    return;
  }
  for (;;) {
    const { running, networks } = await podmanAddresses(podmanName);
    const found: RuntimeAttachment[] = [];
    for (const attachment of record.configuration.networks) {
      const settings = networks.get(podmanNetworkName(ctx.paths.tag, attachment.network));
      if (settings?.IPAddress) {
        found.push({
          network: attachment.network,
          ipv4Address: `${settings.IPAddress}/${settings.IPPrefixLen ?? 24}`,
          ipv4Gateway: settings.Gateway ?? '',
          macAddress: settings.MacAddress ?? '',
        });
      }
    }
    if (running && found.length === record.configuration.networks.length) {
      withLock(ctx.paths.lock, () => {
        const current = readRecord(ctx.paths, record.configuration.id);
        if (current) {
          current.attachments = found;
          writeRecord(ctx.paths, current);
        }
      });
      return;
    }
    if (!waiting()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
