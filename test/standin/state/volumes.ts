/**
 * Apple's volumes as the stand-in keeps them: Apple's VolumeConfiguration in
 * `<state>/volumes/<name>/entity.json` (Apple's own layout, next to where its
 * `volume.img` would be). The data lives in a podman volume of the same name
 * (prefixed with the state tag), created and removed with the record.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatePaths } from './paths';

export const ANONYMOUS_LABEL = 'com.apple.container.resource.anonymous';
/** VolumeStorage.defaultVolumeSizeBytes: a sparse 512 GiB ext4 image. */
export const DEFAULT_VOLUME_SIZE = 512 * 1024 ** 3;

export interface VolumeRecord {
  readonly name: string;
  readonly driver: string;
  readonly format: string;
  readonly source: string;
  /** ISO 8601 with milliseconds. */
  readonly creationDate: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
  readonly sizeInBytes?: number;
}

export function volumeImagePath(paths: StatePaths, name: string): string {
  return join(paths.volumes, name, 'volume.img');
}

function entityPath(paths: StatePaths, name: string): string {
  return join(paths.volumes, name, 'entity.json');
}

export function isAnonymous(volume: VolumeRecord): boolean {
  return volume.labels[ANONYMOUS_LABEL] !== undefined;
}

export function readVolume(paths: StatePaths, name: string): VolumeRecord | undefined {
  try {
    return JSON.parse(readFileSync(entityPath(paths, name), 'utf8')) as VolumeRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

export function writeVolume(paths: StatePaths, volume: VolumeRecord): void {
  mkdirSync(join(paths.volumes, volume.name), { recursive: true });
  const target = entityPath(paths, volume.name);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(volume, null, 2)}\n`);
  renameSync(temporary, target);
}

export function removeVolume(paths: StatePaths, name: string): void {
  rmSync(join(paths.volumes, name), { recursive: true, force: true });
}

/** Every volume, by name. */
export function readVolumes(paths: StatePaths): VolumeRecord[] {
  let names: string[] = [];
  try {
    names = readdirSync(paths.volumes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  return names
    .sort()
    .map((name) => readVolume(paths, name))
    .filter((volume): volume is VolumeRecord => volume !== undefined);
}
