/**
 * Quoting for the two languages an SSH host entry is written in: ssh_config
 * itself, and the `/bin/sh -c` command line ssh builds from `ProxyCommand`.
 */

export { shellArg } from '../shell';

/**
 * A `%` is the start of a token (`%h`, `%r`, ...) in the directives ssh
 * expands, and an unknown token is a fatal config error, so a literal one is
 * written `%%`.
 */
export function escapePercent(value: string): string {
  return value.replace(/%/g, '%%');
}

/**
 * One ssh_config value. ssh splits a line on blanks and understands double
 * quotes with `\"` and `\\` escapes inside (OpenSSH 8.7 and later; macOS
 * ships 9.x), so anything that is not a plain word is double-quoted.
 */
export function configValue(value: string): string {
  if (value !== '' && /^[^\s"'\\#]+$/.test(value)) {
    return value;
  }
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/**
 * A file path for a directive that ssh expands (`IdentityFile`,
 * `UserKnownHostsFile`): `%` is doubled, and `${` (environment expansion,
 * which has no escape) is refused with a way out.
 */
export function configPath(value: string, directive: string): string {
  if (value.includes('${')) {
    throw new Error(
      `${directive} ${value} contains "\${", which ssh would read as an environment variable. ` +
        'Set SLIPWAY_SSH_DIR to a folder without "${" in its path and try again.',
    );
  }
  if (/[\r\n]/.test(value)) {
    throw new Error(
      `${directive} ${JSON.stringify(value)} contains a line break; ssh cannot use it.`,
    );
  }
  return configValue(escapePercent(value));
}
