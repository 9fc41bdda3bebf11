import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FeatureFetchError } from '../../core/features/oci';
import { loadExeca } from '../execa';

/**
 * Unpacks a Feature archive with the system's `tar` (GNU tar on Linux,
 * bsdtar on macOS; both read plain and gzipped archives, and Feature
 * "tgz" files are often plain tars). The member names are checked first:
 * an archive from a registry must not write outside its folder.
 */

/** `/usr/bin/tar` where it exists (macOS, merged-/usr Linux), else `tar` from PATH. */
async function tarExecutable(): Promise<string> {
  try {
    await fs.access('/usr/bin/tar', fs.constants.X_OK);
    return '/usr/bin/tar';
  } catch {
    return 'tar';
  }
}

export async function extractFeatureArchive(
  archive: string,
  destination: string,
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  const { execa } = await loadExeca();
  const tar = await tarExecutable();
  const run = async (args: string[]): Promise<string> => {
    const result = await execa(tar, args, {
      reject: false,
      stdin: 'ignore',
      cancelSignal: signal,
      // Member names in the messages, whatever the user's locale.
      env: { LC_ALL: 'C' },
    });
    if (result.isCanceled) {
      throw signal?.reason ?? new Error('Cancelled');
    }
    if (result.failed) {
      const detail = (result.stderr || result.shortMessage || '').trim().split('\n')[0];
      throw new FeatureFetchError(
        'bad-response',
        `The archive of ${what} cannot be unpacked (${detail}). The published Feature is broken: pick another version, or ask its publisher to publish it again.`,
      );
    }
    return result.stdout;
  };

  const members = (await run(['-tf', archive])).split('\n').filter((name) => name !== '');
  const unsafe = members.find(isUnsafeMember);
  if (unsafe !== undefined) {
    throw new FeatureFetchError(
      'bad-response',
      `The archive of ${what} has the member ${JSON.stringify(unsafe)}, which would be written outside the Feature's folder, so it was not unpacked. Do not use this Feature; report it to its publisher.`,
    );
  }
  await fs.mkdir(destination, { recursive: true });
  // Owners from the archive mean nothing on this machine (and as root, tar would apply them).
  await run(['-xf', archive, '-C', destination, '--no-same-owner']);
  try {
    await fs.access(path.join(destination, 'devcontainer-feature.json'));
  } catch {
    throw new FeatureFetchError(
      'bad-response',
      `The archive of ${what} has no devcontainer-feature.json at its top, so it is not a Dev Container Feature. Check the reference.`,
    );
  }
}

function isUnsafeMember(name: string): boolean {
  return path.posix.isAbsolute(name) || name.split('/').includes('..');
}
