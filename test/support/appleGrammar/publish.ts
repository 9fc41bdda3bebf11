/**
 * `-p/--publish` and `--publish-socket`: one spec checked in Apple's order, and
 * the checks across all `-p` of one command (count, overlapping host ports).
 */

import { type GrammarProblem, runtimeError } from './problems';
import { isIPv4, isIPv6, swiftSplit } from './textParsers';

export function checkPublishSocket(value: string): GrammarProblem[] {
  return swiftSplit(value, ':').length === 2
    ? []
    : [runtimeError(`invalid publish-socket format ${value}. Expected: host_path:container_path`)];
}

// -p/--publish ---------------------------------------------------------------

interface PortRange {
  readonly start: number;
  readonly end: number;
}

interface PublishedPorts {
  readonly host: PortRange;
  readonly proto: string;
}

function portRange(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) {
    return undefined;
  }
  const start = Number(match[1]);
  const end = Number(match[2] ?? match[1]);
  return start <= 65535 && end <= 65535 ? { start, end } : undefined;
}

/** One `[host-ip:]host-port:container-port[/proto]`, checked in Apple's order. */
function parsePublish(spec: string): PublishedPorts | GrammarProblem {
  const invalid = runtimeError(`invalid publish value: ${spec}`);
  let rest = spec;
  let ipv6: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest.charAt(close + 1) !== ':') {
      return invalid;
    }
    ipv6 = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  // An empty container port gets Apple's more specific message below.
  if (
    parts.length < 2 ||
    (ipv6 !== undefined && parts.length > 2) ||
    parts.slice(0, -1).includes('')
  ) {
    return invalid;
  }
  const hostText = parts[parts.length - 2] ?? '';
  const containerSpec = parts[parts.length - 1] ?? '';
  const ipv4 = parts.length > 2 ? parts.slice(0, -2).join(':') : undefined;
  const slash = containerSpec.indexOf('/');
  const containerText = slash < 0 ? containerSpec : containerSpec.slice(0, slash);
  const proto = slash < 0 ? 'tcp' : containerSpec.slice(slash + 1).toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp') {
    return runtimeError(`invalid publish protocol: ${proto}`);
  }
  if (ipv6 !== undefined && !isIPv6(ipv6)) {
    return runtimeError(`invalid publish IPv6 address: ${spec}`);
  }
  if (ipv4 !== undefined && !isIPv4(ipv4)) {
    return runtimeError(`invalid publish IPv4 address: ${spec}`);
  }
  const host = portRange(hostText);
  if (!host) {
    return runtimeError(`invalid publish host port: ${hostText}`);
  }
  const container = portRange(containerText);
  if (!container) {
    return runtimeError(`invalid publish container port: ${containerText}`);
  }
  if (host.start <= 1 || host.start > host.end) {
    return runtimeError(`invalid publish host port range: ${hostText}`);
  }
  if (container.start <= 1 || container.start > container.end) {
    return runtimeError(`invalid publish container port range: ${containerText}`);
  }
  if (host.end - host.start !== container.end - container.start) {
    return runtimeError(
      `publish host and container port counts are not equal: ${hostText}:${containerText}`,
    );
  }
  return { host, proto };
}

export function checkPublish(value: string): GrammarProblem[] {
  const parsed = parsePublish(value);
  return 'message' in parsed ? [parsed] : [];
}

/** Across all `-p`: at most 64, and no host port twice per protocol (whatever the host IP). */
export function publishSetProblems(specs: readonly string[]): GrammarProblem[] {
  if (specs.length > 64) {
    return [runtimeError('cannot exceed more than 64 port publish descriptors')];
  }
  const taken = new Set<string>();
  for (const spec of specs) {
    const parsed = parsePublish(spec);
    if ('message' in parsed) {
      continue;
    }
    for (let port = parsed.host.start; port <= parsed.host.end; port++) {
      const key = `${port}/${parsed.proto}`;
      if (taken.has(key)) {
        return [runtimeError('host ports for different publish port specs may not overlap')];
      }
      taken.add(key);
    }
  }
  return [];
}
