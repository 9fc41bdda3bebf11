/**
 * What the remote Mac has, asked in one round trip over the SSH connection:
 * a small POSIX `sh` script prints `key=value` lines and this parses them.
 * The Mac answers `sw_vers` and `sysctl`; anything else (the Linux test
 * sshd, an odd shell) leaves a fact out rather than failing: the planner
 * treats an unknown fact as it does on a machine that cannot say.
 */

export interface RemoteFacts {
  /** `uname -s`: `Darwin` on a Mac. */
  os?: string;
  arch?: string;
  macosVersion?: string;
  cpus?: number;
  memoryBytes?: number;
  /** Where `container` is on that Mac; `undefined` when it is not there. */
  containerPath?: string;
}

/**
 * Run as `sh -c <script> sh <configured container path or "">`. Each probe
 * falls back (sysctl, then getconf and /proc/meminfo) and never fails the
 * script. `container` is looked for on the SSH command's PATH, then where
 * Apple's installer puts it (macOS gives SSH commands a PATH without
 * /usr/local/bin).
 */
export const FACTS_SCRIPT = [
  `printf 'os=%s\\n' "$(uname -s 2>/dev/null)"`,
  `printf 'arch=%s\\n' "$(uname -m 2>/dev/null)"`,
  `printf 'macos=%s\\n' "$(sw_vers -productVersion 2>/dev/null)"`,
  `printf 'cpus=%s\\n' "$(sysctl -n hw.ncpu 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)"`,
  `printf 'memsize=%s\\n' "$(sysctl -n hw.memsize 2>/dev/null)"`,
  `printf 'memkb=%s\\n' "$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null)"`,
  'if [ -n "$1" ]; then c=$1; [ -x "$c" ] || c=',
  'else c=$(command -v container 2>/dev/null)',
  '  [ -z "$c" ] && [ -x /usr/local/bin/container ] && c=/usr/local/bin/container',
  'fi',
  `printf 'container=%s\\n' "$c"`,
].join('\n');

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

export function parseFacts(stdout: string): RemoteFacts {
  const values = new Map<string, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const equals = line.indexOf('=');
    if (equals > 0) {
      values.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
  }
  const text = (key: string) => {
    const value = values.get(key);
    return value === undefined || value === '' ? undefined : value;
  };
  const memsize = wholeNumber(text('memsize'));
  const memkb = wholeNumber(text('memkb'));
  const memoryBytes = memsize ?? (memkb !== undefined ? memkb * 1024 : undefined);
  const cpus = wholeNumber(text('cpus'));
  const os = text('os');
  // sw_vers exists only on macOS; a version from anything else is not a macOS version.
  const macosVersion = os === 'Darwin' ? text('macos') : undefined;
  const facts: RemoteFacts = {};
  const set = <K extends keyof RemoteFacts>(key: K, value: RemoteFacts[K] | undefined) => {
    if (value !== undefined) {
      facts[key] = value;
    }
  };
  set('os', os);
  set('arch', text('arch'));
  set('macosVersion', macosVersion);
  set('cpus', cpus);
  set('memoryBytes', memoryBytes);
  set('containerPath', text('container'));
  return facts;
}
