import { CONTAINER_RELEASES_URL } from '../client/classifyFailure';

/**
 * Which side of `--host` failed, for the user: the SSH connection to the
 * other Mac, or that Mac's own set-up. Each says what to do.
 */

export type RemoteFailureReason =
  | 'sshMissing'
  | 'hostUnknown'
  | 'unreachable'
  | 'authentication'
  | 'hostKeyChanged'
  | 'hostKeyUnknown'
  | 'connectionLost'
  | 'sshFailed'
  | 'containerMissing'
  | 'workspaceMissing';

export class RemoteHostError extends Error {
  override readonly name = 'SlipwayRemoteHostError';
  constructor(
    /** `ssh`: the connection; `remote`: the Mac at the other end. */
    readonly side: 'ssh' | 'remote',
    readonly reason: RemoteFailureReason,
    message: string,
    readonly remedy: string,
    /** ssh's own last words, when it had any. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isRemoteHostError(error: unknown): error is RemoteHostError {
  return error instanceof Error && error.name === 'SlipwayRemoteHostError';
}

/** ssh's meaningful lines: its warning banners of `@` signs and blank lines are noise. */
function sshLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^@+$/.test(line) && !line.startsWith('@'));
}

/**
 * What ssh's exit status 255 (its own failure, never the remote command's)
 * and its stderr mean. The patterns are OpenSSH's messages, the same on
 * macOS and Linux.
 */
export function classifySshFailure(label: string, stderr: string): RemoteHostError {
  const lines = sshLines(stderr);
  const last = lines.at(-1);
  const detail = last === undefined ? undefined : last.startsWith('ssh: ') ? last : `ssh: ${last}`;
  const text = stderr;
  const make = (reason: RemoteFailureReason, message: string, remedy: string) =>
    new RemoteHostError('ssh', reason, message, remedy, detail);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(text)) {
    return make(
      'hostKeyChanged',
      `SSH to ${label} refused: the Mac's host key is not the one your known_hosts pins (it may have been reinstalled, or someone is in between).`,
      `Check the new key's fingerprint on the Mac itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); if it matches, remove the old key with ssh-keygen -R <host> and connect once with ssh to pin the new one.`,
    );
  }
  if (/Host key verification failed|No .* host key is known/i.test(text)) {
    return make(
      'hostKeyUnknown',
      `SSH to ${label} refused: the Mac's host key is not in your known_hosts, and Slipway never accepts a key without you.`,
      `Connect once in a terminal (ssh ${label}), check the fingerprint and answer yes; then run slipway again.`,
    );
  }
  if (/Permission denied \(|Too many authentication failures/i.test(text)) {
    return make(
      'authentication',
      `SSH to ${label} connected, but the Mac refused every key offered (authentication failed).`,
      `Slipway never types passwords: add your public key to ~/.ssh/authorized_keys on the Mac (ssh-copy-id ${label}), or load the key into your agent (ssh-add), and check that plain ssh ${label} logs in without a prompt.`,
    );
  }
  if (/Could not resolve hostname|Name or service not known|nodename nor servname/i.test(text)) {
    return make(
      'hostUnknown',
      `SSH cannot find the host ${label}: the name does not resolve.`,
      `Check the spelling, or add a Host entry for it to ~/.ssh/config (HostName, User, Port).`,
    );
  }
  if (/Connection refused/i.test(text)) {
    return make(
      'unreachable',
      `SSH to ${label} failed: nothing accepts SSH connections at that address and port (connection refused).`,
      `Turn on Remote Login on the Mac (System Settings › General › Sharing › Remote Login), and check the port in the URL or your ssh config.`,
    );
  }
  if (
    /timed out|No route to host|Network is unreachable|Host is down|Connection reset/i.test(text)
  ) {
    return make(
      'unreachable',
      `SSH to ${label} failed: the Mac did not answer (unreachable or asleep).`,
      `Check that the Mac is awake and on the network (VPN included), and that plain ssh ${label} connects.`,
    );
  }
  if (
    /Connection closed|closed by remote host|broken pipe|kex_exchange_identification/i.test(text)
  ) {
    return make(
      'connectionLost',
      `The SSH connection to ${label} was closed before the command finished.`,
      `Run the command again; if it keeps happening, check the Mac's network and its sshd (MaxStartups, MaxSessions).`,
    );
  }
  return make(
    'sshFailed',
    `SSH to ${label} failed${last !== undefined ? `: ${last}` : '.'}`,
    `Check that plain ssh ${label} connects without a prompt; Slipway uses your ssh config and agent as they are.`,
  );
}

/**
 * Exit status 255 is ssh's own failure, but also any remote command's that
 * exits 255: it is ssh's when ssh's words say so.
 */
export function isSshOwnFailure(stderr: string): boolean {
  return (
    classifySshFailure('', stderr).reason !== 'sshFailed' ||
    /^ssh: |mux_client|control socket|ControlPath/im.test(stderr)
  );
}

/** ssh itself could not be started. */
export function sshMissingError(): RemoteHostError {
  return new RemoteHostError(
    'ssh',
    'sshMissing',
    'The ssh command was not found on this machine, and --host needs it.',
    'Install OpenSSH (it comes with macOS; on Linux the openssh-client package) and try again.',
  );
}

/** The Mac at the other end has no `container` where Slipway looked. */
export function remoteContainerMissingError(label: string, configured?: string): RemoteHostError {
  return new RemoteHostError(
    'remote',
    'containerMissing',
    configured !== undefined
      ? `Apple's container CLI is not at ${configured} on ${label} (SLIPWAY_CONTAINER).`
      : `Apple's container CLI is not installed on ${label} (not on the PATH of an SSH command there, nor in /usr/local/bin).`,
    `Install it on that Mac from ${CONTAINER_RELEASES_URL} and start it there with container system start; or set SLIPWAY_CONTAINER to its path on ${label}.`,
  );
}

export function remoteWorkspaceMissingError(label: string, folder: string): RemoteHostError {
  return new RemoteHostError(
    'remote',
    'workspaceMissing',
    `The workspace folder ${folder} does not exist on ${label}. With --host, paths are paths on that Mac.`,
    `Clone or copy the project there, or give --workspace-folder as the folder's path on ${label}.`,
  );
}
