/**
 * The podman side of Apple's networks and volumes. Volumes are podman volumes.
 * Networks exist on podman only with CONTAINER_STANDIN_NETNS: then each Apple
 * network is an internal bridge (no uplink, no DNS daemon) inside that
 * namespace, on the Apple network's own subnet and gateway.
 */
import type { NetworkRecord } from '../state/networks';
import { podman, podmanFailure } from './podman';
import { STATE_LABEL } from './createArgs';

export function podmanNetworkName(stateTag: string, name: string): string {
  return `sw-${stateTag}-${name}`;
}

/** Creates the podman networks a container needs, once each (another stand-in may race us). */
export async function ensurePodmanNetworks(
  stateTag: string,
  networks: readonly NetworkRecord[],
): Promise<void> {
  for (const network of networks) {
    const name = podmanNetworkName(stateTag, network.name);
    if ((await podman(['network', 'exists', name])).code === 0) {
      continue;
    }
    const result = await podman([
      'network',
      'create',
      '--internal',
      '--disable-dns',
      '--subnet',
      network.status.ipv4Subnet,
      '--gateway',
      network.status.ipv4Gateway,
      '--label',
      `${STATE_LABEL}=${stateTag}`,
      name,
    ]);
    if (result.code !== 0 && (await podman(['network', 'exists', name])).code !== 0) {
      throw podmanFailure('network create', result);
    }
  }
}

/** Removes an Apple network's bridge definition, if it ever got one. */
export async function removePodmanNetwork(stateTag: string, name: string): Promise<void> {
  await podman(['network', 'rm', podmanNetworkName(stateTag, name)]);
}

export async function createPodmanVolume(podmanName: string, stateTag: string): Promise<void> {
  if ((await podman(['volume', 'exists', podmanName])).code === 0) {
    return;
  }
  const result = await podman([
    'volume',
    'create',
    '--label',
    `${STATE_LABEL}=${stateTag}`,
    podmanName,
  ]);
  if (result.code !== 0 && (await podman(['volume', 'exists', podmanName])).code !== 0) {
    throw podmanFailure('volume create', result);
  }
}

export async function removePodmanVolume(podmanName: string): Promise<void> {
  await podman(['volume', 'rm', '--force', podmanName]);
}

interface PodmanNetworkSettings {
  readonly IPAddress?: string;
  readonly IPPrefixLen?: number;
  readonly Gateway?: string;
  readonly MacAddress?: string;
}

/** Whether the container runs, and its address on each podman network. */
export async function podmanAddresses(
  podmanName: string,
): Promise<{ running: boolean; networks: Map<string, PodmanNetworkSettings> }> {
  const result = await podman([
    'container',
    'inspect',
    '--format',
    '{{.State.Running}} {{json .NetworkSettings.Networks}}',
    podmanName,
  ]);
  const [running = '', ...json] = result.stdout.trim().split(' ');
  const networks = new Map<string, PodmanNetworkSettings>();
  if (result.code !== 0) {
    return { running: false, networks };
  }
  const parsed = JSON.parse(json.join(' ') || '{}') as Record<string, PodmanNetworkSettings> | null;
  for (const [name, settings] of Object.entries(parsed ?? {})) {
    networks.set(name, settings);
  }
  return { running: running === 'true', networks };
}
