import type { PlanWarning } from '../plan/problems';
import { isTrue } from './values';
import {
  failAtNode,
  formatKeyPath,
  isMap,
  keyWhere,
  scalarText,
  type MapNode,
  type Where,
} from './tree';

/**
 * What Apple container cannot do for a Compose service, said before anything
 * is created: refused with the file, line, column and why, or left out with
 * a warning when the service still makes sense without it.
 */

const REFUSED: Record<string, string> = {
  pid: 'Apple container VMs cannot share a process namespace with anything.',
  ipc: 'Apple container VMs cannot share an IPC namespace.',
  devices: 'Apple container has no device passthrough.',
  gpus: 'Apple container VMs have no GPU.',
  volumes_from:
    "Apple container cannot share one container's volumes with another; name the volumes in each service instead.",
  userns_mode: 'Apple container has no user-namespace modes.',
  sysctls: 'Apple container has no option to set kernel parameters.',
  cgroup_parent: 'Apple container VMs have no shared cgroup tree.',
  domainname: 'Apple container has no option to set the domain name.',
};

const LEFT_OUT: Record<string, string> = {
  restart: 'Apple container has no restart policies; Slipway starts the service on each up.',
  logging: 'Apple container has no logging drivers; `container logs` shows the output.',
  security_opt: 'Apple container has no seccomp, AppArmor or SELinux options.',
  secrets: 'Slipway does not mount Compose secrets yet.',
  configs: 'Slipway does not mount Compose configs yet.',
  develop: 'Compose Watch needs Docker Compose.',
  mac_address: 'Slipway does not set MAC addresses.',
  stop_signal: 'Apple container stops with SIGTERM, then SIGKILL.',
  oom_kill_disable: 'Apple container has no OOM killer settings.',
  oom_score_adj: 'Apple container has no OOM killer settings.',
  mem_reservation: "Apple container reserves the VM's whole memory.",
  memswap_limit: 'Apple container VMs have no swap settings.',
  cpu_shares: 'Apple container gives each VM whole CPUs (cpus).',
  cpuset: 'Apple container gives each VM whole CPUs (cpus).',
  pids_limit: 'Apple container has no pids limit.',
  isolation: 'Apple container always isolates each container in its own VM.',
  runtime: "Slipway uses Apple's own container runtime.",
  post_start: 'Slipway does not run Compose lifecycle hooks; use the devcontainer.json ones.',
  pre_stop: 'Slipway does not run Compose lifecycle hooks; use the devcontainer.json ones.',
  attach: "Apple container keeps every container's logs.",
  annotations: 'Apple container has no annotations.',
  storage_opt: 'Apple container has no storage options.',
  blkio_config: 'Apple container has no block I/O limits.',
  device_cgroup_rules: 'Apple container has no device access.',
  external_links: 'Slipway links only services of the project.',
  cpu_count: 'use "cpus" for the VM\'s CPUs.',
  cpu_percent: 'use "cpus" for the VM\'s CPUs.',
  cpu_period: 'use "cpus" for the VM\'s CPUs.',
  cpu_quota: 'use "cpus" for the VM\'s CPUs.',
  cpu_rt_period: 'use "cpus" for the VM\'s CPUs.',
  cpu_rt_runtime: 'use "cpus" for the VM\'s CPUs.',
  mem_swappiness: 'Apple container VMs have no swap settings.',
  credential_spec: 'Windows only.',
  uts: 'Apple container has no UTS namespace modes.',
};

/** Keys Slipway translates (or that need no translation). */
export const HANDLED_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'expose',
  'volumes',
  'tmpfs',
  'depends_on',
  'healthcheck',
  'networks',
  'network_mode',
  'links',
  'extra_hosts',
  'container_name',
  'working_dir',
  'user',
  'init',
  'cap_add',
  'cap_drop',
  'read_only',
  'shm_size',
  'ulimits',
  'dns',
  'dns_search',
  'dns_opt',
  'labels',
  'platform',
  'stop_grace_period',
  'tty',
  'stdin_open',
  'profiles',
  'cpus',
  'mem_limit',
  'deploy',
  'hostname',
  'scale',
  'pull_policy',
  'privileged',
  'extends',
]);

