/**
 * The window is already on another Mac (Remote-SSH): Slipway runs there and
 * drives that Mac's `container`, but the SSH client that connects the next
 * window runs on the user's own machine. Its host entry reaches the
 * container through the Mac: the ProxyCommand is the user's `ssh` to the
 * Mac's own alias, running the `container exec … sshd -i` there.
 *
 * Not ssh_config's `ProxyJump`: a jump only forwards TCP (`ssh -W host:port`)
 * and the container listens on nothing, by design. `ssh <mac> <command>` is
 * the same jump through the same connection settings, with an exec at the end.
 */

export interface JumpHost {
  /** The Mac as the window reached it: its alias in the user's SSH config. */
  host: string;
  /** Only when Remote-SSH's authority names one (its JSON form). */
  user?: string;
  port?: number;
  /** `remote.SSH.configFile`, when the user set one: the jump reads what the window read. */
  configFile?: string;
  /** `remote.SSH.path`, when set: the same ssh the window uses. */
  sshProgram?: string;
}

const SSH_REMOTE = 'ssh-remote+';

/** An ssh destination Slipway will put on a command line: no option, no blank, no control character. */
function plainHost(value: string): boolean {
  return (
    value !== '' &&
    !value.startsWith('-') &&
    !/[\s'"\\]/.test(value) &&
    [...value].every((character) => character >= ' ' && character !== '\u007f')
  );
}

/** Remote-SSH's hex form: the authority is hex of `{"hostName":…, "user"?:…, "port"?:…}`. */
function fromHexJson(text: string): JumpHost | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(text)) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'hex').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const { hostName, user, port } = parsed as Record<string, unknown>;
  if (typeof hostName !== 'string') {
    return undefined;
  }
  const host: JumpHost = { host: hostName };
  if (typeof user === 'string' && user !== '') {
    host.user = user;
  }
  const portNumber = typeof port === 'string' ? Number(port) : port;
  if (typeof portNumber === 'number' && Number.isInteger(portNumber) && portNumber > 0) {
    host.port = portNumber;
  }
  return host;
}

/**
 * The Mac this window is on, from `vscode.env.remoteAuthority`: `ssh-remote+<alias>`,
 * the hex/JSON form Remote-SSH uses for aliases with capitals or odd characters,
 * or open-remote-ssh's `\xNN` escapes. Undefined when the window is not on an
 * SSH host, or is already inside one of Slipway's containers.
 */
export function jumpHostFromAuthority(authority: string | undefined): JumpHost | undefined {
  if (authority === undefined || !authority.startsWith(SSH_REMOTE)) {
    return undefined;
  }
  const rest = authority.slice(SSH_REMOTE.length);
  const host = fromHexJson(rest) ?? {
    host: rest.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    ),
  };
  if (!plainHost(host.host) || (host.user !== undefined && !plainHost(host.user))) {
    return undefined;
  }
  // A Slipway container window is the end of the line, not a Mac to jump through.
  return host.host.startsWith('slipway-') ? undefined : host;
}

/** How the host is named next to its containers and timings. */
export function hostLabel(jump: JumpHost | undefined): string | undefined {
  return jump === undefined ? undefined : `on ${jump.host}`;
}

/**
 * The key of a host entry in Slipway's config: the container ID, and for a
 * container on another Mac the Mac too, since the same project on two Macs
 * gives two containers with the same ID.
 */
export function hostEntryKey(containerId: string, jump: JumpHost | undefined): string {
  return jump === undefined ? containerId : `${containerId}@${jump.host}`;
}

/** Where the alias comes from: the container's name, with the Mac's in front for a remote one. */
export function aliasName(containerName: string, jump: JumpHost | undefined): string {
  return jump === undefined ? containerName : `${jump.host}-${containerName}`;
}

/**
 * The argv of the jump: the user's ssh to the Mac, running `remoteCommand`
 * (already quoted for the Mac's login shell) there. It carries only the
 * SSH stream: no TTY (it would corrupt the stream), no escape character, no
 * X11 or agent on this hop, none of the user's forwards for the Mac (the
 * window's own connection to it already holds those ports) and no
 * RemoteCommand from their config (ssh refuses two commands).
 */
