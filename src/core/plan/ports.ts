import { ValueProblem } from './problems';

/**
 * Published ports, from Docker's `-p` forms and the spec's `appPort` to
 * Apple's `[host-ip:]host-port:container-port[/tcp|udp]`. Apple has no
 * container-port-only form (Docker picks a random host port for it), so those
 * get the same port on the host, on loopback.
 */

export interface PublishedPort {
  /** The value for Apple's `-p`. */
  spec: string;
  /** Set when the value had to change from what the config said. */
  note?: string;
}

const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function portRange(text: string, spec: string): [number, number] {
  const match = PORT_OR_RANGE.exec(text);
  if (!match) {
    throw new ValueProblem(`invalid port "${text}" in "${spec}"`);
  }
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  // Apple refuses ports 0 and 1 on either side.
  if (first < 2 || last > 65535 || last < first) {
    throw new ValueProblem(`port "${text}" is out of range (2-65535) in "${spec}"`);
  }
  return [first, last];
}

function splitProtocol(spec: string): [string, string | undefined] {
  const slash = spec.lastIndexOf('/');
  if (slash < 0) {
    return [spec, undefined];
  }
  const protocol = spec.slice(slash + 1).toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') {
    throw new ValueProblem(
      `Apple container publishes tcp and udp ports only, not "${protocol}" in "${spec}"`,
    );
  }
  return [spec.slice(0, slash), protocol];
}

/** Splits `[ip:]host:container`, keeping a bracketed IPv6 address whole. */
function splitAddress(body: string): string[] {
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0) {
      throw new ValueProblem(`unterminated IPv6 address in "${body}"`);
    }
    return [body.slice(0, close + 1), ...body.slice(close + 2).split(':')];
  }
  const parts = body.split(':');
  // An unbracketed IPv6 host address cannot be told apart from the ports.
  if (parts.length > 3) {
    throw new ValueProblem(
      `put an IPv6 host address in brackets, as in "[::1]:8080:80", not "${body}"`,
    );
  }
  return parts;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address, or an IPv6 one in brackets: the host addresses Apple's -p takes. */
function isHostAddress(text: string): boolean {
  if (IPV4.test(text)) {
    return true;
  }
  const inner = /^\[([0-9A-Fa-f:]+)\]$/.exec(text)?.[1];
  if (inner === undefined) {
    return false;
  }
  const halves = inner.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) {
    return false;
  }
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** Translates one Docker `-p` value or `appPort` string. */
export function translatePublish(spec: string): PublishedPort {
  const [body, protocol] = splitProtocol(spec.trim());
  const suffix = protocol === undefined ? '' : `/${protocol}`;
  const parts = splitAddress(body);
  if (parts.length === 1) {
    const [containerPort = ''] = parts;
    portRange(containerPort, spec);
    return {
      spec: `127.0.0.1:${containerPort}:${containerPort}${suffix}`,
      note: `Apple container needs a host port: "${spec}" is published as the same port on 127.0.0.1.`,
    };
  }
  const containerPort = parts[parts.length - 1] ?? '';
  let hostPort = parts[parts.length - 2] ?? '';
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  const [first, last] = portRange(containerPort, spec);
  let note: string | undefined;
  if (hostPort === '') {
    hostPort = containerPort;
    note = `Apple container needs a host port: "${spec}" uses ${containerPort} on the host.`;
  }
  const [hostFirst, hostLast] = portRange(hostPort, spec);
  if (hostLast - hostFirst !== last - first) {
    throw new ValueProblem(`host and container port ranges differ in length in "${spec}"`);
  }
  if (hostIp !== undefined && hostIp !== '' && !isHostAddress(hostIp)) {
    throw new ValueProblem(
      `"${hostIp}" in "${spec}" is not an IP address (such as 127.0.0.1 or [::1])`,
    );
  }
  const address = hostIp === undefined || hostIp === '' ? '' : `${hostIp}:`;
  return { spec: `${address}${hostPort}:${containerPort}${suffix}`, note };
}

/** The spec's `appPort`: a number N is `127.0.0.1:N:N`, as the reference implementation publishes it. */
export function translateAppPort(port: number | string): PublishedPort {
  if (typeof port === 'number') {
    portRange(String(port), String(port));
    return { spec: `127.0.0.1:${port}:${port}` };
  }
  return translatePublish(port);
}
