/**
 * `container network create|delete|list|inspect|prune` (NetworkCreate ... and
 * NetworksService at 1.2.2, PrintableNetwork before 1.0). The built-in
 * `default` network cannot be deleted; a network some container refers to
 * (running or not) cannot either. With CONTAINER_STANDIN_NETNS each network is
 * also a podman bridge in that namespace (podman/resources.ts).
 */
import type { Command, Context, Invocation } from '../context';
import { AppleError, RawError } from '../errors';
import { supportsUserNetworks } from '../host';
import { encodeJson, COMPACT_UNSORTED, PRETTY_SORTED } from '../json';
import type { NetworkLookup } from '../model/settings';
import { removePodmanNetwork } from '../podman/resources';
import { networkHeader, networkJson, networkRow } from '../render/resources';
import { formatTable } from '../render/table';
import { withLock } from '../state/lock';
import {
  cidrText,
  DEFAULT_NETWORK,
  freeSubnet,
  gatewayOf,
  isBuiltin,
  overlaps,
  parseCidr,
  readNetworks,
  removeNetwork,
  VMNET_PLUGIN,
  writeNetwork,
  type NetworkRecord,
} from '../state/networks';
import { readAllRecords } from '../state/store';
import { printListJson, problemError, requireService, unsupportedFormat } from './common';
import { keyValuePairs, swiftArray } from './keyValues';

const NETWORK_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/;
const LABEL_KEY_DOCKER = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const LABEL_KEY_OCI =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?:\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*))*$/;

/** What run/create need to know about networks (model/settings.ts). */
export function networkLookup(ctx: Context): NetworkLookup {
  return {
    builtin: DEFAULT_NETWORK,
    exists: (name) =>
      withLock(ctx.paths.lock, () => readNetworks(ctx.paths)).some((n) => n.name === name),
    userNetworks: supportsUserNetworks(ctx.host),
  };
}

/**
 * ResourceLabels.validateLabel. Its LabelError has no description of its own,
 * so Apple prints Swift's default rendering of the struct.
 */
function checkLabels(labels: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(labels)) {
    const fail = (code: string, metadata: string): never => {
      throw new RawError(
        `LabelError(code: ContainerResource.AppErrorCode(rawValue: "${code}"), metadata: [${metadata}])`,
      );
    };
    if ([...key].length > 128) {
      fail('invalid_label_key_length', `"key": "${key}", "maxLength": "128"`);
    }
    if (!LABEL_KEY_DOCKER.test(key) && !LABEL_KEY_OCI.test(key)) {
      fail('invalid_label_key_content', `"key": "${key}"`);
    }
    if ([...`${key}=${value}`].length > 4096) {
      fail('invalid_label_length', `"label": "${key}=${value}", "maxLength": "4096"`);
    }
  }
}

function subnetFor(
  requested: string | undefined,
  existing: readonly NetworkRecord[],
): { configured?: string; status: string } {
  const taken = existing.map((n) => parseCidr(n.status.ipv4Subnet));
  if (requested === undefined) {
    const free = freeSubnet(taken);
    if (!free) {
      throw new AppleError('internalError', 'stand-in: no free 192.168.N.0/24 subnet left');
    }
    return { status: cidrText(free) };
  }
  const subnet = parseCidr(requested);
  const overlap = existing.find((n) => overlaps(parseCidr(n.status.ipv4Subnet), subnet));
  if (overlap) {
    throw new AppleError(
      'exists',
      `IPv4 subnet ${cidrText(subnet)} overlaps an existing network with subnet ${overlap.status.ipv4Subnet}`,
    );
  }
  return { configured: cidrText(subnet), status: cidrText(subnet) };
}

export const networkCreate: Command = async (ctx, invocation) => {
  requireService(ctx);
  const { options } = invocation;
  const [name = ''] = invocation.positionals;
  const labels = keyValuePairs(options.values('--label'));
  checkLabels(labels);
  if (!NETWORK_NAME.test(name)) {
    const what = ctx.version.atLeast('1.0.0') ? 'name' : 'ID';
    throw new AppleError('invalidArgument', `invalid network ${what}: ${name}`);
  }
  if (name === 'none') {
    throw new AppleError('unsupported', `network ${name} is not a valid name`);
  }
  const requested = options.last('--subnet');
  const subnetV6 = options.last('--subnet-v6');
  const variant = options.last('--plugin-variant');
  const created = withLock(ctx.paths.lock, () => {
    const existing = readNetworks(ctx.paths);
    if (existing.some((n) => n.name === name)) {
      throw new AppleError('exists', `network ${name} already exists`);
    }
    const subnet = subnetFor(requested, existing);
    const network: NetworkRecord = {
      name,
      mode: options.has('--internal') ? 'hostOnly' : 'nat',
      ...(subnet.configured === undefined ? {} : { ipv4Subnet: subnet.configured }),
      ...(subnetV6 === undefined ? {} : { ipv6Subnet: subnetV6 }),
      labels,
      plugin: options.last('--plugin') ?? VMNET_PLUGIN,
      options: keyValuePairs(options.values('--option')),
      ...(variant === undefined ? {} : { pluginVariant: variant }),
      creationDate: new Date().toISOString(),
      status: {
        ipv4Subnet: subnet.status,
        ipv4Gateway: gatewayOf(parseCidr(subnet.status)),
        ...(subnetV6 === undefined ? {} : { ipv6Subnet: subnetV6 }),
      },
    };
    writeNetwork(ctx.paths, network);
    return network;
  });
  ctx.print(created.name);
  return 0;
};

