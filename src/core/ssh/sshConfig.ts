import type { PortForward } from '../plan/portForwards';
import { isSlipwayAlias, uniqueAlias } from './alias';
import { hostEntryKey, jumpArgv, protectKeyArgv, type JumpHost } from './jumpHost';
import { configPath, configValue, escapePercent, shellArg } from './quoting';

export { ensureInclude, removeInclude, type IncludeResult } from './include';
export { knownHostsLine, removeKnownHost, upsertKnownHost } from './knownHosts';

/**
 * Slipway's own SSH config file: one `Host` block per dev container, each
 * between marker comments so that one can be replaced or removed without
 * touching the others. The user's config only gets an `Include` of this file
 * (see include.ts).
 */

export interface SshHostEntry {
  alias: string;
  containerId: string;
  /** The login name (as the container resolves it: the bootstrap reports it). */
  user: string;
  identityFile: string;
  knownHostsFile: string;
  /** Absolute path of the `container` CLI on the host. */
  containerPath: string;
  /** Where sshd is in the container (the bootstrap reports it). */
  sshdPath?: string;
  forwardAgent: boolean;
  /**
   * `forwardPorts` that live while the window is connected: `host:port` as the
   * container resolves it (its own 127.0.0.1, or a Compose service by name)
   * on this machine's 127.0.0.1:<port>.
   */
  localForwards?: readonly PortForward[];
  serverAliveInterval?: number;
  serverAliveCountMax?: number;
  connectTimeout?: number;
  /**
   * The container is on another Mac (the window was on it): the ProxyCommand
   * runs `container` there through the user's ssh to it (see jumpHost.ts).
   */
  jump?: JumpHost;
}

export const DEFAULT_SSHD_PATH = '/usr/sbin/sshd';

/**
 * Options for the one-shot sshd behind the ProxyCommand. They apply to that
 * process only, never to the image's sshd_config:
 * - PermitUserEnvironment: sessions read `~/.ssh/environment`, which the
 *   bootstrap fills with the container's environment and remoteEnv.
 * - StrictModes=no: dev images often have group-writable homes, and this sshd
 *   listens on nothing (it is reachable only through `container exec`).
 * - AllowTcpForwarding: port forwards and Remote-SSH's own `-D` tunnel.
 * - AuthorizedKeysFile: where the bootstrap put the key, whatever the image says.
 * - PermitRootLogin=prohibit-password: remoteUser root works with the key even
 *   when the image forbids root logins (`container exec` is root anyway).
 * The bootstrap checks the image's sshd accepts them (`sshd -t`).
 */
export const SSHD_OPTIONS: readonly string[] = [
  '-o',
  'LogLevel=ERROR',
  '-o',
  'PermitUserEnvironment=yes',
  '-o',
  'StrictModes=no',
  '-o',
  'AllowTcpForwarding=yes',
  '-o',
  'AuthorizedKeysFile=.ssh/authorized_keys',
  '-o',
  'PermitRootLogin=prohibit-password',
];

/**
 * The ProxyCommand as an argument vector: sshd in inetd mode as root, talking
 * SSH over the exec's stdin/stdout. `-e` keeps its stderr on the exec stream
 * (closing it breaks the stream); no `-t`: a TTY on this exec hangs the client.
 */
export function proxyCommandArgv(entry: SshHostEntry): string[] {
  const exec = containerExecArgv(entry);
  if (entry.jump === undefined) {
    return exec;
  }
  // The Mac's login shell reads the command ssh sends: quoted for it, argument by argument.
  return protectKeyArgv(entry.identityFile, jumpArgv(entry.jump, exec.map(shellArg).join(' ')));
}

function containerExecArgv(entry: SshHostEntry): string[] {
  return [
    entry.containerPath,
    'exec',
    '-i',
    '-u',
    'root',
    entry.containerId,
    entry.sshdPath ?? DEFAULT_SSHD_PATH,
    '-i',
    '-e',
    ...SSHD_OPTIONS,
  ];
}

/**
 * The ProxyCommand as written in ssh_config. ssh runs it with `/bin/sh -c`
 * (after expanding `%` tokens), so every argument is shell-quoted and every
 * `%` doubled; ssh_config itself takes the rest of the line as it is.
 */
export function proxyCommand(entry: SshHostEntry): string {
  return escapePercent(proxyCommandArgv(entry).map(shellArg).join(' '));
}

function checkEntry(entry: SshHostEntry): void {
  if (!isSlipwayAlias(entry.alias)) {
    throw new Error(`"${entry.alias}" is not a Slipway SSH alias (slipway-<a-z0-9->).`);
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?$/.test(entry.user)) {
    throw new Error(
      `The remote user "${entry.user}" cannot be written as an SSH user name. ` +
        'Use a plain user name (letters, digits, ".", "_", "-") as remoteUser.',
    );
  }
  if (
    entry.containerId === '' ||
    entry.containerId.startsWith('-') ||
    /\s/.test(entry.containerId)
  ) {
    throw new Error(`"${entry.containerId}" is not a container ID Slipway can connect to.`);
  }
  for (const [label, value] of [
    ['container CLI', entry.containerPath],
    ['sshd', entry.sshdPath ?? DEFAULT_SSHD_PATH],
    ['ssh', entry.jump?.sshProgram ?? ''],
    ['SSH config', entry.jump?.configFile ?? ''],
  ] as const) {
    if (/[\r\n]/.test(value)) {
      throw new Error(`The ${label} path ${JSON.stringify(value)} contains a line break.`);
    }
  }
}

