/**
 * The smaller parts of a container configuration, each as Apple's Parser or
 * Utility builds it: platform, networks, DNS, labels, published ports and
 * sockets, capabilities. Their syntax was checked by the grammar; what is left
 * here is turning accepted text into Apple's data.
 */
import { resolve } from 'node:path';
import { AppleError } from '../errors';
import type {
  AttachmentConfiguration,
  DnsConfiguration,
  Platform,
  PublishedPort,
  PublishedSocket,
} from './types';

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  aarch64: 'arm64',
  arm64: 'arm64',
  x86_64: 'amd64',
  amd64: 'amd64',
};

function platformFrom(text: string): Platform {
  const [os = 'linux', arch = 'arm64', variant] = text.split('/');
  const architecture = ARCH_ALIASES[arch] ?? arch;
  return variant === undefined ? { architecture, os } : { architecture, os, variant };
}

/**
 * DefaultPlatform.resolveWithDefaults: --platform, then CONTAINER_DEFAULT_PLATFORM
 * (0.11+), then --os/--arch with their defaults. The stand-in plays an Apple
 * silicon Mac, so the default architecture is arm64.
 */
export function resolvePlatform(
  flags: { platform?: string; os?: string; arch?: string },
  env: NodeJS.ProcessEnv,
  honoursEnv: boolean,
): Platform {
  if (flags.platform !== undefined) {
    return platformFrom(flags.platform);
  }
  const fromEnv = env.CONTAINER_DEFAULT_PLATFORM;
  if (honoursEnv && fromEnv !== undefined && fromEnv !== '') {
    return platformFrom(fromEnv);
  }
  return platformFrom(`${flags.os ?? 'linux'}/${flags.arch ?? 'arm64'}`);
}

/** What Utility.getAttachmentConfigurations needs to know of the server and the Mac. */
export interface NetworkLookup {
  /** The built-in network's ID (`default`). */
  readonly builtin: string;
  readonly exists: (name: string) => boolean;
  /** macOS 26 or newer: networks other than the built-in one are allowed. */
  readonly userNetworks: boolean;
}

export function networkAttachments(
  id: string,
  specs: readonly string[],
  lookup: NetworkLookup,
): AttachmentConfiguration[] {
  if (specs.includes('none')) {
    return [];
  }
  // A fully qualified ID is its own FQDN; no DNS domain is configured by default.
  const firstHostname = id.includes('.') ? `${id}.` : id;
  if (specs.length === 0) {
    return [{ network: lookup.builtin, options: { hostname: firstHostname, mtu: 1280 } }];
  }
  const parsed = specs.map((spec) => {
    const [name = '', ...properties] = spec.split(',');
    let macAddress: string | undefined;
    let mtu = 1280;
    for (const property of properties) {
      const [key, value = ''] = property.split('=');
      if (key === 'mac') {
        macAddress = value.toLowerCase().replace(/-/g, ':');
      } else if (key === 'mtu') {
        mtu = Number(value);
      }
    }
    return { name, macAddress, mtu };
  });
  // Only `--network default[,mac=...]` alone is allowed before macOS 26.
  const onlyBuiltin = parsed.length === 1 && parsed[0]?.name === lookup.builtin;
  if (!onlyBuiltin && !lookup.userNetworks) {
    throw new AppleError(
      'invalidArgument',
      'non-default network configuration requires macOS 26 or newer',
    );
  }
  const attachments = parsed.map(({ name, macAddress, mtu }, index) => {
    const hostname = index === 0 ? firstHostname : id;
    return {
      network: name,
      options: macAddress === undefined ? { hostname, mtu } : { hostname, macAddress, mtu },
    };
  });
  // ContainerCreate then asks the server for each network (NetworkClient.get).
  for (const attachment of attachments) {
    if (!lookup.exists(attachment.network)) {
      throw new AppleError('notFound', `network ${attachment.network} not found`);
    }
  }
  return attachments;
}

export function dnsConfiguration(flags: {
  disabled: boolean;
  nameservers: readonly string[];
  domain?: string;
  searchDomains: readonly string[];
  options: readonly string[];
}): DnsConfiguration | undefined {
  if (flags.disabled) {
    return undefined;
  }
  return {
    nameservers: flags.nameservers,
    ...(flags.domain === undefined ? {} : { domain: flags.domain }),
    searchDomains: flags.searchDomains,
    options: flags.options,
  };
}

/** Parser.labels: `k=v`, or `k` alone for an empty value. */
export function labels(specs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const spec of specs) {
    const pieces = spec.split('=').filter((piece) => piece !== '');
    result[pieces[0] ?? spec] = pieces[1] ?? '';
  }
  return result;
}

/** Apple's own regular expression for `[host-ip:]host-port:container-port[/proto]`. */
const PUBLISH =
  /^(?:(?:\[(?<ipv6>[^\]]*)\]|(?<ipv4>[^:].*)):)?(?<hostPort>[^:].*):(?<containerPort>[^:/]*)(?:\/(?<proto>.*))?$/;

export function publishedPorts(specs: readonly string[]): PublishedPort[] {
  return specs.map((spec) => {
    const groups = PUBLISH.exec(spec)?.groups ?? {};
    const [hostStart = 0, hostEnd = hostStart] = (groups.hostPort ?? '').split('-').map(Number);
    const [containerStart = 0] = (groups.containerPort ?? '').split('-').map(Number);
    const hostAddress =
      groups.ipv6 !== undefined && groups.ipv6 !== ''
        ? groups.ipv6
        : groups.ipv4 !== undefined && groups.ipv4 !== ''
          ? groups.ipv4
          : '0.0.0.0';
    const proto = (groups.proto ?? 'tcp').toLowerCase() === 'udp' ? 'udp' : 'tcp';
    return {
      hostAddress,
      hostPort: hostStart,
      containerPort: containerStart,
      proto,
      count: hostEnd - hostStart + 1,
    };
  });
}

export function publishedSockets(specs: readonly string[], cwd: string): PublishedSocket[] {
  return specs.map((spec) => {
    const [hostPath = '', containerPath = ''] = spec.split(':').filter((p) => p !== '');
    return { containerPath, hostPath: resolve(cwd, hostPath) };
  });
}

/** --cap-add/--cap-drop, upper-cased with the CAP_ prefix, ALL kept as is. */
export function normalizeCapabilities(values: readonly string[]): string[] {
  return values.map((value) => {
    const upper = value.toUpperCase();
    return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  });
}

/** --masked-path/--read-only-path: `NONE` opts out of the runtime's defaults. */
export function pathOverrides(values: readonly string[]): string[] | undefined {
  if (values.length === 0) {
    return undefined;
  }
  return values.filter((value) => value.trim().toUpperCase() !== 'NONE').map((v) => v.trim());
}

/** Memory as Parser.memoryStringAsMiB keeps it: truncated to whole MiB. */
export function memoryBytes(bytes: number): number {
  const mib = 1024 * 1024;
  return Math.floor(bytes / mib) * mib;
}