export function jumpArgv(jump: JumpHost, remoteCommand: string): string[] {
  if (!plainHost(jump.host) || (jump.user !== undefined && !plainHost(jump.user))) {
    throw new Error(`"${jump.host}" is not an SSH host Slipway can jump through.`);
  }
  return [
    jump.sshProgram ?? 'ssh',
    '-T',
    '-x',
    '-a',
    '-e',
    'none',
    '-o',
    'ClearAllForwardings=yes',
    '-o',
    'RemoteCommand=none',
    ...(jump.configFile !== undefined ? ['-F', jump.configFile] : []),
    ...(jump.user !== undefined ? ['-l', jump.user] : []),
    ...(jump.port !== undefined ? ['-p', String(jump.port)] : []),
    '--',
    jump.host,
    remoteCommand,
  ];
}

/**
 * The key file's mode, made right on the user's machine before ssh reads it.
 * An extension on the Mac writes the user's files through the editor, which
 * cannot set a mode (new files get 0644 under the usual umask) and ssh
 * ignores a private key that others can read. The ProxyCommand runs on the
 * user's machine before authentication (ssh only loads the key after the key
 * exchange, which needs the proxy), so a `chmod 600` there closes the gap on
 * the first connect and keeps it closed.
 */
export function protectKeyArgv(identityFile: string, command: readonly string[]): string[] {
  return ['/bin/sh', '-c', 'chmod 600 "$0" 2>/dev/null; exec "$@"', identityFile, ...command];
}

/** What the Mac knows of itself, to find its alias in the user's config. */
export interface MacFacts {
  /** `os.hostname()` on the Mac (`Mac-Studio.local`). */
  hostname: string;
  /** The Mac's address on the window's connection (`SSH_CONNECTION`'s third field). */
  address?: string;
}

interface HostBlock {
  aliases: string[];
  hostName?: string;
}

/** The concrete `Host` aliases of an ssh_config (no patterns) and each block's HostName. */
function hostBlocks(config: string): HostBlock[] {
  const blocks: HostBlock[] = [];
  let current: HostBlock | undefined;
  for (const line of config.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z]+)(?:\s*=\s*|\s+)(.*?)\s*$/.exec(line);
    const keyword = match?.[1]?.toLowerCase();
    const value = match?.[2] ?? '';
    if (keyword === 'host' || keyword === 'match') {
      current =
        keyword === 'host'
          ? {
              aliases: value
                .split(/\s+/)
                .map((word) => word.replace(/^"|"$/g, ''))
                .filter((word) => word !== '' && !/[*?!,]/.test(word)),
            }
          : undefined;
      if (current !== undefined) {
        blocks.push(current);
      }
    } else if (keyword === 'hostname' && current !== undefined && current.hostName === undefined) {
      current.hostName = value.replace(/^"|"$/g, '');
    }
  }
  return blocks;
}

/**
 * The user's aliases for this Mac, best first, from their SSH config on their
 * machine. An extension on the Mac is not told the window's authority
 * (`env.remoteAuthority` is proposed API), so the alias is found by what the
 * Mac knows of itself: an alias whose HostName is its name (with or without
 * `.local`) or its address, or an alias that is its short name. `others`
 * are the remaining concrete aliases, for the user to choose from.
 */
export function macAliasCandidates(
  config: string,
  facts: MacFacts,
): { matching: string[]; others: string[] } {
  const name = facts.hostname.toLowerCase();
  const short = name.replace(/\.local$/, '').split('.')[0] ?? name;
  const names = new Set([name, short, `${short}.local`, ...(facts.address ? [facts.address] : [])]);
  const matching: string[] = [];
  const others: string[] = [];
  for (const block of hostBlocks(config)) {
    for (const alias of block.aliases) {
      const target = (block.hostName ?? alias).toLowerCase();
      const list = names.has(target) || alias.toLowerCase() === short ? matching : others;
      if (!matching.includes(alias) && !others.includes(alias) && plainHost(alias)) {
        list.push(alias);
      }
    }
  }
  return { matching, others };
}
