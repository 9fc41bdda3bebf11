import { shellArg } from '../shell';
import { configPath, configValue, escapePercent } from '../ssh/quoting';
import type { SshTarget } from './hostUrl';

/**
 * The `ssh` argv that runs one command on the remote Mac. Every call shares
 * one connection (ControlMaster=auto with a socket in Slipway's state
 * folder, kept ControlPersist seconds after the last call), never prompts
 * (BatchMode), and otherwise leaves everything to the user's own ssh config
 * and agent: their aliases, keys, ProxyJump and known_hosts apply.
 */

export interface SshCommandOptions {
  /** The folder of the multiplexing sockets: one per target, named `%C` (ssh's hash of host, port and user). */
  controlDir: string;
  /** Seconds the shared connection stays after the last call. */
  controlPersistSeconds: number;
  /** An ssh_config to use instead of ~/.ssh/config (`-F`; SLIPWAY_SSH_CONFIG). */
  configFile?: string;
  /** Allocate a terminal on the remote side (`exec -t` from a terminal). */
  tty: boolean;
}

export const CONTROL_PERSIST_SECONDS = 60;

export function sshArgs(
  target: SshTarget,
  remoteArgv: readonly string[],
  options: SshCommandOptions,
): string[] {
  return [
    ...(options.configFile !== undefined ? ['-F', options.configFile] : []),
    '-o',
    'BatchMode=yes',
    '-o',
    'ControlMaster=auto',
    '-o',
    `ControlPath=${controlPath(options.controlDir)}`,
    '-o',
    `ControlPersist=${options.controlPersistSeconds}`,
    // Without a limit, an unreachable Mac takes the TCP timeout (minutes) to say so.
    '-o',
    'ConnectTimeout=15',
    '-o',
    'ServerAliveInterval=15',
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
    ...(target.user !== undefined ? ['-l', target.user] : []),
    options.tty ? '-tt' : '-T',
    // Nothing after this is an option, whatever the host name looks like.
    '--',
    target.host,
    remoteCommandLine(remoteArgv),
  ];
}

/**
 * `<dir>/%C`: the folder's own `%` doubled (it is a path, not tokens), the
 * `%C` kept as ssh's token, so each target gets its own short socket name.
 */
export function controlPath(dir: string): string {
  // Refuses what ssh cannot take in a path (`${`, line breaks), with a way out.
  configPath(dir, 'ControlPath');
  return configValue(`${escapePercent(dir)}/%C`);
}

/**
 * ssh hands the remote user's login shell one string: each argument is
 * quoted for a POSIX shell (the quoting the ProxyCommand uses), so it
 * arrives as the same argv, spaces, quotes and `$` included.
 */
export function remoteCommandLine(argv: readonly string[]): string {
  return argv.map(shellArg).join(' ');
}

/** `ssh -O exit`: ends the shared connection now rather than after ControlPersist. */
export function sshExitArgs(target: SshTarget, options: SshCommandOptions): string[] {
  const all = sshArgs(target, [], options);
  const destination = all.indexOf('--');
  return [
    ...all.slice(0, destination).filter((arg) => arg !== '-T' && arg !== '-tt'),
    '-O',
    'exit',
    '--',
    target.host,
  ];
}
