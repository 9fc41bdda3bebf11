import type { ContainerInfo } from '../../client/types';
import { GATEWAY_PLACEHOLDER, HOSTS_SYNC_SCRIPT } from '../../compose/hosts';
import type { ComposePlan } from '../../compose/types';
import type { EngineDeps } from '../deps';

/**
 * The hosts sync: every running project container gets its managed
 * /etc/hosts block with the current addresses. Addresses and names go to
 * the script as an argument, never into its text. Apple rewrites /etc/hosts
 * at every start, so a sync follows every start of any project container.
 */

/** Running project containers by container name. */
export type Running = ReadonlyMap<string, ContainerInfo>;

/** The block for one container: placeholders filled, lines of peers that are not running left out. */
export function filledBlock(
  lines: readonly string[],
  running: Running,
  own: ContainerInfo,
): string {
  const out: string[] = [];
  for (const line of lines) {
    let text = line;
    let known = true;
    text = text.replace(/\{\{ip:([^}]+)\}\}/g, (_match, name: string) => {
      const ip = running.get(name)?.ipAddress;
      known &&= ip !== undefined;
      return ip ?? '';
    });
    if (text.includes(GATEWAY_PLACEHOLDER)) {
      known &&= own.gateway !== undefined;
      text = text.split(GATEWAY_PLACEHOLDER).join(own.gateway ?? '');
    }
    if (known) {
      out.push(text);
    }
  }
  return out.join('\n');
}

/**
 * What the blocks depend on: each running container's address, gateway and
 * start. A container restarted since the last sync lost its block, even
 * with the same address, so the start time is part of it.
 */
export function hostsSignature(compose: ComposePlan, running: Running): string {
  return JSON.stringify(
    Object.keys(compose.hosts)
      .sort()
      .map((name) => {
        const info = running.get(name);
        return [name, info?.ipAddress ?? '', info?.gateway ?? '', info?.startedDate ?? ''];
      }),
  );
}

/**
 * Writes the blocks into every running container. An image without
 * /bin/sh cannot be written to: a warning, not a failure (its peers still
 * find it).
 */
export async function syncHosts(
  deps: EngineDeps,
  compose: ComposePlan,
  running: Running,
  signal?: AbortSignal,
): Promise<void> {
  for (const [name, lines] of Object.entries(compose.hosts)) {
    const own = running.get(name);
    if (own === undefined || own.state !== 'running') {
      continue;
    }
    const block = filledBlock(lines, running, own);
    const result = await deps.client.execCapture(
      ['exec', '--uid', '0', name, '/bin/sh', '-c', HOSTS_SYNC_SCRIPT, '-', block],
      { signal, timeoutMs: 30_000 },
    );
    if (result.exitCode !== 0) {
      deps.log(
        `Warning: could not write the project's names into /etc/hosts of ${name} (exit ${result.exitCode}): ${result.stderr.trim()}. It may not find the other services by name.\n`,
      );
    }
  }
}
