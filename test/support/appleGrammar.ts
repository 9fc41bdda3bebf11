/**
 * An independent model of Apple's `container` command-line grammar, for tests.
 *
 * Slipway cannot run Apple's CLI here, so tests check the argv it builds against
 * this model instead. It is written from the team's reference document
 * (../shared/reference/apple-container-cli.md), with Apple's sources read only
 * where the reference left a question open, and never from Slipway's planner:
 * a checker that shares the planner's assumptions would share its bugs.
 *
 * What it models:
 * - swift-argument-parser's tokenising: `--opt value`, `--opt=value`, `-o value`,
 *   `-o=value`, packed short flags (`-it`, `-de FOO=1`), `--` and the pass-through
 *   of everything after the image in `run`/`create` (and after the ID in `exec`).
 * - Apple's own checks of option values (mounts, ports, memory, names, ...), with
 *   Apple's messages where the reference or the sources give them.
 * - Version gates: with `options.version`, a flag newer than that version is an
 *   unknown option, as it would be on that release.
 *
 * Exit codes follow the reference §5: 64 for what the argument parser rejects
 * (unknown options, missing or malformed values, ValidationError), 1 for what
 * Apple's code rejects later. A few problems are this checker's own, where Apple
 * would accept the argv but silently do something other than intended (say,
 * `--mount readonly=false`); those use exit code 1 and say so in the message.
 */

export interface GrammarProblem {
  /** Apple's own words where known, e.g. "Unknown option '--privileged'". */
  message: string;
  exitCode: 1 | 64;
}

export interface AppleOption {
  /** The canonical long name, e.g. '--arch'. */
  name: string;
  /** As written, e.g. '-a'; the single letter for packed flags ('-i' from '-it'). */
  spelled: string;
  value?: string;
}

export interface AppleParse {
  /** Canonical command path: ['run'], ['image', 'list'] (also for `image ls`), ['delete'] for `rm`. */
  command: string[];
  options: AppleOption[];
  /** For run/create: [image, ...processArgs]; exec: [id, ...processArgs]; build: [contextDir]. */
  positionals: string[];
  problems: GrammarProblem[];
}

export interface AppleGrammarOptions {
  /** The release to check against, e.g. '0.9.0'. Defaults to the newest one modelled. */
  version?: string;
}

/** The newest release the reference describes. */
export const APPLE_NEWEST_VERSION = '1.2.2';

// ---------------------------------------------------------------------------
// Versions

type Version = readonly [number, number, number];

interface Context {
  readonly version: Version;
  readonly versionText: string;
}

function parseVersion(text: string): Version {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (!match) {
    throw new Error(`appleGrammar: '${text}' is not a version`);
  }
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

function makeContext(version: string | undefined): Context {
  const versionText = version ?? APPLE_NEWEST_VERSION;
  return { version: parseVersion(versionText), versionText };
}

/** Whether the target release has something introduced in `since` and removed in `until`. */
function available(ctx: Context, since?: string, until?: string): boolean {
  if (since !== undefined && compareVersions(ctx.version, parseVersion(since)) < 0) {
    return false;
  }
  return until === undefined || compareVersions(ctx.version, parseVersion(until)) < 0;
}

/** The note appended to a problem caused by the target release being too old or too new. */
function versionNote(ctx: Context, since?: string, until?: string): string {
  if (since !== undefined && compareVersions(ctx.version, parseVersion(since)) < 0) {
    return ` (added in container ${since}; checking against ${ctx.versionText})`;
  }
  if (until !== undefined) {
    return ` (removed in container ${until}; checking against ${ctx.versionText})`;
  }
  return '';
}

// ---------------------------------------------------------------------------
// Problems

const usageError = (message: string): GrammarProblem => ({ message, exitCode: 64 });
const runtimeError = (message: string): GrammarProblem => ({ message, exitCode: 1 });

// ---------------------------------------------------------------------------
// Specs

type ValueType = 'int' | 'int32' | 'uint32' | 'double';

interface Choice {
  readonly value: string;
  readonly since?: string;
}

interface ValueSpec {
  /** The name swift-argument-parser prints in `Missing value for '--x <name>'`. */
  readonly name: string;
  readonly type?: ValueType;
  readonly choices?: readonly Choice[];
  /** Whether the parser lists the valid choices in its error (a CaseIterable enum). */
  readonly listChoices?: boolean;
  readonly check?: (value: string, ctx: Context) => GrammarProblem[];
}

interface OptionSpec {
  /** Canonical long name, the first one Apple declares. */
  readonly long: string;
  readonly otherLongs?: readonly string[];
  readonly short?: string;
  /** Absent for a flag. */
  readonly value?: ValueSpec;
  readonly since?: string;
  readonly until?: string;
}

interface PositionalSpec {
  /** As swift-argument-parser names it in `Missing expected argument '<name>'`. */
  readonly name: string;
  readonly repeating?: boolean;
  readonly optional?: boolean;
}

interface ParsedCommand {
  readonly options: readonly AppleOption[];
  readonly positionals: readonly string[];
}

interface CommandSpec {
  readonly path: readonly string[];
  readonly aliases?: readonly string[];
  readonly since?: string;
  readonly options: readonly OptionSpec[];
  readonly positionals: readonly PositionalSpec[];
  /** Everything after the first positional belongs to the process (`captureForPassthrough`). */
  readonly passthrough?: boolean;
  /** Checks that involve several options at once. */
  readonly validate?: (parsed: ParsedCommand, ctx: Context) => GrammarProblem[];
}

function flag(long: string, extra: Omit<OptionSpec, 'long' | 'value'> = {}): OptionSpec {
  return { long, ...extra };
}

function option(
  long: string,
  value: ValueSpec,
  extra: Omit<OptionSpec, 'long' | 'value'> = {},
): OptionSpec {
  return { long, value, ...extra };
}

/** `--debug` and `-h/--help` are accepted by every command. */
const COMMON_OPTIONS: readonly OptionSpec[] = [flag('--debug'), flag('--help', { short: 'h' })];

// ---------------------------------------------------------------------------
// Small parsers shared by the value checks

/**
 * Swift's `split(separator:maxSplits:)`, which Apple uses throughout: empty
 * pieces are dropped, and at most `maxSplits` splits are made.
 */
function swiftSplit(text: string, separator: string, maxSplits = Infinity): string[] {
  const pieces: string[] = [];
  let rest = text;
  let splits = 0;
  while (splits < maxSplits) {
    const at = rest.indexOf(separator);
    if (at < 0) {
      break;
    }
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
    splits++;
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece !== '');
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const last = groups[groups.length - 1];
  // An embedded IPv4 address (::ffff:1.2.3.4) counts as two groups.
  const ipv4Tail = last !== undefined && last.includes('.');
  if (ipv4Tail && !isIPv4(last)) {
    return false;
  }
  const hexGroups = ipv4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) {
    return false;
  }
  const width = hexGroups.length + (ipv4Tail ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

const MIB = 1024 * 1024;
const UNIT_EXPONENT: Readonly<Record<string, number>> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * A size as Apple reads `--memory`, `--shm-size` and tmpfs `size=`: a number,
 * then optionally a unit b/k/m/g/t/p followed by nothing, `b` or `ib`. Case and
 * surrounding blanks don't matter, every unit is binary, and no unit means bytes.
 */
export function parseAppleSize(text: string): { bytes: number } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') {
    return { error: 'invalid size' };
  }
  const numberPart = /^[0-9.]*/.exec(trimmed)?.[0] ?? '';
  const unit = trimmed.slice(numberPart.length).trim();
  if (!/^(\d+\.?\d*|\.\d+)$/.test(numberPart)) {
    return { error: 'invalid size' };
  }
  const symbol = unit === '' ? 'b' : unit.charAt(0);
  const exponent = UNIT_EXPONENT[symbol];
  if (exponent === undefined || !['', 'b', 'ib'].includes(unit.slice(1))) {
    return { error: `invalid symbol: ${unit}` };
  }
  return { bytes: Number(numberPart) * 1024 ** exponent };
}

