/**
 * Quoting for POSIX `sh`, the one shell language Slipway writes (profile
 * scripts in the container, Features' env files, the SSH ProxyCommand).
 * Values always travel as data: a single quote ends the quoting, is escaped
 * and the quoting restarts.
 */

/** Always single-quoted: safe whatever the value holds. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What the shell never needs quoted. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as it is when it is plainly safe (readable config lines), otherwise quoted. */
export function shellArg(value: string): string {
  return SHELL_SAFE.test(value) ? value : shellQuote(value);
}
