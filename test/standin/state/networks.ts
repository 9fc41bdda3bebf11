/**
 * Apple's networks as the stand-in keeps them: one JSON file per network under
 * `<state>/networks/`, in Apple's NetworkConfiguration plus the status its
 * vmnet plugin would report. The built-in `default` network (192.168.64.0/24,
 * gateway .1) is written the first time anything asks for the list.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatePaths } from './paths';

export const DEFAULT_NETWORK = 'default';
export const BUILTIN_ROLE_LABEL = 'com.apple.container.resource.role';
export const VMNET_PLUGIN = 'container-network-vmnet';

export interface NetworkRecord {
  readonly name: string;
  readonly mode: 'nat' | 'hostOnly';
  /** The subnets asked for with --subnet/--subnet-v6 (absent: the plugin chose). */
  readonly ipv4Subnet?: string;
  readonly ipv6Subnet?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly plugin: string;
  readonly options: Readonly<Record<string, string>>;
  /** Before 1.0, `--plugin-variant`. */
  readonly pluginVariant?: string;
  /** ISO 8601 with milliseconds. */
  readonly creationDate: string;
  readonly status: {
    readonly ipv4Subnet: string;
    readonly ipv4Gateway: string;
    readonly ipv6Subnet?: string;
  };
}

function networksDir(paths: StatePaths): string {
  return join(paths.root, 'networks');
}

function networkPath(paths: StatePaths, name: string): string {
  return join(networksDir(paths), `${name}.json`);
}

export function isBuiltin(network: NetworkRecord): boolean {
  return network.labels[BUILTIN_ROLE_LABEL] === 'builtin';
}

function defaultNetwork(): NetworkRecord {
  return {
    name: DEFAULT_NETWORK,
    mode: 'nat',
    labels: { [BUILTIN_ROLE_LABEL]: 'builtin' },
    plugin: VMNET_PLUGIN,
    options: {},
    creationDate: new Date().toISOString(),
    status: { ipv4Subnet: '192.168.64.0/24', ipv4Gateway: '192.168.64.1' },
  };
}

export function writeNetwork(paths: StatePaths, network: NetworkRecord): void {
  mkdirSync(networksDir(paths), { recursive: true });
  const target = networkPath(paths, network.name);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(network, null, 2)}\n`);
  renameSync(temporary, target);
}

export function removeNetwork(paths: StatePaths, name: string): void {
  rmSync(networkPath(paths, name), { force: true });
}

/** Every network, sorted by name as NetworksService.list sorts them; call under the lock. */
export function readNetworks(paths: StatePaths): NetworkRecord[] {
  let names: string[] = [];
  try {
    names = readdirSync(networksDir(paths)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const networks = names.map(
    (name) => JSON.parse(readFileSync(join(networksDir(paths), name), 'utf8')) as NetworkRecord,
  );
  if (!networks.some((n) => n.name === DEFAULT_NETWORK)) {
    const builtin = defaultNetwork();
    writeNetwork(paths, builtin);
    networks.push(builtin);
  }
  return networks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// --- IPv4 arithmetic --------------------------------------------------------------

export interface Cidr {
  /** The network address as a 32-bit number. */
  readonly base: number;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr {
  const [address = '', prefixText = '32'] = text.split('/');
  const prefix = Number(prefixText);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToNumber(address) & mask) >>> 0, prefix };
}

export function ipToNumber(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

export function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export function cidrText(cidr: Cidr): string {
  return `${numberToIp(cidr.base)}/${cidr.prefix}`;
}

function lastAddress(cidr: Cidr): number {
  return cidr.base + 2 ** (32 - cidr.prefix) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** The gateway vmnet gives a subnet: its first host address. */
export function gatewayOf(cidr: Cidr): string {
  return numberToIp(cidr.base + 1);
}

/** Hosts from .2 (the gateway is .1) to the last before broadcast. */
export function hostRange(cidr: Cidr): { first: number; last: number } {
  return { first: cidr.base + 2, last: lastAddress(cidr) - 1 };
}

/**
 * The subnet vmnet would pick for a new network: the next free 192.168.N.0/24
 * after the default network's.
 */
export function freeSubnet(taken: readonly Cidr[]): Cidr | undefined {
  for (let third = 65; third <= 254; third++) {
    const candidate = parseCidr(`192.168.${third}.0/24`);
    if (!taken.some((cidr) => overlaps(cidr, candidate))) {
      return candidate;
    }
  }
  return undefined;
}
