import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  FEATURE_MAX_ENTRIES,
  FEATURE_MAX_UNPACKED_BYTES,
  planFeatureArchive,
} from '../../core/features/featureArchive';
import { FeatureFetchError } from '../../core/features/oci';
import { readTarMembers, TarFormatError } from '../../core/features/tarReader';

/**
 * Unpacks a Feature archive (a plain or gzipped tar: Feature "tgz" files
 * are often plain tars) into a new folder. Slipway reads the tar itself
 * rather than running the system's tar, whose protections differ between
 * GNU tar and the Mac's bsdtar: the whole listing is checked first
 * (featureArchive.ts), and then only files, folders and symbolic links
 * are made, with no owners and no set-id bits.
 */

const gunzipAsync = promisify(gunzip);

/** Headers (512 bytes a member, two for a long name) and padding on top of the content cap. */
const MAX_TAR_BYTES = FEATURE_MAX_UNPACKED_BYTES + FEATURE_MAX_ENTRIES * 2048 + 1024 * 1024;

export async function extractFeatureArchive(
  archive: Buffer,
  destination: string,
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  const tar = await decompress(archive, what);
  let members;
  try {
    members = readTarMembers(tar);
  } catch (error) {
    if (error instanceof TarFormatError) {
      throw new FeatureFetchError(
        'bad-response',
        `The archive of ${what} cannot be unpacked: ${error.message}. The published Feature is broken: pick another version, or ask its publisher to publish it again.`,
      );
    }
    throw error;
  }
  const steps = planFeatureArchive(members, what);
  await fs.mkdir(destination, { recursive: true });
  for (const step of steps) {
    signal?.throwIfAborted();
    const target = path.join(destination, ...step.path.split('/'));
    if (step.kind === 'directory') {
      await fs.mkdir(target, { recursive: true });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (step.kind === 'symlink') {
      await fs.symlink(step.target, target);
      continue;
    }
    const content =
      step.kind === 'file'
        ? tar.subarray(step.offset, step.offset + step.size)
        : await fs.readFile(path.join(destination, ...step.from.split('/')));
    // Only the executable bit carries meaning for a Feature; `wx` never follows a link.
    const mode = step.executable ? 0o755 : 0o644;
    await fs.writeFile(target, content, { mode, flag: 'wx' });
    await fs.chmod(target, mode);
  }
}

async function decompress(archive: Buffer, what: string): Promise<Buffer> {
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) {
    return archive;
  }
  try {
    return await gunzipAsync(archive, { maxOutputLength: MAX_TAR_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new FeatureFetchError(
        'bad-response',
        `The archive of ${what} unpacks to more than ${FEATURE_MAX_UNPACKED_BYTES / (1024 * 1024)} MiB (the limit Slipway sets for one Feature), so it was not unpacked. Do not use this Feature; report it to its publisher.`,
      );
    }
    throw new FeatureFetchError(
      'bad-response',
      `The archive of ${what} cannot be unpacked (its gzip data is damaged: ${(error as Error).message}). The published Feature is broken: pick another version, or ask its publisher to publish it again.`,
    );
  }
}
