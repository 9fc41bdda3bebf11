import * as path from 'node:path';
import { DOCKER_RUN_FLAGS, isOn, parseDockerArgs, type ParsedDockerArg } from './dockerFlags';
import { parseMountString, parseVolumeFlag, type Mount } from './mounts';
import { translatePublish, type PublishedPort } from './ports';
import { ValueProblem, type PlanWarning } from './problems';
import { parseSize } from './sizes';
import {
  argumentValueProblem,
  capabilityProblem,
  MAX_CPUS,
  MAX_MEMORY_BYTES,
  ulimitProblem,
  ulimitType,
} from './argValues';

/**
 * `runArgs` are Docker `run` options. The ones Apple's `container run` has are
 * translated; the rest are left out with a warning that names them, because a
 * single unknown option makes Apple exit 64 and the whole start fail.
 */

export interface RunArgsTranslation {
  cpus?: { value: number; index: number };
  memory?: { bytes: number; index: number; text: string };
  platform?: { value: string; index: number };
  name?: { value: string; index: number };
  user?: string;
  workdir?: string;
  entrypoint?: string;
  env: string[];
  envFiles: string[];
  labels: Array<[string, string]>;
  mounts: Array<{ mount: Mount; index: number }>;
  ports: Array<PublishedPort & { index: number }>;
  capAdd: string[];
  capDrop: string[];
  init: boolean;
  privileged: boolean;
  /** Options Apple takes as Docker writes them: `--dns`, `--ulimit`, `--rm`, ... */
  passThrough: string[];
  /** The ulimit types set so far: Apple refuses one given twice. */
  ulimitTypes: Set<string>;
  warnings: PlanWarning[];
}

/** A network's name; Apple reads "," in --network as the start of its own properties. */
const NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Why Apple has no equivalent, for the warning. */
const DROPPED_REASONS: Record<string, string> = {
  '--security-opt': 'Apple container has no seccomp, AppArmor or SELinux options',
  '--gpus': 'Apple container VMs have no GPU passthrough',
  '--device': 'Apple container VMs have no device passthrough',
  '--hostname': "the hostname is the container's name on Apple container",
  '--add-host': 'Apple container cannot add /etc/hosts entries when it creates a container',
  '--ipc': 'each Apple container is its own VM, with its own IPC namespace',
  '--pid': 'each Apple container is its own VM, with its own process namespace',
  '--uts': 'each Apple container is its own VM',
  '--userns': 'each Apple container is its own VM',
  '--cgroupns': 'each Apple container is its own VM',
  '--restart': 'Apple container has no restart policies',
  '--pull': 'Apple container pulls a missing image when it runs',
  '--publish-all': 'Apple container has no publish-all; use forwardPorts or appPort',
  '--expose': 'Apple container has no --expose; use forwardPorts or appPort',
  '--cpu-shares': 'Apple gives each container whole vCPUs; set slipway.cpus instead',
  '--attach': 'Slipway starts the dev container detached',
  '--interactive': 'Slipway starts the dev container detached',
  '--tty': 'Slipway starts the dev container detached',
  '--detach': 'Slipway always starts the dev container detached',
  '--mac-address': 'Apple container sets a MAC address per network, not with --mac-address',
  '--domainname': 'Apple container has no --domainname',
  '--runtime': "Docker's runtimes do not exist on Apple container",
  '--sysctl': 'Apple container has no --sysctl option',
  '--label-file': 'Apple container has no --label-file; use --label',
  '--stop-signal': "Apple container stops with the image's StopSignal",
  '--stop-timeout': 'Apple container has no --stop-timeout',
};

function reasonFor(name: string): string {
  const reason = DROPPED_REASONS[name];
  if (reason !== undefined) {
    return reason;
  }
  if (/^--(cpu|cpuset|memory-|kernel-memory|blkio|device-|io-|oom|pids)/.test(name)) {
    return 'each Apple container is a VM sized by --cpus and --memory only (see slipway.cpus and slipway.memory)';
  }
  if (/^--(health|no-healthcheck)/.test(name)) {
    return 'Apple container has no health checks';
  }
  if (
    /^--(log-|link|network-alias|net-alias|ip|link-local-ip|group-add|cgroup-parent)/.test(name)
  ) {
    return 'Apple container has no equivalent';
  }
  return 'Apple container has no such option';
}