function sizeProblems(value: string): GrammarProblem[] {
  const size = parseAppleSize(value);
  return 'error' in size ? [runtimeError(size.error)] : [];
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VOLUME_NAME_TEXT = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';
const CONTAINER_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

function invalidVolumeName(name: string): GrammarProblem {
  return runtimeError(`invalid volume name '${name}': must match ${VOLUME_NAME_TEXT}`);
}

/** Our own check, not Apple's: a mount target that isn't absolute can't be what was meant. */
function containerPathProblems(path: string, spec: string): GrammarProblem[] {
  return isAbsolute(path)
    ? []
    : [runtimeError(`container path '${path}' in '${spec}' is not absolute (checker's rule)`)];
}

// ---------------------------------------------------------------------------
// Value checks for run/create (reference §3)

function checkEnv(value: string): GrammarProblem[] {
  const key = value.split('=', 1)[0] ?? '';
  return key === ''
    ? [runtimeError(`invalid environment variable '${value}': the name is empty (checker's rule)`)]
    : [];
}

function checkCpus(value: string): GrammarProblem[] {
  return Number(value) >= 1
    ? []
    : [runtimeError(`cpus must be a positive integer, got ${value} (checker's rule)`)];
}

const ARCHES = ['arm64', 'aarch64', 'amd64', 'x86_64'];

function checkArch(value: string): GrammarProblem[] {
  return ARCHES.includes(value)
    ? []
    : [runtimeError(`unsupported architecture '${value}': use one of ${ARCHES.join(', ')}`)];
}

function checkOs(value: string): GrammarProblem[] {
  return value === 'linux'
    ? []
    : [runtimeError(`unsupported OS '${value}': Apple's container runs linux images`)];
}

/** `os/arch[/variant]`, as ContainerizationOCI parses it, limited to what the VM can run. */
function checkPlatform(value: string): GrammarProblem[] {
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

function checkName(value: string, ctx: Context): GrammarProblem[] {
  if (value.length <= 63 && CONTAINER_ID_PATTERN.test(value)) {
    return [];
  }
  // 0.5 still used the old wording (reference §5).
  return available(ctx, '0.6.0')
    ? [runtimeError(`container ID ${value} is not a valid container ID`)]
    : [runtimeError(`invalid entity name ${value}`)];
}

function checkLabel(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('label cannot be an empty string')];
  }
  const equals = value.indexOf('=');
  // Apple splits on every '=', so a value holding one is refused (issue #1977).
  return equals >= 0 && value.includes('=', equals + 1)
    ? [runtimeError(`invalid label format ${value}`)]
    : [];
}

const ULIMIT_TYPES = (
  'core cpu data fsize locks memlock msgqueue nice ' +
  'nofile nproc rss rtprio rttime sigpending stack'
).split(' ');

function ulimitValue(text: string): bigint | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'unlimited' || trimmed === '-1') {
    return 2n ** 64n - 1n;
  }
  return /^\+?\d+$/.test(trimmed) && BigInt(trimmed) < 2n ** 64n ? BigInt(trimmed) : undefined;
}

function checkUlimit(value: string): GrammarProblem[] {
  const badFormat = runtimeError(
    `invalid ulimit format '${value}': expected <type>=<soft>[:<hard>]`,
  );
  const [rawType, limits] = swiftSplit(value, '=', 1);
  if (rawType === undefined || limits === undefined) {
    return [badFormat];
  }
  const type = rawType.toLowerCase();
  if (!ULIMIT_TYPES.includes(type)) {
    return [
      runtimeError(`unsupported ulimit type '${type}': valid types are ${ULIMIT_TYPES.join(', ')}`),
    ];
  }
  const [softText = '', hardText = softText] = swiftSplit(limits, ':', 1);
  const soft = ulimitValue(softText);
  const hard = ulimitValue(hardText);
  const badText = soft === undefined ? softText : hard === undefined ? hardText : undefined;
  if (badText !== undefined) {
    return [
      runtimeError(
        `invalid ulimit value '${badText}' for '${type}': must be a non-negative integer or 'unlimited'`,
      ),
    ];
  }
  if (soft !== undefined && hard !== undefined && soft > hard) {
    return [
      runtimeError(`ulimit '${type}' soft limit (${soft}) cannot exceed hard limit (${hard})`),
    ];
  }
  return [];
}

const MAC_ADDRESS = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;

function checkNetwork(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('network specification cannot be empty')];
  }
  const [name = '', ...properties] = value.split(',');
  if (name === '') {
    return [runtimeError('network name cannot be empty')];
  }
  for (const property of properties) {
    const pieces = property.split('=');
    if (pieces.length !== 2) {
      return [
        runtimeError(`invalid property format '${property}' in network specification '${value}'`),
      ];
    }
    const [key = '', setting = ''] = pieces;
    if (key === 'mac') {
      if (setting === '') {
        return [runtimeError('mac address value cannot be empty')];
      }
      if (!MAC_ADDRESS.test(setting)) {
        return [
          runtimeError(`invalid MAC address format ${setting}, expected format: XX:XX:XX:XX:XX:XX`),
        ];
      }
    } else if (key === 'mtu') {
      const mtu = /^\d+$/.test(setting) ? Number(setting) : NaN;
      if (!(mtu >= 1280 && mtu <= 65535)) {
        return [runtimeError(`invalid mtu value '${setting}': must be between 1280 and 65535`)];
      }
    } else {
      return [runtimeError(`unknown network property '${key}'. Available properties: mac, mtu`)];
    }
  }
  return [];
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

function checkCapability(value: string): GrammarProblem[] {
  const upper = value.toUpperCase();
  if (upper === 'ALL') {
    return [];
  }
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  return CAPABILITIES.has(name) ? [] : [runtimeError(`invalid CapabilityName '${upper}'`)];
}

function checkTmpfs(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('mount destination cannot be empty')];
  }
  // Docker's `--tmpfs /path:size=64m` would become a mount at "/path:size=64m".
  if (value.includes(':')) {
    return [runtimeError(`--tmpfs takes a path only, not options: '${value}' (checker's rule)`)];
  }
  return containerPathProblems(value, value);
}