/** A name or IPv4 address ssh_config takes as one token (no spaces, quotes or `%`). */
const FORWARD_HOST = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const BEGIN = '# >>> ';
const END = '# <<< ';

/** One entry's lines, between its markers. */
export function renderHostBlock(entry: SshHostEntry): string {
  checkEntry(entry);
  const lines = [
    `${BEGIN}${entry.alias} container=${hostEntryKey(entry.containerId, entry.jump)}`,
    `Host ${entry.alias}`,
    // Never an IP: the ProxyCommand is the only way in.
    `  HostName ${entry.alias}`,
    `  User ${configValue(entry.user)}`,
    `  IdentityFile ${configPath(entry.identityFile, 'IdentityFile')}`,
    '  IdentitiesOnly yes',
    // A password or keyboard prompt could never succeed here; fail fast instead.
    '  PreferredAuthentications publickey',
    `  ProxyCommand ${proxyCommand(entry)}`,
    // A stalled exec (the Mac slept, apple/container#1916) must end, not hang.
    `  ServerAliveInterval ${entry.serverAliveInterval ?? 15}`,
    `  ServerAliveCountMax ${entry.serverAliveCountMax ?? 4}`,
    `  ConnectTimeout ${entry.connectTimeout ?? 30}`,
    `  ForwardAgent ${entry.forwardAgent ? 'yes' : 'no'}`,
    // Loopback on both ends; a port already taken here is a warning from ssh, not a failure.
    ...(entry.localForwards ?? [])
      .filter(
        ({ port, host }) =>
          Number.isInteger(port) && port > 0 && port < 65536 && FORWARD_HOST.test(host),
      )
      .map(({ port, host }) => `  LocalForward 127.0.0.1:${port} ${host}:${port}`),
    // The container's key is pinned under the alias in Slipway's own file.
    `  UserKnownHostsFile ${configPath(entry.knownHostsFile, 'UserKnownHostsFile')}`,
    `  HostKeyAlias ${entry.alias}`,
    '  HostKeyAlgorithms ssh-ed25519',
    '  StrictHostKeyChecking yes',
    `${END}${entry.alias}`,
  ];
  return lines.join('\n');
}

const HEADER = [
  '# Slipway: SSH hosts for its dev containers. Slipway rewrites this file; edits here are lost.',
  '# Each ProxyCommand runs sshd inside the container through `container exec`: no port is published.',
].join('\n');

export interface ParsedEntry {
  alias: string;
  /** The entry's key: the container ID, `<id>@<host>` for a container on another Mac. */
  containerId: string;
  /** The block as it is in the file, markers included. */
  text: string;
}

/** The marked blocks of Slipway's config file; anything outside them is dropped on the next write. */
export function parseSlipwayConfig(text: string): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const begin = /^# >>> (\S+) container=(\S+)$/.exec(lines[index] ?? '');
    if (!begin) {
      continue;
    }
    const alias = begin[1] ?? '';
    const end = lines.findIndex((line, at) => at > index && line === `${END}${alias}`);
    if (end < 0) {
      break;
    }
    entries.push({
      alias,
      containerId: begin[2] ?? '',
      text: lines.slice(index, end + 1).join('\n'),
    });
    index = end;
  }
  return entries;
}

function render(entries: readonly { text: string }[]): string {
  return [HEADER, ...entries.map((entry) => entry.text)].join('\n\n') + '\n';
}

/** Slipway's whole config file for these containers. */
export function renderSlipwayConfig(entries: readonly SshHostEntry[]): string {
  return render(entries.map((entry) => ({ text: renderHostBlock(entry) })));
}

/** Adds the entry, or replaces the one with its alias or its container. */
export function upsertEntry(text: string, entry: SshHostEntry): string {
  const block = renderHostBlock(entry);
  const key = hostEntryKey(entry.containerId, entry.jump);
  const others = parseSlipwayConfig(text).filter(
    (parsed) => parsed.alias !== entry.alias && parsed.containerId !== key,
  );
  return render([...others, { text: block }]);
}

/** Removes the entry with this alias (if any). */
export function removeEntry(text: string, alias: string): string {
  return render(parseSlipwayConfig(text).filter((parsed) => parsed.alias !== alias));
}

/**
 * The alias a container already has, so that its window's URI stays the same
 * across rebuilds (`containerId` is the entry's key: see hostEntryKey).
 */
export function aliasOfContainer(text: string, containerId: string): string | undefined {
  return parseSlipwayConfig(text).find((parsed) => parsed.containerId === containerId)?.alias;
}

/** The container's existing alias, or a new unique one from its name. */
export function chooseAlias(text: string, containerId: string, name: string): string {
  return (
    aliasOfContainer(text, containerId) ??
    uniqueAlias(
      name,
      parseSlipwayConfig(text).map((parsed) => parsed.alias),
    )
  );
}
