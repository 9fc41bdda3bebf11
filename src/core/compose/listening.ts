/**
 * `network_mode: service:<peer>`: which TCP ports to bring to which side's
 * 127.0.0.1. In Docker the two services share one network namespace, so each
 * reaches what the other listens on at localhost; Apple's VMs cannot share
 * one, so Slipway bridges ports, and must choose them. A port is the peer's
 * when the peer declares it (`ports`, `expose`, or `forwardPorts` as
 * `<peer>:<port>`) or listens on it; it is this service's (`own`) likewise.
 * What a side listens on is read from its `/proc/net/tcp` and
 * `/proc/net/tcp6`. A forwarder takes its port on the 127.0.0.1 of the side
 * it runs in, so a port is never bridged into a side that listens on it or
 * declares it: that would take the port from the service itself.
 */

export interface Listener {
  port: number;
  /** Bound only to 127.0.0.0/8 or ::1: no other VM can reach it. */
  loopbackOnly: boolean;
}

const LISTEN = '0A';

/** An address of /proc/net/tcp (`0100007F`) or tcp6 (32 hex digits, each 32-bit word in host order). */
function isLoopback(hex: string): boolean {
  if (hex.length === 8) {
    // Little-endian: the first octet of 127.x.y.z is the last byte.
    return hex.slice(6, 8) === '7F';
  }
  if (hex.length === 32) {
    if (hex === '00000000000000000000000001000000') {
      return true;
    }
    // ::ffff:127.x.y.z, an IPv4 loopback address seen through a v6 socket.
    return hex.startsWith('0000000000000000FFFF0000') && hex.slice(30, 32) === '7F';
  }
  return false;
}

/**
 * The TCP ports in LISTEN state in the text of `/proc/net/tcp` and/or
 * `/proc/net/tcp6` (concatenated; header lines and anything malformed are
 * skipped), one entry per port, in port order.
 */
export function listeningPorts(text: string): Listener[] {
  const byPort = new Map<number, boolean>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (fields.length < 4 || !/^\d+:$/.test(fields[0] ?? '') || fields[3] !== LISTEN) {
      continue;
    }
    const match = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(local ?? '');
    if (match === null) {
      continue;
    }
    const port = parseInt(match[2]!, 16);
    const loopback = isLoopback(match[1]!.toUpperCase());
    byPort.set(port, (byPort.get(port) ?? true) && loopback);
  }
  return [...byPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, loopbackOnly]) => ({ port, loopbackOnly }));
}

/** Lines `slipway-bridge <port>`: the ports a side's own Slipway forwarders hold (not its service's). */
export function forwarderPorts(text: string): number[] {
  return [...text.matchAll(/^slipway-bridge (\d+)$/gm)].map((match) => Number(match[1]));
}

/** TCP port numbers among `5432`, `5432/tcp`; UDP and ranges cannot be bridged. */
export function bridgeablePorts(ports: readonly string[]): { tcp: number[]; skipped: string[] } {
  const tcp: number[] = [];
  const skipped: string[] = [];
  for (const port of ports) {
    const match = /^(\d+)(?:\/tcp)?$/.exec(port);
    const number = match === null ? NaN : Number(match[1]);
    if (Number.isInteger(number) && number > 0 && number < 65536) {
      if (!tcp.includes(number)) {
        tcp.push(number);
      }
    } else if (!skipped.includes(port)) {
      skipped.push(port);
    }
  }
  return { tcp, skipped };
}

export interface BridgeInputs {
  own: string;
  peer: string;
  /** Declared TCP ports. */
  ownDeclared: readonly number[];
  peerDeclared: readonly number[];
  /** What each side listens on now; `undefined` when it could not be read. */
  ownListening: readonly Listener[] | undefined;
  peerListening: readonly Listener[] | undefined;
  /** Ports Slipway's forwarders already hold in each side (from an earlier bridging). */
  ownForwarders?: readonly number[];
  peerForwarders?: readonly number[];
}

export interface Unbridged {
  port: number;
  /** Where it would have been brought: `own` (to own's 127.0.0.1) or `peer`. */
  into: 'own' | 'peer';
  why: string;
}

export interface BridgeChoice {
  /** The peer's ports, forwarded from own's 127.0.0.1 to the peer. */
  intoOwn: number[];
  /** Own's ports, forwarded from the peer's 127.0.0.1 to own. */
  intoPeer: number[];
  unbridged: Unbridged[];
}

export function chooseBridges(input: BridgeInputs): BridgeChoice {
  // A forwarder is the other side's port seen through this one, not this one's own.
  const own = (input.ownListening ?? []).filter((l) => !input.ownForwarders?.includes(l.port));
  const peer = (input.peerListening ?? []).filter((l) => !input.peerForwarders?.includes(l.port));
  const ownListens = new Map(own.map((l) => [l.port, l]));
  const peerListens = new Map(peer.map((l) => [l.port, l]));
  const choice: BridgeChoice = { intoOwn: [], intoPeer: [], unbridged: [] };
  const peerPorts = [...new Set([...input.peerDeclared, ...peerListens.keys()])].sort(
    (a, b) => a - b,
  );
  for (const port of peerPorts) {
    if (input.ownDeclared.includes(port)) {
      choice.unbridged.push({
        port,
        into: 'own',
        why: `${input.own} declares it as its own port too`,
      });
    } else if (ownListens.has(port)) {
      choice.unbridged.push({ port, into: 'own', why: `${input.own} already listens on it` });
    } else if (peerListens.get(port)?.loopbackOnly === true) {
      choice.unbridged.push({
        port,
        into: 'own',
        why: `${input.peer} listens on it only on its own 127.0.0.1, which another VM cannot reach (make it listen on 0.0.0.0)`,
      });
    } else {
      choice.intoOwn.push(port);
    }
  }
  const ownPorts = [...new Set([...input.ownDeclared, ...ownListens.keys()])].sort((a, b) => a - b);
  for (const port of ownPorts) {
    if (peerPorts.includes(port)) {
      continue; // Said above: one port cannot be both sides'.
    }
    const declared = input.ownDeclared.includes(port);
    const listener = ownListens.get(port);
    if (listener?.loopbackOnly === true) {
      // Undeclared and loopback-only: meant to stay inside own (an agent, a debugger).
      if (declared) {
        choice.unbridged.push({
          port,
          into: 'peer',
          why: `${input.own} listens on it only on its own 127.0.0.1, which another VM cannot reach (make it listen on 0.0.0.0)`,
        });
      }
      continue;
    }
    choice.intoPeer.push(port);
  }
  return choice;
}

/** The warning for a port left unbridged, naming the port, the direction and why. */
export function unbridgedWarning(input: BridgeInputs, item: Unbridged): string {
  const [from, into] = item.into === 'own' ? [input.peer, input.own] : [input.own, input.peer];
  return `network_mode service:${input.peer}: port ${item.port} of ${from} is not bridged to ${into}'s localhost: ${item.why}; reach it at ${from}:${item.port}.`;
}