function checkPathOverride(flagName: string) {
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

function checkPublishSocket(value: string): GrammarProblem[] {
  return swiftSplit(value, ':').length === 2
    ? []
    : [runtimeError(`invalid publish-socket format ${value}. Expected: host_path:container_path`)];
}

function checkScheme(value: string): GrammarProblem[] {
  return ['http', 'https', 'auto'].includes(value)
    ? []
    : [runtimeError(`unsupported scheme ${value}`)];
}

// -v/--volume ----------------------------------------------------------------

function looksLikeRelativePath(source: string): boolean {
  return source.includes('/') || source === '.' || source === '..';
}

function checkVolume(value: string, ctx: Context): GrammarProblem[] {
  const parts = swiftSplit(value.replace(/^:+/, ''), ':');
  const [first, second] = parts;
  if (first === undefined || parts.length > 3) {
    return [runtimeError(`invalid volume format ${value}`)];
  }
  if (second === undefined) {
    // `-v /path` is an anonymous volume.
    if (!available(ctx, '0.6.0')) {
      return [runtimeError(`anonymous volumes are not supported${versionNote(ctx, '0.6.0')}`)];
    }
    return containerPathProblems(first, value);
  }
  const relativePaths = available(ctx, '0.11.0');
  const isHostPath = relativePaths ? looksLikeRelativePath(first) : isAbsolute(first);
  if (!isHostPath && !VOLUME_NAME.test(first)) {
    const note = !relativePaths && looksLikeRelativePath(first) ? versionNote(ctx, '0.11.0') : '';
    return [runtimeError(invalidVolumeName(first).message + note)];
  }
  return containerPathProblems(second, value);
}

// --mount --------------------------------------------------------------------

const MOUNT_KEYS: Readonly<Record<string, string>> = {
  type: 'type',
  size: 'size',
  mode: 'mode',
  source: 'source',
  src: 'source',
  destination: 'destination',
  dst: 'destination',
  target: 'destination',
  readonly: 'ro',
  ro: 'ro',
};

interface MountDirectives {
  readonly directives: Map<string, string>;
  /** `readonly=<anything>`: accepted by Apple, but never what the writer meant. */
  readonly notes: GrammarProblem[];
}

/** The `key=value` pairs of a `--mount`, or the problem Apple stops at. */
function mountDirectives(value: string): MountDirectives | GrammarProblem {
  const parts = swiftSplit(value, ',');
  if (parts.length === 0) {
    return runtimeError(`invalid mount format: ${value}`);
  }
  const directives = new Map<string, string>();
  const notes: GrammarProblem[] = [];
  for (const part of parts) {
    const pieces = swiftSplit(part, '=', 2);
    const rawKey = pieces[0] ?? '';
    const key = MOUNT_KEYS[rawKey];
    if (key === undefined) {
      return runtimeError(`unknown directive ${rawKey} when parsing mount ${value}`);
    }
    if (key === 'ro') {
      if (part.includes('=')) {
        notes.push(
          runtimeError(
            `'${part}' in mount ${value}: ${rawKey} takes no value, and any value (even false) ` +
              "still makes the mount read-only (checker's rule)",
          ),
        );
      }
      directives.set('ro', '');
      continue;
    }
    if (pieces.length !== 2) {
      return runtimeError(`invalid directive format missing value ${part} in ${value}`);
    }
    directives.set(key, pieces[1] ?? '');
  }
  return { directives, notes };
}

/** What Apple makes of the directives, first problem only, as Apple stops there. */
function mountProblem(
  directives: Map<string, string>,
  value: string,
  ctx: Context,
): GrammarProblem | undefined {
  const rawType = directives.get('type') ?? 'virtiofs';
  const type = rawType === 'bind' ? 'virtiofs' : rawType;
  if (!['virtiofs', 'tmpfs', 'volume'].includes(type)) {
    return runtimeError(`unsupported mount type ${rawType}`);
  }
  for (const key of ['size', 'mode']) {
    if (directives.has(key) && type !== 'tmpfs') {
      return runtimeError(`unsupported option ${key} for ${rawType} mount`);
    }
  }
  const size = directives.get('size');
  if (size !== undefined) {
    const parsed = parseAppleSize(size);
    if ('error' in parsed) {
      return runtimeError(parsed.error);
    }
  }
  const source = directives.get('source');
  if (source !== undefined && type === 'tmpfs') {
    return runtimeError('cannot specify source for tmpfs mount');
  }
  if (source !== undefined && type === 'volume' && !VOLUME_NAME.test(source)) {
    return invalidVolumeName(source);
  }
  if (source === undefined && type === 'volume' && !available(ctx, '0.6.0')) {
    const note = versionNote(ctx, '0.6.0');
    return runtimeError(`--mount type=volume without a source (an anonymous volume)${note}`);
  }
  if (source === undefined && type === 'virtiofs') {
    // Apple prints the (empty) source in front of its message.
    return runtimeError(` is not an absolute path on the host (mount ${value} has no source)`);
  }
  const destination = directives.get('destination');
  if (destination === undefined || destination === '') {
    return runtimeError(`${type === 'volume' ? 'volume' : 'mount'} destination cannot be empty`);
  }
  return containerPathProblems(destination, value)[0];
}

function checkMount(value: string, ctx: Context): GrammarProblem[] {
  const parsed = mountDirectives(value);
  if ('message' in parsed) {
    return [parsed];
  }
  const problem = mountProblem(parsed.directives, value, ctx);
  return [...parsed.notes, ...(problem ? [problem] : [])];
}

// -p/--publish ---------------------------------------------------------------

interface PortRange {
  readonly start: number;
  readonly end: number;
}

interface PublishedPorts {
  readonly host: PortRange;
  readonly proto: string;
}

function portRange(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) {
    return undefined;
  }
  const start = Number(match[1]);
  const end = Number(match[2] ?? match[1]);
  return start <= 65535 && end <= 65535 ? { start, end } : undefined;
}

/** One `[host-ip:]host-port:container-port[/proto]`, checked in Apple's order. */
function parsePublish(spec: string): PublishedPorts | GrammarProblem {
  const invalid = runtimeError(`invalid publish value: ${spec}`);
  let rest = spec;
  let ipv6: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest.charAt(close + 1) !== ':') {
      return invalid;
    }
    ipv6 = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  // An empty container port gets Apple's more specific message below.
  if (
    parts.length < 2 ||
    (ipv6 !== undefined && parts.length > 2) ||
    parts.slice(0, -1).includes('')
  ) {
    return invalid;
  }
  const hostText = parts[parts.length - 2] ?? '';
  const containerSpec = parts[parts.length - 1] ?? '';
  const ipv4 = parts.length > 2 ? parts.slice(0, -2).join(':') : undefined;
  const slash = containerSpec.indexOf('/');
  const containerText = slash < 0 ? containerSpec : containerSpec.slice(0, slash);
  const proto = slash < 0 ? 'tcp' : containerSpec.slice(slash + 1).toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp') {
    return runtimeError(`invalid publish protocol: ${proto}`);
  }
  if (ipv6 !== undefined && !isIPv6(ipv6)) {
    return runtimeError(`invalid publish IPv6 address: ${spec}`);
  }
  if (ipv4 !== undefined && !isIPv4(ipv4)) {
    return runtimeError(`invalid publish IPv4 address: ${spec}`);
  }
  const host = portRange(hostText);
  if (!host) {
    return runtimeError(`invalid publish host port: ${hostText}`);
  }
  const container = portRange(containerText);
  if (!container) {
    return runtimeError(`invalid publish container port: ${containerText}`);
  }
  if (host.start <= 1 || host.start > host.end) {
    return runtimeError(`invalid publish host port range: ${hostText}`);
  }
  if (container.start <= 1 || container.start > container.end) {
    return runtimeError(`invalid publish container port range: ${containerText}`);
  }
  if (host.end - host.start !== container.end - container.start) {
    return runtimeError(
      `publish host and container port counts are not equal: ${hostText}:${containerText}`,
    );
  }
  return { host, proto };
}

function checkPublish(value: string): GrammarProblem[] {
  const parsed = parsePublish(value);
  return 'message' in parsed ? [parsed] : [];
}

/** Across all `-p`: at most 64, and no host port twice per protocol (whatever the host IP). */
function publishSetProblems(specs: readonly string[]): GrammarProblem[] {
  if (specs.length > 64) {
    return [runtimeError('cannot exceed more than 64 port publish descriptors')];
  }
  const taken = new Set<string>();
  for (const spec of specs) {
    const parsed = parsePublish(spec);
    if ('message' in parsed) {
      continue;
    }
    for (let port = parsed.host.start; port <= parsed.host.end; port++) {
      const key = `${port}/${parsed.proto}`;
      if (taken.has(key)) {
        return [runtimeError('host ports for different publish port specs may not overlap')];
      }
      taken.add(key);
    }
  }
  return [];
}

