import { HOSTS_MARK } from './process';
import type { ComposeServicePlan } from './types';
import { isMap, scalarText, type MapNode } from './tree';

/**
 * Service discovery Slipway brings itself: Apple has no `--add-host`, no
 * aliases, and its DNS answers only under a registered domain. Each running
 * project container gets a managed block in /etc/hosts — every service's
 * name, container name, aliases and link aliases, and its own `extra_hosts` —
 * rewritten as root after every start (IPs change on restart). Addresses are
 * filled in by the engine: `{{ip:<container>}}`, `{{gateway}}` for
 * `host-gateway`.
 */

export function ipPlaceholder(containerName: string): string {
  return `{{ip:${containerName}}}`;
}

export const GATEWAY_PLACEHOLDER = '{{gateway}}';

/** Rewrites the marked lines in place (same inode: the file may be bind-mounted), in plain sh. */
export const HOSTS_SYNC_SCRIPT = [
  'keep=""',
  `while IFS= read -r l || [ -n "$l" ]; do case "$l" in *"${HOSTS_MARK}") ;; *) keep="$keep$l`,
  '"; esac; done < /etc/hosts',
  'printf \'%s%s\\n\' "$keep" "$1" > /etc/hosts',
].join('\n');

export function hostsSyncArgv(containerName: string, lines: readonly string[]): string[] {
  return [
    'container',
    'exec',
    '--uid',
    '0',
    containerName,
    '/bin/sh',
    '-c',
    HOSTS_SYNC_SCRIPT,
    '-',
    lines.join('\n'),
  ];
}

/** The block for each container (by container name). */
export function hostsBlocks(
  plans: readonly ComposeServicePlan[],
  services: ReadonlyMap<string, MapNode>,
): Record<string, string[]> {
  const running = plans.filter((plan) => !plan.runToCompletion);
  const blocks: Record<string, string[]> = {};
  for (const plan of running) {
    const node = services.get(plan.name)!;
    const links = new Map<string, string[]>();
    const linkNode = node.entries.get('links');
    for (const link of linkNode?.kind === 'seq' ? linkNode.items : []) {
      const [target = '', alias] = (scalarText(link) ?? '').split(':');
      if (alias !== undefined) {
        links.set(target, [...(links.get(target) ?? []), alias]);
      }
    }
    const lines = running.map((peer) => {
      const names = [...new Set([...peer.hostNames, ...(links.get(peer.name) ?? [])])];
      return `${ipPlaceholder(peer.containerName)} ${names.join(' ')} ${HOSTS_MARK}`;
    });
    const extra = node.entries.get('extra_hosts');
    if (isMap(extra)) {
      for (const [host, address] of extra.entries) {
        const ip = scalarText(address) ?? '';
        lines.push(
          `${ip === 'host-gateway' ? GATEWAY_PLACEHOLDER : ip.replace(/^\[|\]$/g, '')} ${host} ${HOSTS_MARK}`,
        );
      }
    }
    blocks[plan.containerName] = lines;
  }
  return blocks;
}
