import * as path from 'node:path';
import { splitCsvFields } from '../config/csv';
import type { MountObject } from '../config/types';
import { ValueProblem } from './problems';
import { VALUE_FORM_SINCE, type VersionRequirement } from './versions';

/**
 * Mounts, from Docker's two syntaxes (`--mount k=v,...` and `-v a:b:opts`) and
 * the spec's object form, to the few keys Apple's `--mount` accepts (`type`,
 * `source`, `target`, `readonly`). Apple fails the whole start on any other key
 * ("unknown directive ..."), so everything else is dropped here, with a note
 * where the user might care.
 */

export interface Mount {
  type: 'bind' | 'volume' | 'tmpfs';
  source?: string;
  target: string;
  readonly: boolean;
  /** Docker keys or options Apple has no equivalent for, dropped with a note. */
  dropped: string[];
}

/** What is at a host path, as far as the planner was told. */
export type PathKind = 'file' | 'directory' | 'missing';

export interface AppleMount {
  args: string[];
  requirements: VersionRequirement[];
  notes: string[];
}

/** Keys that only tune Docker Desktop's file sharing: meaningless on Apple, dropped without a word. */
const SILENT_KEYS = new Set(['consistency']);

const APPLE_VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Splits Docker's `--mount` value the way Docker does: CSV, with `"` quoting. */
export function splitCsv(text: string): string[] {
  const { fields, unterminated } = splitCsvFields(text);
  if (unterminated) {
    throw new ValueProblem(`unterminated quote in mount "${text}"`);
  }
  return fields;
}

function parseBoolean(key: string, value: string | undefined, text: string): boolean {
  if (value === undefined) {
    return true;
  }
  const normalized = value.toLowerCase();
  if (['true', '1'].includes(normalized)) {
    return true;
  }
  if (['false', '0'].includes(normalized)) {
    return false;
  }
  throw new ValueProblem(`invalid value "${value}" for "${key}" in mount "${text}"`);
}

function normalizeType(type: string, text: string): Mount['type'] {
  switch (type.toLowerCase()) {
    case 'bind':
    case 'virtiofs':
      return 'bind';
    case 'volume':
      return 'volume';
    case 'tmpfs':
      return 'tmpfs';
    default:
      throw new ValueProblem(
        `mount type "${type}" is not available on Apple container (bind, volume and tmpfs are) in "${text}"`,
      );
  }
}

