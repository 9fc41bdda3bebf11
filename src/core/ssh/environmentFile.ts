/**
 * The environment SSH sessions get, as `~/.ssh/environment` (read by sshd when
 * `PermitUserEnvironment` is on, which the ProxyCommand's sshd sets).
 *
 * Why this file: sshd starts sessions with a fresh environment, not the
 * container's. Remote-SSH runs its server through a non-login `bash -c`, so
 * `/etc/profile.d` is never read; `SetEnv` in the host's config needs the
 * image's sshd to `AcceptEnv` every name, is one line for all pairs, and would
 * copy the container's (possibly secret) environment into the Mac's SSH
 * config. sshd reads this file itself, before any shell, for every session
 * (shell, exec, sftp, the VS Code server), and takes each value verbatim after
 * the first `=` up to the end of the line: spaces, quotes and `$` need no
 * quoting at all.
 */

/** sshd sets these per session (or the client does); the container's values would be wrong. */
const SESSION_NAMES = new Set([
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'MAIL',
  'PWD',
  'OLDPWD',
  'SHLVL',
  'HOSTNAME',
  'TERM',
  'DISPLAY',
  'XAUTHORITY',
  '_',
]);

/** sshd aborts the session past 1,000 lines; keep well below. */
const MAX_ENTRIES = 900;

export interface SshEnvironment {
  /** The file's content. */
  text: string;
  /** Names left out: values with line breaks (the format cannot hold them) or beyond the line limit. */
  skipped: string[];
}

/**
 * The container's environment (`NAME=value` entries, as `container inspect`
 * reports them) with `remoteEnv` on top (already substituted; `null` removes).
 */
export function sshEnvironment(
  containerEnv: readonly string[],
  remoteEnv: Readonly<Record<string, string | null>> = {},
): SshEnvironment {
  const merged = new Map<string, string>();
  for (const entry of containerEnv) {
    const equals = entry.indexOf('=');
    if (equals > 0) {
      merged.set(entry.slice(0, equals), entry.slice(equals + 1));
    }
  }
  for (const [name, value] of Object.entries(remoteEnv)) {
    if (value === null) {
      merged.delete(name);
    } else {
      merged.set(name, value);
    }
  }
  const lines = ['# Written by Slipway: the dev container environment for SSH sessions.'];
  const skipped: string[] = [];
  for (const [name, value] of merged) {
    if (
      !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
      SESSION_NAMES.has(name) ||
      name.startsWith('SSH_')
    ) {
      continue;
    }
    if (/[\r\n\0]/.test(value) || lines.length > MAX_ENTRIES) {
      skipped.push(name);
      continue;
    }
    lines.push(`${name}=${value}`);
  }
  return { text: lines.join('\n') + '\n', skipped };
}
