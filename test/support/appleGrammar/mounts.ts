/**
 * Mount-like values: `-v/--volume`, `--mount` and `--tmpfs`, with volume-name
 * rules and the checker's own rule that container paths must be absolute.
 */

import { type GrammarProblem, runtimeError } from './problems';
import { parseAppleSize } from './sizes';
import { isAbsolute, swiftSplit } from './textParsers';
import { available, type Context, versionNote } from './versions';

const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VOLUME_NAME_TEXT = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

function invalidVolumeName(name: string): GrammarProblem {
  return runtimeError(`invalid volume name '${name}': must match ${VOLUME_NAME_TEXT}`);
}

/** Our own check, not Apple's: a mount target that isn't absolute can't be what was meant. */
function containerPathProblems(path: string, spec: string): GrammarProblem[] {
  return isAbsolute(path)
    ? []
    : [runtimeError(`container path '${path}' in '${spec}' is not absolute (checker's rule)`)];
}

export function checkTmpfs(value: string): GrammarProblem[] {
  if (value === '') {
    return [runtimeError('mount destination cannot be empty')];
  }
  // Docker's `--tmpfs /path:size=64m` would become a mount at "/path:size=64m".
  if (value.includes(':')) {
    return [runtimeError(`--tmpfs takes a path only, not options: '${value}' (checker's rule)`)];
  }
  return containerPathProblems(value, value);
}

// -v/--volume ----------------------------------------------------------------

function looksLikeRelativePath(source: string): boolean {
  return source.includes('/') || source === '.' || source === '..';
}

export function checkVolume(value: string, ctx: Context): GrammarProblem[] {
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

/** Apple's `--mount` keys and what each one sets; the stand-in reads mounts with the same table. */
export const MOUNT_KEYS: Readonly<Record<string, string>> = {
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

export function checkMount(value: string, ctx: Context): GrammarProblem[] {
  const parsed = mountDirectives(value);
  if ('message' in parsed) {
    return [parsed];
  }
  const problem = mountProblem(parsed.directives, value, ctx);
  return [...parsed.notes, ...(problem ? [problem] : [])];
}
