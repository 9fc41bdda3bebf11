import { constants as fsConstants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { cliMissingError } from '../core/client/cliErrors';

/** Where Apple's installer puts `container`. */
export const DEFAULT_CONTAINER_PATH = '/usr/local/bin/container';

export interface LocateOptions {
  /** The PATH to search; the process's own by default. */
  searchPath?: string;
  /**
   * Checked when PATH has no `container`. An app started from the Dock gets a
   * short PATH without /usr/local/bin, which is exactly where the installer
   * puts it.
   */
  fallbackPath?: string;
  /** For `~/` in the configured path; the user's home by default. */
  homeDirectory?: string;
}

type Found = 'executable' | 'notExecutable' | 'missing';

async function probe(file: string): Promise<Found> {
  try {
    const stats = await fs.stat(file);
    if (!stats.isFile()) {
      return 'missing';
    }
  } catch {
    return 'missing';
  }
  try {
    await fs.access(file, fsConstants.X_OK);
    return 'executable';
  } catch {
    return 'notExecutable';
  }
}

/**
 * The `container` executable to run: the `slipway.containerPath` setting when
 * given (it must exist), else `container` on PATH, else the installer's
 * location. Throws a `cliMissing` ContainerCliError saying where it looked.
 */
export async function locateContainerCli(
  configured?: string,
  options: LocateOptions = {},
): Promise<string> {
  const setting = configured?.trim();
  if (setting) {
    const home = options.homeDirectory ?? homedir();
    const file = setting.startsWith('~/') ? path.join(home, setting.slice(2)) : setting;
    const found = await probe(file);
    if (found === 'executable') {
      return file;
    }
    throw cliMissingError(file, found === 'missing' ? 'configuredMissing' : 'notExecutable');
  }
  const searchPath = options.searchPath ?? process.env.PATH ?? '';
  const candidates = searchPath
    .split(path.delimiter)
    // A relative entry (`bin`, `.`, or an empty one, which a shell reads as
    // `.`) is resolved against the current folder, often the workspace: it
    // would run the repository's own `bin/container`. Only absolute ones count.
    .filter((directory) => path.isAbsolute(directory))
    .map((directory) => path.join(directory, 'container'));
  for (const candidate of candidates) {
    if ((await probe(candidate)) === 'executable') {
      return candidate;
    }
  }
  const fallback = options.fallbackPath ?? DEFAULT_CONTAINER_PATH;
  if ((await probe(fallback)) === 'executable') {
    return fallback;
  }
  throw cliMissingError('container', 'notFound', `for \`container\` on PATH and at ${fallback}`);
}