function refuse(where: Where, keyPath: Array<string | number>, why: string): never {
  failAtNode(
    where,
    keyPath,
    `${why} Slipway refuses this service rather than start it differently from what the Compose file says.`,
  );
}

/** Refuses or warns about a selected service's keys; throws on the first refusal. */
export function checkService(name: string, service: MapNode, warnings: PlanWarning[]): void {
  const path = (key: string): Array<string | number> => ['services', name, key];
  const warn = (key: string, message: string) => {
    const where = keyWhere(service, key);
    warnings.push({
      property: `${where.file}:${where.line}:${where.column}`,
      message: `${formatKeyPath(path(key))}: ${message}`,
    });
  };
  for (const [key, node] of service.entries) {
    const where = keyWhere(service, key);
    const refused = REFUSED[key];
    if (refused !== undefined) {
      refuse(where, path(key), refused);
    }
    if (key === 'network_mode') {
      const mode = scalarText(node) ?? '';
      if (!mode.startsWith('service:')) {
        refuse(
          where,
          path(key),
          `"${mode}" needs a network namespace shared with ${mode === 'host' ? 'the Mac' : mode === 'none' ? 'nothing (no network at all)' : 'another container'}, which Apple container VMs cannot have; only "service:<name>" is supported (Slipway brings that service's ports to this one's localhost).`,
        );
      }
    } else if (key === 'hostname' && scalarText(node) !== name) {
      refuse(
        where,
        path(key),
        `Apple container has no option to set the hostname, so it cannot be "${scalarText(node) ?? ''}"; other services reach this one as "${name}".`,
      );
    } else if (key === 'scale' && Number(scalarText(node) ?? 1) > 1) {
      refuse(
        where,
        path(key),
        'Slipway runs one container per service; Apple container has no replicas.',
      );
    } else if (key === 'deploy' && isMap(node)) {
      const replicas = node.entries.get('replicas');
      if (replicas !== undefined && Number(scalarText(replicas) ?? 1) > 1) {
        refuse(
          keyWhere(node, 'replicas'),
          [...path(key), 'replicas'],
          'Slipway runs one container per service; Apple container has no replicas.',
        );
      }
    } else if (key === 'networks' && isMap(node)) {
      for (const [network, settings] of node.entries) {
        for (const address of ['ipv4_address', 'ipv6_address']) {
          if (isMap(settings) && settings.entries.has(address)) {
            refuse(
              keyWhere(settings, address),
              [...path(key), network, address],
              'Apple container assigns addresses itself; a static address cannot be set.',
            );
          }
        }
      }
    } else if (key === 'build' && isMap(node)) {
      for (const [option, why] of Object.entries(BUILD_REFUSED)) {
        if (node.entries.has(option)) {
          refuse(keyWhere(node, option), [...path(key), option], why);
        }
      }
      const platforms = node.entries.get('platforms');
      if (platforms?.kind === 'seq' && platforms.items.length > 1) {
        refuse(
          keyWhere(node, 'platforms'),
          [...path(key), 'platforms'],
          "Apple's container build makes one platform at a time for a dev container.",
        );
      }
    } else if (key === 'privileged' && isTrue(node.kind === 'scalar' ? node.value : null)) {
      warn(
        key,
        'Apple container has no privileged mode: Slipway adds "--cap-add ALL" instead, which grants every capability but no device access.',
      );
    } else if (LEFT_OUT[key] !== undefined) {
      warn(key, `left out: ${LEFT_OUT[key]}`);
    } else if (!HANDLED_KEYS.has(key) && !key.startsWith('x-')) {
      warn(key, 'left out: Slipway does not translate this key for Apple container.');
    }
  }
}

const BUILD_REFUSED: Record<string, string> = {
  additional_contexts: "Apple's container build has no additional build contexts.",
  ssh: 'Slipway does not forward SSH agents into Compose builds yet.',
  secrets: 'Slipway does not pass build secrets to Compose builds yet.',
};

/** Top-level network settings Apple cannot create. */
export function checkNetwork(name: string, network: MapNode): void {
  const driver = scalarText(network.entries.get('driver'));
  if (driver !== undefined && driver !== 'bridge' && driver !== 'default') {
    refuse(
      keyWhere(network, 'driver'),
      ['networks', name, 'driver'],
      `Apple container networks have no "${driver}" driver; leave "driver" out (or use "bridge").`,
    );
  }
}