/** Docker's `--mount` syntax. Like Docker, the type defaults to `volume`. */
export function parseMountString(text: string): Mount {
  let type = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readonly = false;
  const dropped: string[] = [];
  for (const field of splitCsv(text)) {
    if (field.trim() === '') {
      continue;
    }
    const equals = field.indexOf('=');
    const key = (equals < 0 ? field : field.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? undefined : field.slice(equals + 1);
    switch (key) {
      case 'type':
        type = value ?? '';
        break;
      case 'source':
      case 'src':
        source = value;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = value;
        break;
      case 'readonly':
      case 'ro':
        readonly = parseBoolean(key, value, text);
        break;
      default:
        if (!SILENT_KEYS.has(key)) {
          dropped.push(key);
        }
    }
  }
  if (target === undefined || target === '') {
    throw new ValueProblem(`mount "${text}" has no target`);
  }
  return {
    type: normalizeType(type, text),
    source: source || undefined,
    target,
    readonly,
    dropped,
  };
}

/** The spec's object form: `{ "type": "bind" | "volume", "source"?, "target" }`. */
export function parseMountObject(mount: MountObject): Mount {
  const text = JSON.stringify(mount);
  if (!mount.target) {
    throw new ValueProblem(`mount ${text} has no target`);
  }
  return {
    type: normalizeType(mount.type, text),
    source: mount.source || undefined,
    target: mount.target,
    readonly: false,
    dropped: [],
  };
}

/** Docker's `-v source:target[:options]`, `name:target[:options]` or `target`. */
export function parseVolumeFlag(text: string): Mount {
  const parts = text.split(':');
  if (parts.length === 1) {
    return { type: 'volume', target: text, readonly: false, dropped: [] };
  }
  if (parts.length > 3 || parts.some((part) => part === '')) {
    throw new ValueProblem(`invalid volume specification "${text}"`);
  }
  const [source = '', target = '', options = ''] = parts;
  const dropped: string[] = [];
  let readonly = false;
  for (const option of options.split(',').filter((o) => o !== '')) {
    if (option === 'ro') {
      readonly = true;
    } else if (option !== 'rw' && !['cached', 'delegated', 'consistent'].includes(option)) {
      dropped.push(option);
    }
  }
  const isPath = source.startsWith('/') || source.startsWith('.');
  return { type: isPath ? 'bind' : 'volume', source, target, readonly, dropped };
}

function droppedNote(mount: Mount): string[] {
  if (mount.dropped.length === 0) {
    return [];
  }
  const keys = mount.dropped.map((key) => `"${key}"`).join(', ');
  return [`Apple container has no mount option ${keys}; it was left out for ${mount.target}.`];
}

function assertAbsoluteTarget(mount: Mount): void {
  if (!mount.target.startsWith('/')) {
    throw new ValueProblem(
      `mount target "${mount.target}" must be an absolute path in the container`,
    );
  }
}

function bindMount(mount: Mount, pathKind: (hostPath: string) => PathKind | undefined): AppleMount {
  const source = mount.source ?? '';
  if (!path.posix.isAbsolute(source)) {
    throw new ValueProblem(`bind mount source "${source}" must be an absolute host path`);
  }
  const kind = pathKind(source);
  const notes = droppedNote(mount);
  if (kind === 'missing') {
    notes.push(
      `The mount source ${source} does not exist yet; the container will not start unless something (such as initializeCommand) creates it.`,
    );
  }
  // Apple's `--mount` cannot quote a comma, and its bind mounts need a
  // directory; `-v` handles both, as long as no path contains a colon.
  const needsVolumeFlag = kind === 'file' || source.includes(',') || mount.target.includes(',');
  if (!needsVolumeFlag) {
    const fields = ['type=virtiofs', `source=${source}`, `target=${mount.target}`];
    if (mount.readonly) {
      fields.push('readonly');
    }
    return { args: ['--mount', fields.join(',')], requirements: [], notes };
  }
  if (source.includes(':') || mount.target.includes(':')) {
    throw new ValueProblem(
      `Apple container cannot mount "${source}" at "${mount.target}": a path with a comma, or a single file, needs "-v", and "-v" cannot take a path with a colon`,
    );
  }
  const requirements =
    kind === 'file'
      ? [{ flag: '-v (single file)', since: VALUE_FORM_SINCE.singleFileBindMount }]
      : [];
  return {
    args: ['-v', `${source}:${mount.target}${mount.readonly ? ':ro' : ''}`],
    requirements,
    notes,
  };
}

function volumeMount(mount: Mount): AppleMount {
  const notes = droppedNote(mount);
  const fields = ['type=volume'];
  const requirements: VersionRequirement[] = [];
  if (mount.source === undefined) {
    requirements.push({
      flag: '--mount type=volume (anonymous)',
      since: VALUE_FORM_SINCE.anonymousVolume,
    });
  } else {
    if (!APPLE_VOLUME_NAME.test(mount.source)) {
      throw new ValueProblem(
        `volume name "${mount.source}" is not valid for Apple container (letters, digits, "_", "." and "-", starting with a letter or digit)`,
      );
    }
    fields.push(`source=${mount.source}`);
  }
  if (mount.target.includes(',')) {
    throw new ValueProblem(
      `Apple container cannot mount a volume at a path with a comma: "${mount.target}"`,
    );
  }
  fields.push(`target=${mount.target}`);
  if (mount.readonly) {
    fields.push('readonly');
  }
  return { args: ['--mount', fields.join(',')], requirements, notes };
}

function tmpfsMount(mount: Mount): AppleMount {
  // `--tmpfs <path>` is Apple's documented form; it takes no size or mode.
  if (mount.target.includes(':')) {
    // Docker's `--tmpfs /path:options` form: a colon here is never part of the path meant.
    throw new ValueProblem(
      `Apple container cannot make a tmpfs at a path with a colon: "${mount.target}" (tmpfs options such as size are not supported)`,
    );
  }
  const notes = droppedNote(mount);
  if (mount.readonly) {
    notes.push(`Apple container has no read-only tmpfs; ${mount.target} is writable.`);
  }
  return { args: ['--tmpfs', mount.target], requirements: [], notes };
}

/** The `container run` arguments for one mount. */
export function toAppleMount(
  mount: Mount,
  pathKind: (hostPath: string) => PathKind | undefined,
): AppleMount {
  assertAbsoluteTarget(mount);
  switch (mount.type) {
    case 'bind':
      return bindMount(mount, pathKind);
    case 'volume':
      return volumeMount(mount);
    case 'tmpfs':
      return tmpfsMount(mount);
  }
}
