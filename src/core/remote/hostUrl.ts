/**
 * `--host ssh://[user@]host[:port]` (and `SLIPWAY_HOST`), the form
 * `DOCKER_HOST=ssh://…` made familiar. The host may be an alias from the
 * user's ~/.ssh/config: ssh resolves it, so its HostName, User, Port,
 * ProxyJump and IdentityFile apply.
 */

export interface SshTarget {
  /** Host name, address or ~/.ssh/config alias, as ssh's destination. */
  host: string;
  user?: string;
  port?: number;
  /** `user@host:port` as given, for messages ("on mac-studio"). */
  label: string;
}

/** Names, aliases and addresses; never a leading `-`, which ssh would read as an option. */
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|\[[0-9A-Fa-f:.]+\])$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The target a `ssh://` URL names, or a sentence saying what is wrong with
 * it (the caller adds where it came from: `--host` or `SLIPWAY_HOST`).
 */
export function parseSshHostUrl(text: string): SshTarget | { error: string } {
  const example = 'such as ssh://me@mac-studio or ssh://build-mac:2222';
  const match = /^ssh:\/\/([^/?#]*)\/?$/.exec(text.trim());
  if (match === null) {
    return { error: `takes ssh://[user@]host[:port], ${example} (got "${text}")` };
  }
  const authority = match[1] ?? '';
  const at = authority.lastIndexOf('@');
  const user = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  if (user !== undefined && user.includes(':')) {
    return {
      error: `must not carry a password ("${text}"); Slipway connects with your SSH keys or agent only`,
    };
  }
  if (user !== undefined && !USER.test(user)) {
    return { error: `has a user name ssh cannot take: "${user}" (in "${text}")` };
  }
  const portMatch = /^(.*?)(?::(\d+))?$/.exec(hostPort);
  const host = portMatch?.[1] ?? '';
  const portText = portMatch?.[2];
  if (host === '' || !HOST.test(host)) {
    return { error: `needs a host name, address or SSH alias, ${example} (got "${text}")` };
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { error: `has a port outside 1–65535: ${portText} (in "${text}")` };
    }
  }
  // ssh takes an IPv6 destination without brackets (the port travels in -p).
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  return {
    host: bare,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port } : {}),
    label: `${user !== undefined ? `${user}@` : ''}${host}${port !== undefined ? `:${port}` : ''}`,
  };
}

export function isSshTarget(value: SshTarget | { error: string }): value is SshTarget {
  return !('error' in value);
}
