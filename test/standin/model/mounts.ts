/**
 * `--tmpfs`, `-v` and `--mount` as Apple's Parser reads them, including the
 * checks that need the disk (which the grammar can't make): a host path must
 * exist, and a `--mount` bind source must be a directory. Syntax errors were
 * already reported by the grammar.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseAppleSize } from '../../support/appleGrammar';
import { MOUNT_KEYS } from '../../support/appleGrammar/mounts';
import { AppleError } from '../errors';
import type { AppleMount } from './types';

const MIB = 1024 * 1024;

/** Where Apple would keep a volume's ext4 image; only ever reported. */
export interface VolumeNaming {
  readonly volumesDir: string;
}

function invalid(message: string): AppleError {
  return new AppleError('invalidArgument', message);
}

function swiftSplit(text: string, separator: string): string[] {
  return text.split(separator).filter((piece) => piece !== '');
}

function virtiofs(source: string, destination: string, options: readonly string[]): AppleMount {
  return { type: { virtiofs: {} }, source, destination, options };
}

function volume(
  name: string,
  destination: string,
  options: readonly string[],
  naming: VolumeNaming,
): AppleMount {
  return {
    type: { volume: { name, format: 'ext4', cache: { on: {} }, sync: { fsync: {} } } },
    source: join(naming.volumesDir, name, 'volume.img'),
    destination,
    options,
  };
}

function anonymousVolumeName(): string {
  return `anon-${randomUUID().toLowerCase()}`;
}

/** Parser.validateMount for filesystems. */
function validateFilesystem(mount: AppleMount): void {
  if (!('tmpfs' in mount.type)) {
    if (!isAbsolute(mount.source)) {
      throw invalid(`${mount.source} is not an absolute path on the host`);
    }
    if (!existsSync(mount.source)) {
      throw invalid(`file path '${mount.source}' does not exist`);
    }
  }
  if (mount.destination === '') {
    throw invalid('mount destination cannot be empty');
  }
}

export function tmpfsMounts(paths: readonly string[]): AppleMount[] {
  return [...new Set(paths)].map((destination) => {
    const mount: AppleMount = { type: { tmpfs: {} }, source: 'tmpfs', destination, options: [] };
    validateFilesystem(mount);
    return mount;
  });
}

function isHostPath(source: string): boolean {
  return source.includes('/') || source === '.' || source === '..';
}

/** One `-v`: `/host:/ctr[:opts]`, `name:/ctr[:opts]` or `/ctr` (anonymous volume). */
export function volumeMount(spec: string, cwd: string, naming: VolumeNaming): AppleMount {
  const parts = swiftSplit(spec.replace(/^:+/, ''), ':');
  const [source = '', destination = '', optionText] = parts;
  if (parts.length === 1) {
    return volume(anonymousVolumeName(), source, [], naming);
  }
  if (parts.length !== 2 && parts.length !== 3) {
    throw invalid(`invalid volume format ${spec}`);
  }
  const options = optionText === undefined ? [] : swiftSplit(optionText, ',');
  if (!isHostPath(source)) {
    return volume(source, destination, options, naming);
  }
  const absolute = resolve(cwd, source);
  if (!existsSync(absolute)) {
    throw invalid(`path '${source}' does not exist`);
  }
  const mount = virtiofs(absolute, destination, options);
  validateFilesystem(mount);
  return mount;
}

/** One `--mount type=...,source=...,target=...[,readonly]`. */
export function mountFlag(spec: string, cwd: string, naming: VolumeNaming): AppleMount {
  const directives = new Map<string, string>([['type', 'virtiofs']]);
  for (const part of swiftSplit(spec, ',')) {
    const equals = part.indexOf('=');
    const rawKey = equals < 0 ? part : part.slice(0, equals);
    const key = MOUNT_KEYS[rawKey];
    if (key === undefined) {
      throw invalid(`unknown directive ${rawKey} when parsing mount ${spec}`);
    }
    directives.set(key, key === 'ro' || equals < 0 ? '' : part.slice(equals + 1));
  }
  const rawType = directives.get('type') ?? 'virtiofs';
  const type = rawType === 'bind' ? 'virtiofs' : rawType;
  const options: string[] = [];
  if (directives.has('ro')) {
    options.push('ro');
  }
  const size = directives.get('size');
  if (size !== undefined) {
    const parsed = parseAppleSize(size);
    if ('error' in parsed) {
      throw invalid(parsed.error);
    }
    options.push(`size=${Math.floor(parsed.bytes / MIB) * MIB}`);
  }
  const mode = directives.get('mode');
  if (mode !== undefined) {
    options.push(`mode=${mode}`);
  }
  const destination = directives.get('destination') ?? '';
  const source = directives.get('source');
  if (type === 'volume') {
    if (destination === '') {
      throw invalid('volume destination cannot be empty');
    }
    return volume(source ?? anonymousVolumeName(), destination, options, naming);
  }
  if (type === 'tmpfs') {
    const mount: AppleMount = { type: { tmpfs: {} }, source: '', destination, options };
    validateFilesystem(mount);
    return mount;
  }
  const value = source ?? '';
  const absolute = resolve(cwd, value);
  if (value !== '') {
    if (!existsSync(absolute)) {
      throw invalid(`path '${value}' does not exist`);
    }
    if (!statSync(absolute).isDirectory()) {
      throw invalid(`path '${value}' is not a directory`);
    }
  }
  const mount = virtiofs(value === '' ? '' : absolute, destination, options);
  validateFilesystem(mount);
  return mount;
}

/** All of a container's mounts in Apple's order: tmpfs, then -v, then --mount. */
export function containerMounts(
  flags: { tmpfs: readonly string[]; volumes: readonly string[]; mounts: readonly string[] },
  cwd: string,
  naming: VolumeNaming,
): AppleMount[] {
  return [
    ...tmpfsMounts(flags.tmpfs),
    ...flags.volumes.map((spec) => volumeMount(spec, cwd, naming)),
    ...[...new Set(flags.mounts)].map((spec) => mountFlag(spec, cwd, naming)),
  ];
}
