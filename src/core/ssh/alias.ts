import { slug } from '../plan/naming';

/**
 * SSH host aliases for dev containers: `slipway-<name>`, lowercase (open-remote-ssh
 * hex-escapes uppercase aliases in the window's authority) and made only of
 * `[a-z0-9-]`, so an alias is never an ssh pattern (`*`, `?`, `!`, `,`) and
 * needs no escaping in a `vscode-remote://ssh-remote+<alias>` URI.
 */

export const ALIAS_PREFIX = 'slipway-';
/** Room for a `-NNN` suffix inside one 63-character DNS label. */
const MAX_NAME = 51;

export function baseAlias(name: string): string {
  const cut = slug(name).slice(0, MAX_NAME).replace(/-+$/, '');
  return `${ALIAS_PREFIX}${cut === '' ? 'container' : cut}`;
}

/** `slipway-<name>`, with `-2`, `-3`, ... when another container already has it. */
export function uniqueAlias(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = baseAlias(name);
  if (!used.has(base)) {
    return base;
  }
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!used.has(candidate)) {
      return candidate;
    }
  }
}

export function isSlipwayAlias(alias: string): boolean {
  return /^slipway-[a-z0-9-]+$/.test(alias);
}
