/**
 * Value checks for run/create (reference §3): env, cpus, architecture, OS,
 * platform, container names, labels, capabilities, path overrides and the
 * registry scheme. Mounts, publish, ulimits and networks have their own files.
 */

import { type GrammarProblem, runtimeError } from './problems';
import { available, type Context, versionNote } from './versions';

const CONTAINER_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function checkEnv(value: string): GrammarProblem[] {
  const key = value.split('=', 1)[0] ?? '';
  return key === ''
    ? [runtimeError(`invalid environment variable '${value}': the name is empty (checker's rule)`)]
    : [];
}

export function checkCpus(value: string): GrammarProblem[] {
  return Number(value) >= 1
    ? []
    : [runtimeError(`cpus must be a positive integer, got ${value} (checker's rule)`)];
}

const ARCHES = ['arm64', 'aarch64', 'amd64', 'x86_64'];

export function checkArch(value: string): GrammarProblem[] {
  return ARCHES.includes(value)
    ? []
    : [runtimeError(`unsupported architecture '${value}': use one of ${ARCHES.join(', ')}`)];
}

export function checkOs(value: string): GrammarProblem[] {
  return value === 'linux'
    ? []
    : [runtimeError(`unsupported OS '${value}': Apple's container runs linux images`)];
}

/** `os/arch[/variant]`, as ContainerizationOCI parses it, limited to what the VM can run. */
export function checkPlatform(value: string): GrammarProblem[] {
  const slash = value.indexOf('/');
  const os = slash < 0 ? value : value.slice(0, slash);
  if (!['linux', 'windows', 'darwin'].includes(os)) {
    return [runtimeError(`unknown OS in ${os}`)];
  }
  if (slash < 0) {
    return [runtimeError(`missing architecture in ${value}`)];
  }
  const [arch = '', ...variant] = value.slice(slash + 1).split('/');
  if (arch === '') {
    return [runtimeError(`missing architecture in ${value}`)];
  }
  if (variant.length > 1 || variant[0] === '') {
    return [runtimeError(`invalid variant in ${value}`)];
  }
  return [...checkOs(os), ...checkArch(arch)];
}

export function checkName(value: string, ctx: Context): GrammarProblem[] {
  if (value.length <= 63 && CONTAINER_ID_PATTERN.test(value)) {
    return [];
  }
  // 0.5 still used the old wording (reference §5).
  return available(ctx, '0.6.0')
    ? [runtimeError(`container ID ${value} is not a valid container ID`)]
    : [runtimeError(`invalid entity name ${value}`)];
}

export function checkLabel(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('label cannot be an empty string')];
  }
  const equals = value.indexOf('=');
  // Apple splits on every '=', so a value holding one is refused (issue #1977).
  return equals >= 0 && value.includes('=', equals + 1)
    ? [runtimeError(`invalid label format ${value}`)]
    : [];
}

/** Linux capabilities as containerization knows them (CAP_ prefix added below). */
const CAPABILITIES = new Set(
  (
    'CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP ' +
    'LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER ' +
    'SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE ' +
    'SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP ' +
    'MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF ' +
    'CHECKPOINT_RESTORE'
  )
    .split(' ')
    .map((name) => `CAP_${name}`),
);

export function checkCapability(value: string): GrammarProblem[] {
  const upper = value.toUpperCase();
  if (upper === 'ALL') {
    return [];
  }
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  return CAPABILITIES.has(name) ? [] : [runtimeError(`invalid CapabilityName '${upper}'`)];
}

export function checkPathOverride(flagName: string) {
  return (value: string): GrammarProblem[] => {
    const trimmed = value.trim();
    return trimmed.toUpperCase() === 'NONE' || trimmed.startsWith('/')
      ? []
      : [
          runtimeError(
            `invalid path '${value}' for --${flagName}: path must be absolute, or the NONE sentinel`,
          ),
        ];
  };
}

/** 1.3.0 removed `auto` (#2099/#2100); the default became `https`. */
export const SCHEME_AUTO_UNTIL = '1.3.0';

export function checkScheme(value: string, ctx: Context): GrammarProblem[] {
  if (value === 'auto' && !available(ctx, undefined, SCHEME_AUTO_UNTIL)) {
    return [
      runtimeError(`unsupported scheme auto${versionNote(ctx, undefined, SCHEME_AUTO_UNTIL)}`),
    ];
  }
  return ['http', 'https', 'auto'].includes(value)
    ? []
    : [runtimeError(`unsupported scheme ${value}`)];
}
