/**
 * `container volume create|delete|list|inspect|prune` (VolumeCreate ... and
 * VolumesService at 1.2.2; the bare Volume JSON before 1.0), and the volume
 * creation `-v name:/path` does on run/create. Server-side VolumeErrors reach
 * the CLI as `invalidArgument` with their description (XPCServer's mapping).
 * Each volume's data is a podman volume; its size is recorded, not enforced.
 */
import { parseAppleSize } from '../../support/appleGrammar';
import type { Command, Context, Invocation } from '../context';
import { AppleError } from '../errors';
import { encodeJson, PRETTY_SORTED } from '../json';
import { podmanVolumeName } from '../podman/createArgs';
import { createPodmanVolume, removePodmanVolume } from '../podman/resources';
import { VOLUME_HEADER, volumeJson, volumeRow } from '../render/resources';
import { formatTable } from '../render/table';
import { withLock } from '../state/lock';
import { readAllRecords } from '../state/store';
import {
  DEFAULT_VOLUME_SIZE,
  readVolume,
  readVolumes,
  removeVolume,
  volumeImagePath,
  writeVolume,
  type VolumeRecord,
} from '../state/volumes';
import { printListJson, problemError, requireService, unsupportedFormat } from './common';
import { keyValuePairs, swiftArray } from './keyValues';

const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MIB = 1024 * 1024;

function volumeError(message: string): AppleError {
  return new AppleError('invalidArgument', message);
}

function sizeInBytes(text: string | undefined): number {
  if (text === undefined) {
    return DEFAULT_VOLUME_SIZE;
  }
  const size = parseAppleSize(text);
  if ('error' in size) {
    throw volumeError(`storage error: ${size.error}`);
  }
  if (size.bytes < MIB) {
    throw volumeError('storage error: volume size too small: minimum 1MiB');
  }
  return Math.floor(size.bytes);
}

/**
 * VolumesService.create. Returns false when the volume already existed and
 * `existingIsFine` (run/create's getOrCreateVolume); throws Apple's error otherwise.
 */
export async function createVolume(
  ctx: Context,
  request: { name: string; labels: Record<string, string>; options: Record<string, string> },
  existingIsFine = true,
): Promise<boolean> {
  const { name } = request;
  if (name.length > 255 || !VOLUME_NAME.test(name)) {
    // VolumeError.invalidVolumeName wraps a message that already says it.
    throw volumeError(
      `invalid volume name 'invalid volume name '${name}': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$'`,
    );
  }
  const size = sizeInBytes(request.options.size);
  const created = withLock(ctx.paths.lock, () => {
    if (readVolume(ctx.paths, name)) {
      if (existingIsFine) {
        return false;
      }
      throw volumeError(`volume '${name}' already exists`);
    }
    const volume: VolumeRecord = {
      name,
      driver: 'local',
      format: 'ext4',
      source: volumeImagePath(ctx.paths, name),
      creationDate: new Date().toISOString(),
      labels: request.labels,
      options: request.options,
      sizeInBytes: size,
    };
    writeVolume(ctx.paths, volume);
    return true;
  });
  await createPodmanVolume(podmanVolumeName(ctx.paths.tag, name), ctx.paths.tag);
  return created;
}

export const volumeCreate: Command = async (ctx, invocation) => {
  requireService(ctx);
  const { options } = invocation;
  const [name = ''] = invocation.positionals;
  const driverOptions = keyValuePairs(options.values('--opt'));
  const size = options.last('-s');
  if (size !== undefined) {
    driverOptions.size = size;
  }
  await createVolume(
    ctx,
    { name, labels: keyValuePairs(options.values('--label')), options: driverOptions },
    false,
  );
  ctx.print(name);
  return 0;
};

function inUse(ctx: Context, name: string): boolean {
  return readAllRecords(ctx.paths).some((r) =>
    r.configuration.mounts.some((m) => 'volume' in m.type && m.type.volume.name === name),
  );
}

/** VolumesService.delete: refused while any container (running or not) mounts it. */
async function deleteVolume(ctx: Context, name: string): Promise<void> {
  withLock(ctx.paths.lock, () => {
    if (inUse(ctx, name)) {
      throw volumeError(
        `volume '${name}' is currently in use and cannot be accessed by another container, or deleted`,
      );
    }
    removeVolume(ctx.paths, name);
  });
  await removePodmanVolume(podmanVolumeName(ctx.paths.tag, name));
}