function requireValue(flag: ParsedDockerArg): string {
  if (flag.value === undefined) {
    throw new ValueProblem(`"${flag.name}" in runArgs needs a value`, flag.index);
  }
  const problem = argumentValueProblem(flag.value, `The value of "${flag.name}" in runArgs`);
  if (problem !== undefined) {
    throw new ValueProblem(problem, flag.index);
  }
  return flag.value;
}

function capability(flag: ParsedDockerArg): string {
  const value = requireValue(flag);
  const problem = capabilityProblem(value, `"${flag.name}" in runArgs`);
  if (problem !== undefined) {
    throw new ValueProblem(problem, flag.index);
  }
  return value;
}

function emptyTranslation(): RunArgsTranslation {
  return {
    env: [],
    envFiles: [],
    labels: [],
    mounts: [],
    ports: [],
    capAdd: [],
    capDrop: [],
    init: false,
    privileged: false,
    passThrough: [],
    ulimitTypes: new Set(),
    warnings: [],
  };
}

type Handler = (flag: ParsedDockerArg, out: RunArgsTranslation, context: RunArgsContext) => void;

export interface RunArgsContext {
  /** Relative paths (`--env-file`, `-v ./x:...`) are taken from the workspace folder, as VS Code runs Docker there. */
  workspaceFolder: string;
}

function withProblemIndex<T>(index: number, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ValueProblem && error.index === undefined) {
      throw new ValueProblem(error.message, index);
    }
    throw error;
  }
}

function warn(out: RunArgsTranslation, message: string): void {
  out.warnings.push({ property: 'runArgs', message });
}

const passValue =
  (appleName: string): Handler =>
  (flag, out) => {
    out.passThrough.push(appleName, requireValue(flag));
  };