/** Containers whose configuration names the network, running or not. */
function referringContainers(ctx: Context, name: string): string[] {
  return readAllRecords(ctx.paths)
    .filter((r) => r.configuration.networks.some((n) => n.network === name))
    .map((r) => r.configuration.id);
}

/** NetworksService.delete: refuses while any container refers to the network. */
async function deleteNetwork(ctx: Context, name: string): Promise<void> {
  withLock(ctx.paths.lock, () => {
    const referring = referringContainers(ctx, name);
    if (referring.length > 0) {
      throw new AppleError(
        'invalidState',
        `cannot delete subnet ${name} with referring containers: ${referring.join(', ')}`,
      );
    }
    removeNetwork(ctx.paths, name);
  });
  if (ctx.host.netns !== undefined) {
    await removePodmanNetwork(ctx.paths.tag, name);
  }
}

function raiseValidation(invocation: Invocation): void {
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
}

export const networkDelete: Command = async (ctx, invocation) => {
  raiseValidation(invocation);
  requireService(ctx);
  const wanted = new Set(invocation.positionals);
  const all = withLock(ctx.paths.lock, () => readNetworks(ctx.paths));
  let chosen: NetworkRecord[];
  if (invocation.options.has('--all')) {
    chosen = all.filter((n) => !isBuiltin(n));
  } else {
    chosen = all.filter((n) => wanted.has(n.name));
    const builtin = chosen.find(isBuiltin);
    if (builtin) {
      throw new AppleError('invalidArgument', `cannot delete a builtin network: ${builtin.name}`);
    }
    const missing = [...wanted].filter((name) => !chosen.some((n) => n.name === name));
    if (missing.length > 0) {
      throw new AppleError(
        'notFound',
        `failed to delete one or more networks: ${swiftArray(missing)}`,
      );
    }
  }
  const failed: string[] = [];
  for (const network of chosen) {
    try {
      await deleteNetwork(ctx, network.name);
      ctx.print(network.name);
    } catch (error) {
      if (!(error instanceof AppleError)) {
        throw error;
      }
      // The CLI's logger (StderrLogHandler): message, then the metadata dictionary.
      ctx.printError(
        `failed to delete network: ["id": ${network.name}, "error": ${error.describe()}]`,
      );
      failed.push(network.name);
    }
  }
  if (failed.length > 0) {
    throw new AppleError(
      'internalError',
      `delete failed for one or more networks: ${swiftArray(failed)}`,
    );
  }
  return 0;
};

export const networkList: Command = async (ctx, invocation) => {
  requireService(ctx);
  const { options } = invocation;
  const format = options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const networks = withLock(ctx.paths.lock, () => readNetworks(ctx.paths));
  if (format === 'json') {
    printListJson(
      ctx,
      networks.map((n) => networkJson(n, ctx.version)),
    );
  } else if (options.has('--quiet')) {
    if (networks.length > 0) {
      ctx.print(networks.map((n) => n.name).join('\n'));
    }
  } else {
    ctx.print(
      formatTable([networkHeader(ctx.version), ...networks.map((n) => networkRow(n, ctx.version))]),
    );
  }
  return 0;
};

export const networkInspect: Command = async (ctx, invocation) => {
  requireService(ctx);
  const wanted = new Set(invocation.positionals);
  const found = withLock(ctx.paths.lock, () => readNetworks(ctx.paths)).filter((n) =>
    wanted.has(n.name),
  );
  if (!ctx.version.atLeast('1.0.0')) {
    // Before 1.0: compact, unknown names silently left out.
    ctx.print(
      encodeJson(
        found.map((n) => networkJson(n, ctx.version)),
        COMPACT_UNSORTED,
      ),
    );
    return 0;
  }
  if (found.length !== wanted.size) {
    const missing = [...wanted].filter((name) => !found.some((n) => n.name === name)).sort();
    throw new AppleError('notFound', `network not found: ${missing.join(', ')}`);
  }
  ctx.print(
    encodeJson(
      found.map((n) => networkJson(n, ctx.version)),
      PRETTY_SORTED,
    ),
  );
  return 0;
};

export const networkPrune: Command = async (ctx) => {
  requireService(ctx);
  const candidates = withLock(ctx.paths.lock, () => readNetworks(ctx.paths)).filter(
    (n) => !isBuiltin(n) && referringContainers(ctx, n.name).length === 0,
  );
  const pruned: string[] = [];
  for (const network of candidates) {
    try {
      await deleteNetwork(ctx, network.name);
      pruned.push(network.name);
    } catch (error) {
      if (!(error instanceof AppleError)) {
        throw error;
      }
      ctx.printError(
        `failed to prune network: ["id": ${network.name}, "error": ${error.describe()}]`,
      );
    }
  }
  for (const name of pruned) {
    ctx.print(name);
  }
  return 0;
};
