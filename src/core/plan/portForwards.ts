/**
 * `forwardPorts` as the SSH hand-over forwards them: a number or
 * `localhost:<port>` is the dev container's own port, and `<service>:<port>`
 * (the spec's form for Compose) is that service's port. Both come out on this
 * machine's 127.0.0.1:<port>, as Dev Containers does.
 *
 * A service's port goes through the primary container: the SSH client asks
 * the primary's sshd to connect to `<service>:<port>`, and sshd resolves the
 * name at each connection through the primary's /etc/hosts block, which
 * Slipway rewrites after every start. So the forward follows the service to
 * its new IP after a restart, needs no port published on the Mac, and lives
 * exactly as long as the window's SSH connection.
 */

export interface PortForward {
  /** The port on this machine's 127.0.0.1, and the port it reaches. */
  port: number;
  /** The name or address sshd in the dev container connects to. */
  host: string;
}

/** What a Compose config's project offers to name: its primary service and every service it starts. */
export interface ForwardableServices {
  primaryService: string;
  /** Each started service with the names it is found by (service name, aliases, links). */
  services: ReadonlyArray<{ name: string; hostNames: readonly string[] }>;
}

export interface PortForwards {
  forwards: PortForward[];
  /** One sentence per entry that is not forwarded, naming it and why. */
  warnings: string[];
}

const LOOPBACK = '127.0.0.1';
const HOST_PORT = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(\d{1,5})$/;

const isPort = (port: number) => Number.isInteger(port) && port > 0 && port < 65536;

export function portForwards(
  forwardPorts: ReadonlyArray<number | string>,
  compose?: ForwardableServices,
): PortForwards {
  const byPort = new Map<number, PortForward>();
  const warnings: string[] = [];
  const names = new Map<string, string>();
  for (const service of compose?.services ?? []) {
    for (const name of [service.name, ...service.hostNames]) {
      // The dev container's own names are its loopback: a server there may listen on 127.0.0.1 only.
      names.set(name, service.name === compose?.primaryService ? LOOPBACK : service.name);
    }
  }
  for (const entry of forwardPorts) {
    const forward = resolve(entry, names, compose, warnings);
    if (forward === undefined) {
      continue;
    }
    const taken = byPort.get(forward.port);
    if (taken === undefined) {
      byPort.set(forward.port, forward);
    } else if (taken.host !== forward.host) {
      warnings.push(
        `forwardPorts "${String(entry)}" is not forwarded: 127.0.0.1:${forward.port} on this machine already reaches ${taken.host === LOOPBACK ? 'the dev container' : taken.host}:${forward.port}.`,
      );
    }
  }
  return { forwards: [...byPort.values()], warnings };
}

/** The plan's notes for entries that will not be forwarded. */
export function forwardPortWarnings(
  forwardPorts: ReadonlyArray<number | string>,
  compose?: ForwardableServices,
): Array<{ property: string; message: string }> {
  return portForwards(forwardPorts, compose).warnings.map((message) => ({
    property: 'forwardPorts',
    message,
  }));
}

function resolve(
  entry: number | string,
  names: ReadonlyMap<string, string>,
  compose: ForwardableServices | undefined,
  warnings: string[],
): PortForward | undefined {
  if (typeof entry === 'number') {
    return isPort(entry) ? { port: entry, host: LOOPBACK } : undefined;
  }
  const match = HOST_PORT.exec(entry.trim());
  const port = Number(match?.[2]);
  if (match === null || !isPort(port)) {
    warnings.push(
      `forwardPorts "${entry}" is not forwarded: it is neither a port number nor "<service>:<port>".`,
    );
    return undefined;
  }
  const name = match[1]!;
  if (name === 'localhost' || name === LOOPBACK) {
    return { port, host: LOOPBACK };
  }
  const host = names.get(name);
  if (host !== undefined) {
    return { port, host };
  }
  warnings.push(
    compose === undefined
      ? `forwardPorts "${entry}" is not forwarded: "${name}:${port}" names a Compose service, and this config is not a Compose config. Write the port alone (${port}) to forward the dev container's own port.`
      : `forwardPorts "${entry}" is not forwarded: "${name}" is not a service this Compose project starts (${compose.services.map((s) => s.name).join(', ')}). Name one of them; if "${name}" is in the Compose file, check runServices.`,
  );
  return undefined;
}