// ---------------------------------------------------------------------------
// Cross-option checks

function valuesOf(parsed: ParsedCommand, name: string): string[] {
  return parsed.options.flatMap((o) => (o.name === name && o.value !== undefined ? [o.value] : []));
}

function has(parsed: ParsedCommand, name: string): boolean {
  return parsed.options.some((o) => o.name === name);
}

const DNS_FLAGS = ['--dns', '--dns-domain', '--dns-option', '--dns-search'];

function noDnsProblems(parsed: ParsedCommand): GrammarProblem[] {
  return has(parsed, '--no-dns') && DNS_FLAGS.some((name) => has(parsed, name))
    ? [
        usageError(
          '`--no-dns` cannot be used with DNS configuration flags (`--dns`, `--dns-domain`, `--dns-option`, `--dns-search`)',
        ),
      ]
    : [];
}

function networkSetProblems(parsed: ParsedCommand): GrammarProblem[] {
  const networks = valuesOf(parsed, '--network');
  return networks.includes('none') && networks.length > 1
    ? [runtimeError('no other networks may be created along with network none')]
    : [];
}

function ulimitSetProblems(parsed: ParsedCommand): GrammarProblem[] {
  const seen = new Set<string>();
  for (const spec of valuesOf(parsed, '--ulimit')) {
    if (checkUlimit(spec).length > 0) {
      continue;
    }
    const rawType = spec.split('=', 1)[0] ?? '';
    const type = rawType.toLowerCase();
    if (seen.has(type)) {
      return [runtimeError(`duplicate ulimit type: ${rawType}`)];
    }
    seen.add(type);
  }
  return [];
}

/** The server refuses less than 200 MiB (0.10+), after truncating to whole MiB. */
function memoryMinimumProblems(parsed: ParsedCommand, ctx: Context): GrammarProblem[] {
  const memory = valuesOf(parsed, '--memory').pop();
  if (memory === undefined || !available(ctx, '0.10.0')) {
    return [];
  }
  const size = parseAppleSize(memory);
  if ('error' in size) {
    return [];
  }
  const bytes = Math.floor(size.bytes / MIB) * MIB;
  return bytes < 200 * MIB
    ? [runtimeError(`minimum memory amount allowed is 200 MiB (got ${bytes} bytes)`)]
    : [];
}

function containerRunProblems(parsed: ParsedCommand, ctx: Context): GrammarProblem[] {
  return [
    ...noDnsProblems(parsed),
    ...networkSetProblems(parsed),
    ...ulimitSetProblems(parsed),
    ...publishSetProblems(valuesOf(parsed, '--publish')),
    ...memoryMinimumProblems(parsed, ctx),
  ];
}

/** stop, kill and delete throw plain errors here, so these exit 1 (reference §5). */
function idsOrAllProblems(what: 'container IDs' | 'container ID(s)' | 'images', noun: string) {
  return (parsed: ParsedCommand): GrammarProblem[] => {
    const all = has(parsed, '--all');
    if (parsed.positionals.length === 0 && !all) {
      return [runtimeError(`no ${noun} specified and --all not supplied`)];
    }
    if (parsed.positionals.length > 0 && all) {
      return [runtimeError(`explicitly supplied ${what} conflict with the --all flag`)];
    }
    return [];
  };
}

// ---------------------------------------------------------------------------
// Option tables

const FORMAT = option('--format', {
  name: 'format',
  choices: [
    { value: 'json' },
    { value: 'table' },
    { value: 'yaml', since: '0.12.0' },
    { value: 'toml', since: '1.0.0' },
  ],
  listChoices: true,
});

const DNS_OPTIONS: readonly OptionSpec[] = [
  option('--dns', { name: 'ip' }),
  option('--dns-domain', { name: 'domain' }),
  option('--dns-option', { name: 'option' }),
  option('--dns-search', { name: 'domain' }),
];

function processOptions(checkUlimits: boolean): OptionSpec[] {
  return [
    option('--env', { name: 'env', check: checkEnv }, { short: 'e' }),
    option('--env-file', { name: 'env-file' }),
    option('--gid', { name: 'gid', type: 'uint32' }),
    flag('--interactive', { short: 'i' }),
    flag('--tty', { short: 't' }),
    option('--user', { name: 'user' }, { short: 'u' }),
    option('--uid', { name: 'uid', type: 'uint32' }),
    option('--workdir', { name: 'dir' }, { short: 'w', otherLongs: ['--cwd'] }),
    // exec parses --ulimit too (same option group) but never applies it.
    option(
      '--ulimit',
      { name: 'limit', ...(checkUlimits ? { check: checkUlimit } : {}) },
      { since: '0.9.0' },
    ),
  ];
}

const RESOURCE_OPTIONS: readonly OptionSpec[] = [
  option('--cpus', { name: 'cpus', type: 'int', check: checkCpus }, { short: 'c' }),
  option('--memory', { name: 'memory', check: sizeProblems }, { short: 'm' }),
];

const MANAGEMENT_OPTIONS: readonly OptionSpec[] = [
  option('--arch', { name: 'arch', check: checkArch }, { short: 'a' }),
  option('--cap-add', { name: 'cap', check: checkCapability }, { since: '0.12.0' }),
  option('--cap-drop', { name: 'cap', check: checkCapability }, { since: '0.12.0' }),
  option('--cidfile', { name: 'cidfile' }),
  flag('--detach', { short: 'd' }),
  ...DNS_OPTIONS,
  option('--entrypoint', { name: 'cmd' }),
  flag('--init', { since: '0.10.0' }),
  option('--init-image', { name: 'image' }, { since: '0.10.0' }),
  option('--kernel', { name: 'path' }, { short: 'k' }),
  option('--kernel-arg', { name: 'arg' }, { since: '1.2.0' }),
  option('--label', { name: 'label', check: checkLabel }, { short: 'l' }),
  option(
    '--masked-path',
    { name: 'path', check: checkPathOverride('masked-path') },
    { since: '1.2.1' },
  ),
  option('--mount', { name: 'mount', check: checkMount }),
  option('--name', { name: 'name', check: checkName }),
  option('--network', { name: 'network', check: checkNetwork }),
  flag('--no-dns'),
  option('--os', { name: 'os', check: checkOs }),
  option('--publish', { name: 'spec', check: checkPublish }, { short: 'p' }),
  option('--platform', { name: 'platform', check: checkPlatform }),
  option('--publish-socket', { name: 'spec', check: checkPublishSocket }),
  flag('--read-only', { since: '0.8.0' }),
  option(
    '--read-only-path',
    { name: 'path', check: checkPathOverride('read-only-path') },
    { since: '1.2.1' },
  ),
  flag('--rm', { otherLongs: ['--remove'] }),
  flag('--rosetta', { since: '0.7.0' }),
  option('--runtime', { name: 'runtime' }, { since: '0.10.0' }),
  flag('--ssh'),
  option('--shm-size', { name: 'shm-size', check: sizeProblems }, { since: '1.0.0' }),
  option('--tmpfs', { name: 'tmpfs', check: checkTmpfs }),
  flag('--virtualization'),
  option('--volume', { name: 'volume', check: checkVolume }, { short: 'v' }),
];

const REGISTRY_OPTIONS: readonly OptionSpec[] = [
  option('--scheme', { name: 'scheme', check: checkScheme }),
];

