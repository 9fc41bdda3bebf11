/**
 * Slipway's known_hosts file: one pinned host key per alias (`HostKeyAlias`),
 * so `StrictHostKeyChecking yes` holds for containers that have no address.
 */

export interface HostKey {
  type: string;
  blob: string;
}

/** `ssh-ed25519 AAAA... [comment]`, as a `.pub` file holds it. */
export function parseHostKey(text: string): HostKey {
  const [type = '', blob = ''] = text.trim().split(/\s+/);
  if (!/^(ssh|ecdsa|sk)-[a-z0-9@.-]+$/.test(type) || !/^AAAA[A-Za-z0-9+/]+={0,3}$/.test(blob)) {
    throw new Error(`The container's SSH host key is not a public key: ${JSON.stringify(text)}`);
  }
  return { type, blob };
}

/** The known_hosts line that pins this key for the alias. */
export function knownHostsLine(alias: string, hostKey: string): string {
  const key = parseHostKey(hostKey);
  return `${alias} ${key.type} ${key.blob}`;
}

function namesHost(line: string, alias: string): boolean {
  const hosts = line.trim().split(/\s+/)[0] ?? '';
  return hosts.split(',').includes(alias);
}

function lines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Replaces whatever was pinned for the alias (a rebuilt container has new keys). */
export function upsertKnownHost(text: string, alias: string, hostKey: string): string {
  const kept = lines(text).filter((line) => !namesHost(line, alias));
  return [...kept, knownHostsLine(alias, hostKey)].join('\n') + '\n';
}

export function removeKnownHost(text: string, alias: string): string {
  const kept = lines(text).filter((line) => !namesHost(line, alias));
  return kept.length === 0 ? '' : kept.join('\n') + '\n';
}
