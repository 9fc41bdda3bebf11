import type { HostFileSystem } from '../host';
import { APPLE_CONTAINER_ID_MAX } from '../plan/naming';
import { shortHash } from './names';

/**
 * Real DNS names for a Compose project's containers, when the user has
 * registered a DNS domain D with `sudo container system dns create D`.
 * Apple's DNS answers only under such a domain, and registers a dotted
 * container ID as it is (`db.myproj.D.`), so naming the containers
 * `<service>.<project>.<D>` and giving each `--dns-search <project>.<D>`
 * lets `db` resolve by real DNS too, on top of the managed /etc/hosts block.
 *
 * The domains are read where `container system dns list` reads them
 * (Apple's HostDNSResolver.listDomains): `/etc/resolver/containerization.<D>`.
 * That costs no `container` call (also for `slipway plan`), and tells apart
 * a `--localhost` domain (port 1053, for reaching the Mac, not containers)
 * from a container domain (port 2053), which the list's output cannot.
 * Slipway only reads these files: it never creates or removes one.
 */

export const RESOLVER_DIR = '/etc/resolver';
const PREFIX = 'containerization.';
const CONTAINER_DNS_PORT = '2053';

/** The domain a resolver file routes to Apple's container DNS, if it does. */
export function containerDnsDomain(fileName: string, content: string): string | undefined {
  if (!fileName.startsWith(PREFIX)) {
    return undefined;
  }
  const fields = new Map<string, string>();
  for (const line of content.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key !== undefined && value !== undefined && !fields.has(key)) {
      fields.set(key, value);
    }
  }
  const domain = (fields.get('domain') ?? fileName.slice(PREFIX.length)).toLowerCase();
  const valid = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain);
  return fields.get('port') === CONTAINER_DNS_PORT && valid ? domain : undefined;
}

/** The registered container DNS domains, sorted; none when the folder is missing or unreadable. */
export async function readDnsDomains(fs: HostFileSystem): Promise<string[]> {
  try {
    const names = (await fs.listDirectory(RESOLVER_DIR)).filter((n) => n.startsWith(PREFIX));
    const domains: string[] = [];
    for (const name of names.sort()) {
      const content = await fs.readTextFile(`${RESOLVER_DIR}/${name}`);
      const domain = content === undefined ? undefined : containerDnsDomain(name, content);
      if (domain !== undefined && !domains.includes(domain)) {
        domains.push(domain);
      }
    }
    return domains.sort();
  } catch {
    // Not the user's config: a resolver folder Slipway cannot read only means no DNS names.
    return [];
  }
}

/** A DNS label: lower case, letters, digits and `-` (Apple's questions are lower-cased; `_` is no host name). */
export function dnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `<service>.<project>.<domain>`, within Apple's 63 characters (the project
 * label shortened with a hash when needed); undefined when even that cannot
 * fit or a label would be empty.
 */
export function dnsContainerName(
  service: string,
  project: string,
  domain: string,
): string | undefined {
  const serviceLabel = dnsLabel(service);
  let projectLabel = dnsLabel(project);
  if (serviceLabel === '' || projectLabel === '') {
    return undefined;
  }
  const room = APPLE_CONTAINER_ID_MAX - serviceLabel.length - domain.length - 2;
  if (projectLabel.length > room) {
    const hash = shortHash(project);
    if (room < hash.length + 2) {
      return undefined;
    }
    projectLabel = `${projectLabel.slice(0, room - hash.length - 1).replace(/-+$/, '')}-${hash}`;
  }
  return `${serviceLabel}.${projectLabel}.${domain}`;
}

/** The search domain that makes a bare service name resolve to its container. */
export function projectSearchDomain(containerName: string, service: string): string {
  return containerName.slice(dnsLabel(service).length + 1);
}