/** 0.7–0.11 knew only none/ansi; the enum isn't CaseIterable, so errors list nothing. */
const PROGRESS_OPTIONS: readonly OptionSpec[] = [
  option(
    '--progress',
    {
      name: 'type',
      choices: [
        { value: 'auto', since: '0.12.0' },
        { value: 'none' },
        { value: 'ansi' },
        { value: 'plain', since: '0.12.0' },
        { value: 'color', since: '0.12.0' },
      ],
    },
    { since: '0.7.0' },
  ),
  flag('--disable-progress-updates', { until: '0.7.0' }),
];

const IMAGE_FETCH_OPTIONS: readonly OptionSpec[] = [
  option(
    '--max-concurrent-downloads',
    { name: 'max-concurrent-downloads', type: 'int' },
    { since: '0.8.0' },
  ),
];

const CONTAINER_CREATE_OPTIONS: readonly OptionSpec[] = [
  ...processOptions(true),
  ...RESOURCE_OPTIONS,
  ...MANAGEMENT_OPTIONS,
  ...REGISTRY_OPTIONS,
  ...IMAGE_FETCH_OPTIONS,
];

function commaList(check: (value: string) => GrammarProblem[]) {
  return (value: string): GrammarProblem[] => swiftSplit(value, ',').flatMap(check);
}

function checkBuildArg(value: string): GrammarProblem[] {
  const equals = value.indexOf('=');
  return equals > 0
    ? []
    : [runtimeError(`--build-arg must be key=value, got '${value}' (checker's rule)`)];
}

function checkBuildOutput(value: string): GrammarProblem[] {
  const fields = new Map<string, string>();
  for (const pair of value.split(',')) {
    const parts = pair.split('=');
    if (parts.length === 2) {
      fields.set((parts[0] ?? '').trim(), (parts[1] ?? '').trim());
    }
  }
  const type = fields.get('type');
  const invalid = (reason: string) => [runtimeError(`export entry ${value} is invalid: ${reason}`)];
  if (type === undefined) {
    return invalid('type field is required');
  }
  if (type === 'tar' || type === 'local') {
    return fields.has('dest') ? [] : invalid('dest field is required');
  }
  return type === 'oci' ? [] : invalid('unsupported output type');
}

/** `--secret id=<key>[,env=<VAR>|,src=<path>]`; BuildCommand.validate() throws ValidationError. */
function checkSecret(value: string): GrammarProblem[] {
  const comma = value.indexOf(',');
  const first = comma < 0 ? value : value.slice(0, comma);
  if (!first.startsWith('id=')) {
    return [usageError(`secret must start with id=<key> ${value}`)];
  }
  const key = first.slice(3);
  if (key.includes('=')) {
    return [usageError(`secret id cannot contain '=' ${key}`)];
  }
  const second = comma < 0 ? undefined : value.slice(comma + 1);
  if (second === undefined || second.startsWith('env=') || second.startsWith('src=')) {
    return [];
  }
  return [usageError(`secret bad value ${second}`)];
}

function checkBuildSsh(value: string): GrammarProblem[] {
  return value === '' || value === 'default'
    ? []
    : [usageError('only --ssh default is currently supported')];
}

const BUILD_OPTIONS: readonly OptionSpec[] = [
  option('--arch', { name: 'value', check: commaList(checkArch) }, { short: 'a' }),
  option('--build-arg', { name: 'key=val', check: checkBuildArg }),
  option('--cache-in', { name: 'value' }),
  option('--cache-out', { name: 'value' }),
  option('--cpus', { name: 'cpus', type: 'int', check: checkCpus }, { short: 'c' }),
  option('--file', { name: 'path' }, { short: 'f' }),
  option('--label', { name: 'key=val' }, { short: 'l' }),
  option('--memory', { name: 'memory', check: sizeProblems }, { short: 'm' }),
  flag('--no-cache'),
  option('--output', { name: 'value', check: checkBuildOutput }, { short: 'o' }),
  option('--os', { name: 'value', check: commaList(checkOs) }),
  option('--platform', { name: 'platform', check: commaList(checkPlatform) }),
  option('--progress', {
    name: 'type',
    choices: [{ value: 'auto' }, { value: 'plain' }, { value: 'tty' }],
  }),
  flag('--quiet', { short: 'q' }),
  option('--secret', { name: 'id=key,...', check: checkSecret }, { since: '0.11.0' }),
  // The reference says 1.2.2; the 1.2.1 tag already has it (PR #1508).
  option('--ssh', { name: 'default', check: checkBuildSsh }, { since: '1.2.1' }),
  option('--tag', { name: 'name' }, { short: 't' }),
  option('--target', { name: 'stage' }),
  option('--vsock-port', { name: 'port', type: 'uint32' }),
  ...DNS_OPTIONS.map((spec) => ({ ...spec, since: '0.9.0' })),
  flag('--pull', { since: '0.10.0' }),
];

// ---------------------------------------------------------------------------
// Commands

const IMAGE: PositionalSpec = { name: 'image' };
const PROCESS_ARGUMENTS: PositionalSpec = { name: 'arguments', repeating: true, optional: true };
const CONTAINER_ID: PositionalSpec = { name: 'container-id' };
const CONTAINER_IDS: PositionalSpec = { name: 'container-ids', repeating: true, optional: true };

