/**
 * Apple configuration → `podman create` arguments. The container really runs
 * what the configuration says (process, env, user, workdir, mounts, caps,
 * init, read-only root, memory limit), with the settings this machine needs
 * (runc, ulimits it allows, no network outside the caller's netns). CPUs,
 * ports, DNS and Rosetta are data only.
 */
import { readFileSync } from 'node:fs';
import type { AppleConfiguration, AppleMount, Rlimit } from '../model/types';

export const STATE_LABEL = 'slipway.standin.state';
export const ID_LABEL = 'slipway.standin.id';
const SSH_SOCKET_PATH = '/run/host-services/ssh-auth.sock';

/** Docker's default capability set, which Apple's runtime also starts from. */
const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Drops first, then adds (Apple applies adds after drops); ALL on either side wins there. */
function capabilityArgs(config: AppleConfiguration): string[] {
  if (config.capAdd.includes('ALL')) {
    return ['--cap-add=all'];
  }
  const drops = new Set(config.capDrop);
  const kept = drops.has('ALL') ? [] : DEFAULT_CAPABILITIES.filter((cap) => !drops.has(cap));
  const effective = [...new Set([...kept, ...config.capAdd])];
  return ['--cap-drop=all', ...effective.map((cap) => `--cap-add=${cap}`)];
}

/** Hard limits of this process: a container may not ask for more (setrlimit EPERM). */
function hardLimits(): Map<string, bigint> {
  const limits = new Map<string, bigint>();
  try {
    for (const line of readFileSync('/proc/self/limits', 'utf8').split('\n')) {
      const match = /^Max (open files|processes)\s+\S+\s+(\d+|unlimited)/.exec(line);
      if (match?.[1] && match[2] && match[2] !== 'unlimited') {
        limits.set(match[1] === 'open files' ? 'nofile' : 'nproc', BigInt(match[2]));
      }
    }
  } catch {
    // Not Linux: nothing to clamp against.
  }
  return limits;
}

/** The recipe from test-platform.md, then the container's own --ulimit values where allowed. */
function ulimitArgs(rlimits: readonly Rlimit[]): string[] {
  const wanted = new Map<string, [bigint, bigint]>([
    ['nofile', [1024n, 1024n]],
    ['nproc', [1024n, 1024n]],
  ]);
  const ceilings = hardLimits();
  for (const rlimit of rlimits) {
    const type = rlimit.limit.replace(/^RLIMIT_/, '').toLowerCase();
    const ceiling = ceilings.get(type);
    const clamp = (value: bigint): bigint =>
      ceiling !== undefined && value > ceiling ? ceiling : value;
    wanted.set(type, [clamp(BigInt(rlimit.soft)), clamp(BigInt(rlimit.hard))]);
  }
  return [...wanted].flatMap(([type, [soft, hard]]) => {
    const text = (value: bigint): string => (value >= 2n ** 63n ? '-1' : value.toString());
    return ['--ulimit', `${type}=${text(soft)}:${text(hard)}`];
  });
}

function userArg(config: AppleConfiguration): string {
  const user = config.initProcess.user;
  return 'raw' in user ? user.raw.userString : `${user.id.uid}:${user.id.gid}`;
}

export function podmanVolumeName(stateTag: string, name: string): string {
  return `sw-${stateTag}-${name}`;
}

function mountArgs(mount: AppleMount, stateTag: string): string[] {
  const readOnly = mount.options.includes('ro');
  if ('virtiofs' in mount.type) {
    return [
      '--mount',
      `type=bind,source=${mount.source},destination=${mount.destination}${readOnly ? ',ro=true' : ''}`,
    ];
  }
  if ('tmpfs' in mount.type) {
    const extra = mount.options.flatMap((option) => {
      const [key, value] = option.split('=', 2);
      return key === 'size' || key === 'mode' ? [`tmpfs-${key}=${value}`] : [];
    });
    const fields = [`type=tmpfs`, `destination=${mount.destination}`, ...extra];
    return ['--mount', [...fields, ...(readOnly ? ['ro=true'] : [])].join(',')];
  }
  // Apple's volumes are empty ext4 disks owned by root: no copy-up from the image.
  const volumeOptions = ['nocopy', ...(readOnly ? ['ro'] : [])].join(',');
  const name = podmanVolumeName(stateTag, mount.type.volume.name);
  return ['--volume', `${name}:${mount.destination}:${volumeOptions}`];
}

function memoryArgs(bytes: number): string[] {
  return Number.isFinite(bytes) && bytes > 0
    ? ['--memory', `${bytes}b`, '--memory-swap', `${bytes}b`]
    : [];
}

export function podmanCreateArgs(
  config: AppleConfiguration,
  podmanName: string,
  stateTag: string,
  interactive: boolean,
  sshAuthSock: string | undefined,
  /** `--network none`, or the container's podman networks (CONTAINER_STANDIN_NETNS). */
  networkArgs: readonly string[],
): string[] {
  const process = config.initProcess;
  // --ssh: the host's agent socket at Apple's fixed path (resolved once, at create).
  const ssh =
    config.ssh && sshAuthSock !== undefined && sshAuthSock !== ''
      ? [
          '--mount',
          `type=bind,source=${sshAuthSock},destination=${SSH_SOCKET_PATH}`,
          '--env',
          `SSH_AUTH_SOCK=${SSH_SOCKET_PATH}`,
        ]
      : [];
  const args = [
    'create',
    '--name',
    podmanName,
    '--pull=never',
    '--runtime',
    '/usr/sbin/runc',
    ...networkArgs,
    '--log-driver',
    'k8s-file',
    // Apple's hostname is the container ID up to its first dot.
    '--hostname',
    config.id.split('.')[0] ?? config.id,
    // podman adds container=podman (and TERM=xterm) to the environment; Apple's
    // process gets exactly its configured environment.
    '--unsetenv',
    'container',
    ...(process.terminal || process.environment.some((e) => e.startsWith('TERM='))
      ? []
      : ['--unsetenv', 'TERM']),
    '--label',
    `${STATE_LABEL}=${stateTag}`,
    '--label',
    `${ID_LABEL}=${config.id}`,
    ...Object.entries(config.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    ...ulimitArgs(process.rlimits),
    ...capabilityArgs(config),
    '--entrypoint',
    JSON.stringify([process.executable]),
    '--workdir',
    process.workingDirectory,
    '--user',
    userArg(config),
    ...process.supplementalGroups.flatMap((gid) => ['--group-add', String(gid)]),
    ...process.environment.flatMap((entry) => ['--env', entry]),
    ...(interactive ? ['--interactive'] : []),
    ...(process.terminal ? ['--tty'] : []),
    ...(config.useInit ? ['--init'] : []),
    ...(config.readOnly ? ['--read-only', '--read-only-tmpfs=false'] : []),
    ...(config.shmSize === undefined ? [] : ['--shm-size', `${config.shmSize}b`]),
    // The VM's memory is a hard limit at Apple (no swap, no ballooning): a process that
    // goes past it is OOM-killed, which `logs --boot` then reports.
    ...memoryArgs(config.resources.memoryInBytes),
    ...(config.stopSignal === undefined ? [] : ['--stop-signal', config.stopSignal]),
    ...config.mounts.flatMap((mount) => mountArgs(mount, stateTag)),
    ...ssh,
  ];
  return args;
}