function raiseValidation(invocation: Invocation): void {
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
}

export const volumeDelete: Command = async (ctx, invocation) => {
  raiseValidation(invocation);
  requireService(ctx);
  const wanted = new Set(invocation.positionals);
  const all = withLock(ctx.paths.lock, () => readVolumes(ctx.paths));
  const chosen = invocation.options.has('--all') ? all : all.filter((v) => wanted.has(v.name));
  if (!invocation.options.has('--all')) {
    const missing = [...wanted].filter((name) => !chosen.some((v) => v.name === name));
    if (missing.length > 0) {
      throw new AppleError(
        'notFound',
        `failed to delete one or more volumes: ${swiftArray(missing)}`,
      );
    }
  }
  const failed: string[] = [];
  for (const volume of chosen) {
    try {
      await deleteVolume(ctx, volume.name);
      ctx.print(volume.name);
    } catch (error) {
      if (!(error instanceof AppleError)) {
        throw error;
      }
      ctx.printError(
        `failed to delete volume: ["id": ${volume.name}, "error": ${error.describe()}]`,
      );
      failed.push(volume.name);
    }
  }
  if (failed.length > 0) {
    throw new AppleError(
      'internalError',
      `delete failed for one or more volumes: ${swiftArray(failed)}`,
    );
  }
  return 0;
};

export const volumeList: Command = async (ctx, invocation) => {
  requireService(ctx);
  const { options } = invocation;
  const format = options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const volumes = withLock(ctx.paths.lock, () => readVolumes(ctx.paths));
  const v1 = ctx.version.atLeast('1.0.0');
  if (format === 'json') {
    printListJson(
      ctx,
      volumes.map((v) => volumeJson(v, ctx.version, 'reference')),
    );
  } else if (options.has('--quiet')) {
    if (volumes.length > 0) {
      ctx.print(volumes.map((v) => v.name).join('\n'));
    }
  } else {
    // Before 1.0 the table showed the newest volume first.
    const shown = v1
      ? volumes
      : [...volumes].sort((a, b) => b.creationDate.localeCompare(a.creationDate));
    ctx.print(formatTable([VOLUME_HEADER, ...shown.map(volumeRow)]));
  }
  return 0;
};

export const volumeInspect: Command = async (ctx, invocation) => {
  requireService(ctx);
  const volumes = withLock(ctx.paths.lock, () => readVolumes(ctx.paths));
  if (!ctx.version.atLeast('1.0.0')) {
    // Before 1.0: one server inspect per name, in order; the first unknown one fails.
    const found = invocation.positionals.map((name) => {
      const volume = volumes.find((v) => v.name === name);
      if (!volume) {
        throw volumeError(`volume '${name}' not found`);
      }
      return volumeJson(volume, ctx.version);
    });
    ctx.print(encodeJson(found, PRETTY_SORTED));
    return 0;
  }
  const wanted = new Set(invocation.positionals);
  const found = volumes.filter((v) => wanted.has(v.name));
  if (found.length !== wanted.size) {
    const missing = [...wanted].filter((name) => !found.some((v) => v.name === name)).sort();
    throw new AppleError('notFound', `volume not found: ${missing.join(', ')}`);
  }
  ctx.print(
    encodeJson(
      found.map((v) => volumeJson(v, ctx.version)),
      PRETTY_SORTED,
    ),
  );
  return 0;
};

export const volumePrune: Command = async (ctx) => {
  requireService(ctx);
  const candidates = withLock(ctx.paths.lock, () =>
    readVolumes(ctx.paths).filter((v) => !inUse(ctx, v.name)),
  );
  const pruned: string[] = [];
  for (const volume of candidates) {
    try {
      await deleteVolume(ctx, volume.name);
      pruned.push(volume.name);
    } catch (error) {
      if (!(error instanceof AppleError)) {
        throw error;
      }
      ctx.printError(
        `failed to prune volume: ["id": ${volume.name}, "error": ${error.describe()}]`,
      );
    }
  }
  for (const name of pruned) {
    ctx.print(name);
  }
  // The stand-in does not measure podman's volumes: Apple reports their disk usage here.
  ctx.printError('Reclaimed Zero KB in disk space');
  return 0;
};