const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['run'],
    options: [...CONTAINER_CREATE_OPTIONS, ...PROGRESS_OPTIONS],
    positionals: [IMAGE, PROCESS_ARGUMENTS],
    passthrough: true,
    validate: containerRunProblems,
  },
  {
    path: ['create'],
    options: CONTAINER_CREATE_OPTIONS,
    positionals: [IMAGE, PROCESS_ARGUMENTS],
    passthrough: true,
    validate: containerRunProblems,
  },
  {
    path: ['start'],
    options: [flag('--attach', { short: 'a' }), flag('--interactive', { short: 'i' })],
    positionals: [CONTAINER_ID],
  },
  {
    path: ['stop'],
    options: [
      flag('--all', { short: 'a' }),
      option('--signal', { name: 'signal' }, { short: 's' }),
      option('--time', { name: 'time', type: 'int32' }, { short: 't' }),
    ],
    positionals: [CONTAINER_IDS],
    validate: idsOrAllProblems('container IDs', 'containers'),
  },
  {
    path: ['kill'],
    options: [
      flag('--all', { short: 'a' }),
      option('--signal', { name: 'signal' }, { short: 's' }),
    ],
    positionals: [CONTAINER_IDS],
    validate: idsOrAllProblems('container IDs', 'containers'),
  },
  {
    path: ['delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' }), flag('--force', { short: 'f' })],
    positionals: [CONTAINER_IDS],
    // ContainerDelete words it differently from stop and kill.
    validate: idsOrAllProblems('container ID(s)', 'containers'),
  },
  {
    path: ['list'],
    aliases: ['ls'],
    options: [flag('--all', { short: 'a' }), flag('--quiet', { short: 'q' }), FORMAT],
    positionals: [],
  },
  {
    path: ['inspect'],
    options: [],
    positionals: [{ name: 'container-ids', repeating: true }],
  },
  {
    path: ['exec'],
    options: [...processOptions(false), flag('--detach', { short: 'd', since: '0.7.0' })],
    positionals: [CONTAINER_ID, { name: 'arguments', repeating: true }],
    passthrough: true,
  },
  {
    path: ['logs'],
    options: [
      flag('--boot'),
      flag('--follow', { short: 'f' }),
      // Declared with a short name only, so the parser calls its value "n".
      option('-n', { name: 'n', type: 'int' }, { short: 'n' }),
    ],
    positionals: [CONTAINER_ID],
  },
  {
    path: ['stats'],
    since: '0.7.0',
    options: [FORMAT, flag('--no-stream')],
    positionals: [{ name: 'containers', repeating: true, optional: true }],
  },
  {
    path: ['build'],
    options: BUILD_OPTIONS,
    positionals: [{ name: 'context-dir', optional: true }],
  },
  {
    path: ['image', 'list'],
    aliases: ['ls'],
    options: [FORMAT, flag('--quiet', { short: 'q' }), flag('--verbose', { short: 'v' })],
    positionals: [],
    validate: (parsed) =>
      has(parsed, '--quiet') && has(parsed, '--verbose')
        ? [runtimeError('cannot use flag --quiet and --verbose together')]
        : [],
  },
  {
    path: ['image', 'inspect'],
    options: [],
    positionals: [{ name: 'images', repeating: true }],
  },
  {
    path: ['image', 'pull'],
    options: [
      ...REGISTRY_OPTIONS,
      ...PROGRESS_OPTIONS,
      ...IMAGE_FETCH_OPTIONS,
      option('--arch', { name: 'arch', check: checkArch }, { short: 'a' }),
      option('--os', { name: 'os', check: checkOs }),
      option('--platform', { name: 'platform', check: checkPlatform }),
    ],
    positionals: [{ name: 'reference' }],
  },
  {
    path: ['image', 'delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' }), flag('--force', { short: 'f', since: '0.9.0' })],
    positionals: [{ name: 'images', repeating: true, optional: true }],
    validate: idsOrAllProblems('images', 'images'),
  },
  {
    path: ['system', 'start'],
    options: [
      option('--app-root', { name: 'app-root' }, { short: 'a' }),
      option('--install-root', { name: 'install-root' }),
      option('--log-root', { name: 'log-root' }, { since: '0.10.0' }),
      flag('--enable-kernel-install'),
      flag('--disable-kernel-install'),
      option('--timeout', { name: 'timeout', type: 'double' }, { since: '0.10.0' }),
    ],
    positionals: [],
  },
  {
    path: ['system', 'stop'],
    options: [option('--prefix', { name: 'prefix' }, { short: 'p' })],
    positionals: [],
  },
  {
    path: ['system', 'status'],
    options: [
      option('--prefix', { name: 'prefix' }, { short: 'p' }),
      { ...FORMAT, since: '0.10.0' },
    ],
    positionals: [],
  },
  {
    path: ['system', 'version'],
    since: '0.8.0',
    options: [FORMAT],
    positionals: [],
  },
  {
    path: ['builder', 'start'],
    options: [...RESOURCE_OPTIONS, ...DNS_OPTIONS.map((spec) => ({ ...spec, since: '0.9.0' }))],
    positionals: [],
  },
  {
    path: ['builder', 'status'],
    options: [FORMAT, flag('--quiet', { short: 'q' })],
    positionals: [],
  },
  { path: ['builder', 'stop'], options: [], positionals: [] },
  {
    path: ['builder', 'delete'],
    aliases: ['rm'],
    options: [flag('--force', { short: 'f' })],
    positionals: [],
  },
];

interface GroupSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Real Apple subcommands this checker does not model. */
  readonly unmodelled: readonly string[];
}

const GROUPS: readonly GroupSpec[] = [
  { name: 'image', aliases: ['i'], unmodelled: ['push', 'save', 'load', 'tag', 'prune'] },
  {
    name: 'system',
    aliases: ['s'],
    unmodelled: ['logs', 'df', 'dns', 'kernel', 'property'],
  },
  { name: 'builder', aliases: [], unmodelled: [] },
];

/** Real top-level commands this checker does not model: reported, never passed silently. */
const UNMODELLED_COMMANDS: Readonly<Record<string, string>> = {
  copy: 'copy',
  cp: 'copy',
  export: 'export',
  prune: 'prune',
  registry: 'registry',
  r: 'registry',
  network: 'network',
  n: 'network',
  volume: 'volume',
  v: 'volume',
  machine: 'machine',
  m: 'machine',
  k8s: 'k8s',
  help: 'help',
};

// ---------------------------------------------------------------------------
// Version tables, derived from the specs so they cannot drift

function flagTable(pick: (spec: OptionSpec) => string | undefined): Record<string, string> {
  const table: Record<string, string> = {};
  for (const command of COMMANDS) {
    for (const spec of command.options) {
      const version = pick(spec);
      if (version !== undefined) {
        table[`${command.path.join(' ')} ${spec.long}`] = version;
      }
    }
  }
  return table;
}

/**
 * The release that introduced each flag newer than the 0.5 baseline, keyed by
 * command path and canonical flag: `APPLE_FLAG_SINCE['run --init'] === '0.10.0'`.
 */
export const APPLE_FLAG_SINCE: Readonly<Record<string, string>> = flagTable((spec) => spec.since);

/** Flags that later releases dropped: `APPLE_FLAG_UNTIL['run --disable-progress-updates']`. */
export const APPLE_FLAG_UNTIL: Readonly<Record<string, string>> = flagTable((spec) => spec.until);

/** Commands newer than the 0.5 baseline, keyed by path: `APPLE_COMMAND_SINCE['stats']`. */
export const APPLE_COMMAND_SINCE: Readonly<Record<string, string>> = Object.fromEntries(
  COMMANDS.flatMap((c) => (c.since === undefined ? [] : [[c.path.join(' '), c.since]])),
);

/** Behaviours that changed without a flag of their own. */
export const APPLE_FEATURE_SINCE = {
  /** `-v /ctr/path`. */
  anonymousVolume: '0.6.0',
  /** `--mount type=volume,target=/x` without a source. */
  anonymousMountVolume: '0.6.0',
  /** `-v .:/x`, `-v ./dir:/x`, `-v ../dir:/x`. */
  relativeVolumePath: '0.11.0',
  /** A single file as the `-v` source. Not checked: the checker never looks at the disk. */
  singleFileVolume: '0.10.0',
  /** The server refuses less than 200 MiB of memory. */
  memoryMinimum: '0.10.0',
  /** `--format yaml`. */
  formatYaml: '0.12.0',
  /** `--format toml`. */
  formatToml: '1.0.0',
  /** `--progress auto|plain|color` on run and image pull (0.7–0.11 had none|ansi). */
  progressAutoPlainColor: '0.12.0',
} as const;

// ---------------------------------------------------------------------------
// Tokens

/** A token swift-argument-parser reads as a value, not as an option. */
function isValueToken(token: string): boolean {
  return token === '' || token === '-' || !token.startsWith('-');
}

/** Tokens the argument parser refuses before looking at any command: `---x`, `--=x`. */
function invalidTokenProblems(tokens: readonly string[]): GrammarProblem[] {
  const problems: GrammarProblem[] = [];
  for (const token of tokens) {
    if (token === '--') {
      break;
    }
    if (isInvalidToken(token)) {
      problems.push(usageError(`Invalid option: ${token}`));
    }
  }
  return problems;
}

function isInvalidToken(token: string): boolean {
  return /^---/.test(token) || token.startsWith('--=');
}

// ---------------------------------------------------------------------------
// Scanning a command's tokens

interface Occurrence {
  readonly option: AppleOption;
  readonly spec: OptionSpec;
}

class CommandScanner {
  private index = 0;
  private afterTerminator = false;
  readonly occurrences: Occurrence[] = [];
  readonly positionals: string[] = [];
  readonly problems: GrammarProblem[] = [];
  private readonly byLong = new Map<string, OptionSpec>();
  private readonly byShort = new Map<string, OptionSpec>();