const HANDLERS: Record<string, Handler> = {
  '--cpus': (flag, out) => {
    const text = requireValue(flag);
    const amount = Number(text);
    if (!Number.isFinite(amount) || amount <= 0 || amount > MAX_CPUS) {
      throw new ValueProblem(
        `"--cpus ${text}" in runArgs is not a number of CPUs from 1 to ${MAX_CPUS}`,
        flag.index,
      );
    }
    const value = Math.ceil(amount);
    if (value !== amount) {
      warn(out, `Apple gives whole vCPUs: "--cpus ${text}" becomes ${value}.`);
    }
    out.cpus = { value, index: flag.index };
  },
  '--memory': (flag, out) => {
    const text = requireValue(flag);
    const bytes = parseSize(text);
    if (bytes === undefined || bytes > MAX_MEMORY_BYTES) {
      throw new ValueProblem(
        `"--memory ${text}" in runArgs is not a size (such as 4g or 512m) of at most 16 TiB`,
        flag.index,
      );
    }
    out.memory = { bytes, index: flag.index, text };
  },
  '--platform': (flag, out) => {
    out.platform = { value: requireValue(flag), index: flag.index };
  },
  '--arch': (flag, out) => {
    out.platform = { value: `linux/${requireValue(flag)}`, index: flag.index };
  },
  '--name': (flag, out) => {
    out.name = { value: requireValue(flag), index: flag.index };
  },
  '--user': (flag, out) => {
    out.user = requireValue(flag);
  },
  '--workdir': (flag, out) => {
    out.workdir = requireValue(flag);
  },
  '--entrypoint': (flag, out) => {
    out.entrypoint = requireValue(flag);
  },
  '--env': (flag, out) => {
    const value = requireValue(flag);
    if (value === '' || value.startsWith('=')) {
      throw new ValueProblem(`"-e ${value}" in runArgs has no variable name`, flag.index);
    }
    out.env.push(value);
  },
  '--env-file': (flag, out, context) => {
    out.envFiles.push(path.posix.resolve(context.workspaceFolder, requireValue(flag)));
  },
  '--label': (flag, out) => {
    const value = requireValue(flag);
    const equals = value.indexOf('=');
    out.labels.push(equals < 0 ? [value, ''] : [value.slice(0, equals), value.slice(equals + 1)]);
  },
  '--volume': (flag, out, context) => {
    const mount = parseVolumeFlag(requireValue(flag));
    if (mount.type === 'bind' && mount.source !== undefined) {
      mount.source = path.posix.resolve(context.workspaceFolder, mount.source);
    }
    out.mounts.push({ mount, index: flag.index });
  },
  '--mount': (flag, out) => {
    out.mounts.push({ mount: parseMountString(requireValue(flag)), index: flag.index });
  },
  '--tmpfs': (flag, out) => {
    const [target = '', options] = requireValue(flag).split(':');
    const dropped = options === undefined ? [] : options.split(',').filter((o) => o !== '');
    out.mounts.push({
      mount: { type: 'tmpfs', target, readonly: false, dropped },
      index: flag.index,
    });
  },
  '--publish': (flag, out) => {
    const port = translatePublish(requireValue(flag));
    out.ports.push({ ...port, index: flag.index });
  },
  '--cap-add': (flag, out) => {
    out.capAdd.push(capability(flag));
  },
  '--cap-drop': (flag, out) => {
    out.capDrop.push(capability(flag));
  },
  '--init': (flag, out) => {
    out.init = isOn(flag);
  },
  '--privileged': (flag, out) => {
    out.privileged = isOn(flag);
  },
  '--rm': (flag, out) => {
    if (isOn(flag)) {
      out.passThrough.push('--rm');
    }
  },
  '--read-only': (flag, out) => {
    if (isOn(flag)) {
      out.passThrough.push('--read-only');
    }
  },
  '--network': (flag, out) => {
    const network = requireValue(flag);
    if (network === 'bridge' || network === 'default') {
      return;
    }
    if (network === 'host' || network.startsWith('container:')) {
      warn(
        out,
        `Apple container has no "--network ${network}": each container is a VM with its own IP on the default network; it was left out.`,
      );
      return;
    }
    if (!NETWORK_NAME.test(network)) {
      throw new ValueProblem(
        `"--network ${network}" in runArgs is not a network name (letters, digits, "_", "." or "-")`,
        flag.index,
      );
    }
    out.passThrough.push('--network', network);
  },
  '--dns': passValue('--dns'),
  '--dns-search': passValue('--dns-search'),
  '--dns-option': passValue('--dns-option'),
  '--dns-opt': passValue('--dns-option'),
  '--ulimit': (flag, out) => {
    const value = requireValue(flag);
    const problem = ulimitProblem(value);
    if (problem !== undefined) {
      throw new ValueProblem(problem, flag.index);
    }
    const type = ulimitType(value);
    if (out.ulimitTypes.has(type)) {
      throw new ValueProblem(`runArgs sets the ulimit "${type}" twice`, flag.index);
    }
    out.ulimitTypes.add(type);
    out.passThrough.push('--ulimit', value);
  },
  '--shm-size': (flag, out) => {
    const value = requireValue(flag);
    const bytes = parseSize(value);
    if (bytes === undefined || bytes > MAX_MEMORY_BYTES) {
      throw new ValueProblem(
        `"--shm-size ${value}" in runArgs is not a size (such as 64m or 1g) of at most 16 TiB`,
        flag.index,
      );
    }
    out.passThrough.push('--shm-size', value);
  },
  // Apple's `run --cidfile` overwrites whatever file is there, and a runArgs
  // path may name any file of the user's; Slipway finds its container by its
  // labels, so the file is never needed.
  '--cidfile': (flag, out) => {
    warn(
      out,
      `Left out "--cidfile ${flag.value ?? ''}" from runArgs: Apple's container run --cidfile overwrites an existing file, and Slipway finds the container by its labels.`,
    );
  },
};
HANDLERS['--net'] = HANDLERS['--network'] as Handler;

/** Translates `runArgs` (already variable-substituted). */
export function translateRunArgs(
  args: readonly string[],
  context: RunArgsContext,
): RunArgsTranslation {
  const out = emptyTranslation();
  const { flags, positionals } = parseDockerArgs(args, DOCKER_RUN_FLAGS);
  for (const flag of flags) {
    const handler = HANDLERS[flag.name];
    if (handler !== undefined) {
      withProblemIndex(flag.index, () => handler(flag, out, context));
      continue;
    }
    if (flag.known && !flag.takesValue && flag.value !== undefined && !isOn(flag)) {
      // `--privileged=false` and the like ask for nothing.
      continue;
    }
    const written = flag.known ? flag.name : `unknown option "${flag.name}"`;
    warn(out, `Left out ${written} from runArgs: ${reasonFor(flag.name)}.`);
  }
  for (const positional of positionals) {
    warn(out, `Left out "${positional.value}" from runArgs: it is not an option.`);
  }
  return out;
}
