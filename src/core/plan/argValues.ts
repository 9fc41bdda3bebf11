/**
 * Checks on values that become `container` arguments, so that `plan` says
 * "planned" only for what Apple's CLI would accept. Apple's parser
 * (swift-argument-parser) reads any token that starts with "-" as an
 * option, so such a value where a value is expected changes the command
 * (`-u --rm`); a NUL byte cannot be passed to a process at all; and
 * numbers, sizes, capabilities and ulimits have forms Apple checks.
 */

/** Far above any Mac (the largest have a few dozen cores), low enough to catch a typo. */
export const MAX_CPUS = 1024;
/** 16 TiB: more memory than any Mac has; more is a mistake, not a request. */
export const MAX_MEMORY_BYTES = 16 * 2 ** 40;

/**
 * Why a value cannot be an argument, or undefined when it can. `what`
 * names it for the message: `"-u" in runArgs`, `build.target`.
 */
export function argumentValueProblem(value: string, what: string): string | undefined {
  if (value.includes('\0')) {
    return `${what} contains a NUL character, which no command-line argument can hold`;
  }
  if (value.startsWith('-')) {
    return `${what} is "${value}", which starts with "-": Apple's container would read it as an option, not as a value (did an option lose its value?)`;
  }
  return undefined;
}

/** Linux's capabilities (capability.h, 6.x), without the CAP_ prefix. */
const LINUX_CAPABILITIES = new Set(
  (
    'CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP ' +
    'LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER ' +
    'SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE ' +
    'SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP ' +
    'MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF ' +
    'CHECKPOINT_RESTORE'
  ).split(' '),
);

/** The capability as Apple takes it (upper case, as written otherwise), or undefined if Linux has none such. */
export function capabilityName(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (upper === 'ALL') {
    return upper;
  }
  const bare = upper.startsWith('CAP_') ? upper.slice(4) : upper;
  return LINUX_CAPABILITIES.has(bare) ? upper : undefined;
}

export function capabilityProblem(text: string, what: string): string | undefined {
  return capabilityName(text) === undefined
    ? `${what} "${text}" is not a Linux capability (such as SYS_PTRACE or NET_ADMIN, or ALL)`
    : undefined;
}

const ULIMIT_TYPES =
  'core cpu data fsize locks memlock msgqueue nice nofile nproc rss rtprio rttime sigpending stack'.split(
    ' ',
  );

function ulimitNumber(text: string): bigint | undefined {
  const lower = text.toLowerCase();
  if (lower === 'unlimited' || lower === '-1') {
    return 2n ** 64n - 1n;
  }
  return /^\d{1,20}$/.test(text) && BigInt(text) < 2n ** 64n ? BigInt(text) : undefined;
}

/** `<type>=<soft>[:<hard>]` as Apple's --ulimit takes it; the problem, or undefined. */
export function ulimitProblem(text: string): string | undefined {
  const equals = text.indexOf('=');
  const type = equals < 0 ? '' : text.slice(0, equals).toLowerCase();
  if (equals < 0) {
    return `"--ulimit ${text}" in runArgs is not <type>=<soft>[:<hard>] (such as nofile=1024:4096)`;
  }
  if (!ULIMIT_TYPES.includes(type)) {
    return `"--ulimit ${text}" in runArgs has the limit "${type}", which Apple's container does not know (it knows ${ULIMIT_TYPES.join(', ')})`;
  }
  const [softText = '', hardText = softText, ...more] = text.slice(equals + 1).split(':');
  const soft = ulimitNumber(softText);
  const hard = ulimitNumber(hardText);
  if (more.length > 0 || soft === undefined || hard === undefined) {
    return `"--ulimit ${text}" in runArgs: a limit is a whole number, "unlimited" or -1`;
  }
  if (soft > hard) {
    return `"--ulimit ${text}" in runArgs has a soft limit above its hard limit`;
  }
  return undefined;
}

/** The limit type of a valid ulimit, to spot one given twice. */
export function ulimitType(text: string): string {
  return text.slice(0, text.indexOf('=')).toLowerCase();
}

/**
 * Where in a config (a JSON path) a string or key holds a NUL character,
 * or undefined. Checked once for the whole config: no process argument,
 * environment variable or file name can hold one.
 */
export function pathOfNul(
  value: unknown,
  at: Array<string | number> = [],
): Array<string | number> | undefined {
  if (typeof value === 'string') {
    return value.includes('\0') ? at : undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = pathOfNul(value[index], [...at, index]);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const found = key.includes('\0') ? [...at, key] : pathOfNul(inner, [...at, key]);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}