  constructor(
    private readonly spec: CommandSpec,
    private readonly tokens: readonly string[],
    private readonly ctx: Context,
  ) {
    for (const optionSpec of [...spec.options, ...COMMON_OPTIONS]) {
      for (const long of [optionSpec.long, ...(optionSpec.otherLongs ?? [])]) {
        if (long.startsWith('--')) {
          this.byLong.set(long, optionSpec);
        }
      }
      if (optionSpec.short !== undefined) {
        this.byShort.set(optionSpec.short, optionSpec);
      }
    }
  }

  scan(): void {
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++] ?? '';
      if (this.spec.passthrough === true && this.positionals.length > 0) {
        // Everything after the image (or exec's ID) is the process's, untouched.
        this.positionals.push(token);
      } else if (this.afterTerminator || isValueToken(token)) {
        this.positionals.push(token);
      } else if (token === '--') {
        this.afterTerminator = true;
      } else if (isInvalidToken(token)) {
        // Already reported by invalidTokenProblems.
      } else if (token.startsWith('--')) {
        this.scanLong(token);
      } else {
        this.scanShort(token);
      }
    }
  }

  private scanLong(token: string): void {
    const equals = token.indexOf('=');
    const name = equals < 0 ? token : token.slice(0, equals);
    // The parser treats `--name=` like `--name`: the value then comes from the next token.
    const inline = equals < 0 || equals === token.length - 1 ? undefined : token.slice(equals + 1);
    const optionSpec = this.byLong.get(name);
    if (!optionSpec) {
      this.problems.push(usageError(`Unknown option '${name}'`));
      return;
    }
    this.take(optionSpec, name, inline);
  }

  private scanShort(token: string): void {
    const equals = token.indexOf('=');
    if (equals >= 0) {
      // `-c=4` is a short option with a value; `-it=x` is a single-dash long name.
      const name = token.slice(1, equals);
      const optionSpec = name.length === 1 ? this.byShort.get(name) : undefined;
      if (!optionSpec) {
        this.problems.push(usageError(`Unknown option '-${name}'`));
        return;
      }
      const inline = equals === token.length - 1 ? undefined : token.slice(equals + 1);
      this.take(optionSpec, `-${name}`, inline);
      return;
    }
    const letters = [...token.slice(1)];
    if (letters.length === 1) {
      const optionSpec = this.byShort.get(letters[0] ?? '');
      if (optionSpec) {
        this.take(optionSpec, token, undefined);
      } else {
        this.problems.push(usageError(`Unknown option '${token}'`));
      }
      return;
    }
    this.scanPacked(token, letters);
  }

  /** Packed short options (`-it`, `-de FOO=1`): values come from the following tokens, in order. */
  private scanPacked(token: string, letters: readonly string[]): void {
    if (letters.some((letter) => !/^[A-Za-z0-9]$/.test(letter))) {
      // Not a pack of flags but a stray value such as `-cache:/c`: one problem, no guessing.
      this.problems.push(usageError(`Unknown option '${token}'`));
      return;
    }
    let consumed = 0;
    let unknown: string | undefined;
    for (const letter of letters) {
      const optionSpec = this.byShort.get(letter);
      if (!optionSpec) {
        unknown ??= letter;
        // With pass-through, the parser stops at the first unknown letter.
        if (this.spec.passthrough === true) {
          break;
        }
        continue;
      }
      this.take(optionSpec, `-${letter}`, undefined, token);
      consumed++;
    }
    if (unknown !== undefined) {
      // The parser names the whole pack when none of its letters was used.
      this.problems.push(usageError(`Unknown option '${consumed > 0 ? `-${unknown}` : token}'`));
    }
  }

  private nextValue(): string | undefined {
    const token = this.tokens[this.index];
    if (token === undefined || this.afterTerminator || !isValueToken(token)) {
      return undefined;
    }
    this.index++;
    return token;
  }

  private take(optionSpec: OptionSpec, spelled: string, inline?: string, pack?: string): void {
    if (!available(this.ctx, optionSpec.since, optionSpec.until)) {
      const note = versionNote(this.ctx, optionSpec.since, optionSpec.until);
      this.problems.push(usageError(`Unknown option '${spelled}'${note}`));
      // Still swallow its value, so that the value isn't mistaken for the image.
      if (optionSpec.value && inline === undefined) {
        this.nextValue();
      }
      return;
    }
    const option: AppleOption = { name: optionSpec.long, spelled };
    if (!optionSpec.value) {
      if (inline !== undefined) {
        this.problems.push(
          usageError(
            `The option '${spelled}' does not take any value, but '${inline}' was specified.`,
          ),
        );
      }
      this.occurrences.push({ option, spec: optionSpec });
      return;
    }
    const value = inline ?? this.nextValue();
    if (value === undefined) {
      this.problems.push(usageError(missingValueMessage(spelled, optionSpec.value.name, pack)));
      return;
    }
    this.occurrences.push({ option: { ...option, value }, spec: optionSpec });
  }
}

function missingValueMessage(spelled: string, valueName: string, pack?: string): string {
  const missing = `Missing value for '${spelled} <${valueName}>'`;
  return pack === undefined ? missing : `Unknown option '${pack}'\n   or: ${missing} in '${pack}'`;
}

function synopsis(positional: PositionalSpec): string {
  return `<${positional.name}>${positional.repeating === true ? ' ...' : ''}`;
}

/** Missing and extra positional arguments, as the parser reports them. */
function positionalProblems(spec: CommandSpec, positionals: readonly string[]): GrammarProblem[] {
  if (spec.passthrough === true) {
    return spec.positionals.flatMap((positional, i) =>
      positionals.length <= i && positional.optional !== true
        ? [usageError(`Missing expected argument '${synopsis(positional)}'`)]
        : [],
    );
  }
  const problems: GrammarProblem[] = [];
  let next = 0;
  for (const positional of spec.positionals) {
    const count = positional.repeating === true ? positionals.length - next : 1;
    if (next + count > positionals.length || count === 0) {
      if (positional.optional !== true) {
        problems.push(usageError(`Missing expected argument '${synopsis(positional)}'`));
      }
      continue;
    }
    next += count;
  }
  const extra = positionals.slice(next);
  if (extra.length === 1) {
    problems.push(usageError(`Unexpected argument '${extra[0]}'`));
  } else if (extra.length > 1) {
    problems.push(usageError(`${extra.length} unexpected arguments: '${extra.join("', '")}'`));
  }
  return problems;
}

const INT_RANGES: Readonly<Record<Exclude<ValueType, 'double'>, readonly [bigint, bigint]>> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
};

function parsesAs(type: ValueType, value: string): boolean {
  if (type === 'double') {
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value);
  }
  if (!/^[+-]?\d+$/.test(value)) {
    return false;
  }
  const [min, max] = INT_RANGES[type];
  const parsed = BigInt(value);
  return parsed >= min && parsed <= max;
}

/** The parser's list of valid values: 'a' and 'b' / 'a', 'b' or 'c'. */
function choiceList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 2) {
    return quoted.join(' and ');
  }
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function valueProblems(occurrence: Occurrence, ctx: Context): GrammarProblem[] {
  const { option, spec } = occurrence;
  const valueSpec = spec.value;
  const value = option.value;
  if (!valueSpec || value === undefined) {
    return [];
  }
  const invalid = `The value '${value}' is invalid for '${option.spelled} <${valueSpec.name}>'`;
  if (valueSpec.type && !parsesAs(valueSpec.type, value)) {
    return [usageError(invalid)];
  }
  if (valueSpec.choices) {
    const choice = valueSpec.choices.find((c) => c.value === value);
    if (!choice || !available(ctx, choice.since)) {
      const valid = valueSpec.choices.filter((c) => available(ctx, c.since)).map((c) => c.value);
      const list =
        valueSpec.listChoices === true ? `. Please provide one of ${choiceList(valid)}.` : '';
      const note = choice ? versionNote(ctx, choice.since) : '';
      return [usageError(`${invalid}${list}${note}`)];
    }
  }
  return valueSpec.check?.(value, ctx) ?? [];
}

// ---------------------------------------------------------------------------
// The command tree

type Resolution =
  | { readonly kind: 'command'; readonly spec: CommandSpec; readonly rest: readonly string[] }
  | { readonly kind: 'stop'; readonly command: string[]; readonly problem?: GrammarProblem };

function findCommand(parent: readonly string[], word: string): CommandSpec | undefined {
  return COMMANDS.find(
    (spec) =>
      spec.path.length === parent.length + 1 &&
      parent.every((name, i) => spec.path[i] === name) &&
      (spec.path[parent.length] === word || (spec.aliases ?? []).includes(word)),
  );
}

function notModelled(path: readonly string[]): GrammarProblem {
  return usageError(`'container ${path.join(' ')}' is not modelled by appleGrammar`);
}

function resolveGroup(
  group: GroupSpec,
  tokens: readonly string[],
  root: AppleOption[],
  ctx: Context,
): Resolution {
  let i = 0;
  // The group itself takes --debug and -h/--help before its subcommand.
  while (['--debug', '-h', '--help'].includes(tokens[i] ?? '')) {
    const spelled = tokens[i++] ?? '';
    root.push({ name: spelled === '-h' ? '--help' : spelled, spelled });
  }
  const word = tokens[i];
  if (word === undefined) {
    const helped = root.some((o) => o.name === '--help');
    return {
      kind: 'stop',
      command: [group.name],
      ...(helped
        ? {}
        : {
            problem: usageError(`Missing subcommand: 'container ${group.name}' only prints help`),
          }),
    };
  }
  const spec = findCommand([group.name], word);
  if (spec && !available(ctx, spec.since)) {
    const note = versionNote(ctx, spec.since);
    return {
      kind: 'stop',
      command: [...spec.path],
      problem: usageError(`Unexpected argument '${word}'${note}`),
    };
  }
  if (spec) {
    return { kind: 'command', spec, rest: tokens.slice(i + 1) };
  }
  if (group.unmodelled.includes(word)) {
    return { kind: 'stop', command: [group.name, word], problem: notModelled([group.name, word]) };
  }
  return {
    kind: 'stop',
    command: [group.name, word],
    problem: usageError(`Unexpected argument '${word}'`),
  };
}

function resolve(
  word: string,
  rest: readonly string[],
  root: AppleOption[],
  ctx: Context,
): Resolution {
  const group = GROUPS.find((g) => g.name === word || g.aliases.includes(word));
  if (group) {
    return resolveGroup(group, rest, root, ctx);
  }
  const spec = findCommand([], word);
  if (spec && !available(ctx, spec.since)) {
    // Before it existed, the word fell through to the plugin lookup.
    const note = versionNote(ctx, spec.since);
    return {
      kind: 'stop',
      command: [...spec.path],
      problem: usageError(`Plugin 'container-${word}' not found.${note}`),
    };
  }
  if (spec) {
    return { kind: 'command', spec, rest };
  }
  const unmodelled = UNMODELLED_COMMANDS[word];
  if (unmodelled !== undefined) {
    return { kind: 'stop', command: [unmodelled], problem: notModelled([unmodelled]) };
  }
  const problem =
    word === ''
      ? usageError("unknown argument ''")
      : usageError(`Plugin 'container-${word}' not found.`);
  return { kind: 'stop', command: [word], problem };
}

/** Root options before the command word; returns the index of that word. */
function scanRoot(tokens: readonly string[], out: AppleParse): number | undefined {
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    if (token === '--version') {
      out.options.push({ name: '--version', spelled: token });
      return undefined;
    }
    if (token === '--debug' || token === '-h' || token === '--help') {
      out.options.push({ name: token === '-h' ? '--help' : token, spelled: token });
      i++;
      continue;
    }
    if (
      token === '--generate-completion-script' ||
      token.startsWith('--generate-completion-script=')
    ) {
      out.options.push({ name: '--generate-completion-script', spelled: token });
      return undefined;
    }
    if (!isValueToken(token) && token !== '--') {
      // The root's default command receives it and refuses it (lower-case "unknown").
      out.problems.push(usageError(`unknown option '${token}'`));
      return undefined;
    }
    return i;
  }
  if (!out.options.some((o) => o.name === '--help')) {
    out.problems.push(usageError("Missing command: 'container' alone only prints help"));
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Entry points

/**
 * Parse `argv` (argv[0] is 'container') the way Apple's CLI would, and list
 * everything it would refuse, or would accept but read differently than meant.
 */
export function parseAppleArgv(
  argv: readonly string[],
  options: AppleGrammarOptions = {},
): AppleParse {
  const ctx = makeContext(options.version);
  const out: AppleParse = { command: [], options: [], positionals: [], problems: [] };
  if (argv[0] !== 'container') {
    out.problems.push(usageError(`argv[0] must be 'container', got '${argv[0] ?? ''}'`));
    return out;
  }
  const tokens = argv.slice(1);
  out.problems.push(...invalidTokenProblems(tokens));
  const wordIndex = scanRoot(tokens, out);
  if (wordIndex === undefined) {
    return out;
  }
  const resolution = resolve(
    tokens[wordIndex] ?? '',
    tokens.slice(wordIndex + 1),
    out.options,
    ctx,
  );
  if (resolution.kind === 'stop') {
    out.command = resolution.command;
    if (resolution.problem) {
      out.problems.push(resolution.problem);
    }
    return out;
  }
  const { spec, rest } = resolution;
  out.command = [...spec.path];
  const scanner = new CommandScanner(spec, rest, ctx);
  scanner.scan();
  out.options.push(...scanner.occurrences.map((o) => o.option));
  out.positionals = scanner.positionals;
  out.problems.push(...scanner.problems, ...positionalProblems(spec, scanner.positionals));
  for (const occurrence of scanner.occurrences) {
    out.problems.push(...valueProblems(occurrence, ctx));
  }
  const parsed: ParsedCommand = { options: out.options, positionals: out.positionals };
  out.problems.push(...(spec.validate?.(parsed, ctx) ?? []));
  return out;
}

/**
 * The long option names `command` accepts at `options.version`, in the order
 * Apple declares them: swift-argument-parser picks its "Did you mean" suggestion
 * for an unknown long option from these, first closest one winning.
 */
export function appleLongOptionNames(
  command: readonly string[],
  options: AppleGrammarOptions = {},
): string[] {
  const ctx = makeContext(options.version);
  const spec = COMMANDS.find(
    (c) => c.path.length === command.length && c.path.every((word, i) => word === command[i]),
  );
  if (!spec) {
    return [];
  }
  return [...spec.options, flag('--debug')]
    .filter((o) => available(ctx, o.since, o.until))
    .flatMap((o) => [o.long, ...(o.otherLongs ?? [])])
    .filter((name) => name.startsWith('--'));
}

/** Just the problems: an empty array means Apple would accept `argv`. */
export function checkAppleArgv(
  argv: readonly string[],
  options: AppleGrammarOptions = {},
): GrammarProblem[] {
  return parseAppleArgv(argv, options).problems;
}
