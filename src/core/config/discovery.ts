import * as path from 'node:path';
import { ConfigError, formatConfigError, isConfigError } from '../errors';
import type { HostFileSystem } from '../host';

/**
 * Finding a workspace's dev container configs. The spec's places, in order
 * of precedence: `.devcontainer/devcontainer.json`, `.devcontainer.json`,
 * then `.devcontainer/<folder>/devcontainer.json` one level deep. (The
 * reference CLI only looks at the first two and needs `--config` for the
 * others; an editor should offer them all.)
 */

export interface ConfigCandidate {
  /** Absolute path of the config file. */
  file: string;
  /** How to show it: `.devcontainer/devcontainer.json`, `.devcontainer.json`, `.devcontainer/python`. */
  label: string;
  /** The folder under `.devcontainer/`, for configs found there. */
  subfolder?: string;
}

export interface DiscoveredConfigs {
  candidates: ConfigCandidate[];
  /** The first candidate in precedence order. */
  defaultConfig: ConfigCandidate | undefined;
  /** Sub-folders of `.devcontainer/` that could not be looked into, and why (only when there are some). */
  unreadable?: string[];
}

const CONFIG_NAME = 'devcontainer.json';
const LOOKED_FOR =
  '.devcontainer/devcontainer.json, .devcontainer.json and .devcontainer/<folder>/devcontainer.json';

async function isFile(fs: HostFileSystem, file: string): Promise<boolean> {
  return (await fs.stat(file))?.kind === 'file';
}

export async function discoverConfigs(
  fs: HostFileSystem,
  workspaceFolder: string,
): Promise<DiscoveredConfigs> {
  const folder = path.posix.resolve(workspaceFolder);
  const devcontainerFolder = path.posix.join(folder, '.devcontainer');
  const candidates: ConfigCandidate[] = [];

  const main = path.posix.join(devcontainerFolder, CONFIG_NAME);
  if (await isFile(fs, main)) {
    candidates.push({ file: main, label: '.devcontainer/devcontainer.json' });
  }
  const dotted = path.posix.join(folder, '.devcontainer.json');
  if (await isFile(fs, dotted)) {
    candidates.push({ file: dotted, label: '.devcontainer.json' });
  }
  // The sub-folders are looked into one by one, and one that cannot be read
  // (no permission, a symlink loop) is skipped: someone else's folder must
  // not hide the configs that are there.
  const unreadable: string[] = [];
  const skipping = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!isConfigError(error)) {
        throw error;
      }
      unreadable.push(formatConfigError(error));
      return fallback;
    }
  };
  // Sorted by UTF-16 code units rather than locale, so the order (and the
  // default) is the same on every machine.
  const names = (await skipping(() => fs.listDirectory(devcontainerFolder), [])).sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  for (const name of names) {
    const file = path.posix.join(devcontainerFolder, name, CONFIG_NAME);
    if (await skipping(() => isFile(fs, file), false)) {
      candidates.push({ file, label: `.devcontainer/${name}`, subfolder: name });
    }
  }
  return {
    candidates,
    defaultConfig: candidates[0],
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

/**
 * The config file to use: `configOption` (`--config`) when given, relative
 * to the workspace folder or absolute, else the default one. As in the
 * reference, an explicit file must be named `devcontainer.json` or
 * `.devcontainer.json`.
 */
export async function resolveConfigFile(
  fs: HostFileSystem,
  workspaceFolder: string,
  configOption?: string,
): Promise<string> {
  const folder = path.posix.resolve(workspaceFolder);
  if (configOption !== undefined && configOption !== '') {
    const file = path.posix.resolve(folder, configOption);
    if (!/\/\.?devcontainer\.json$/.test(file)) {
      throw new ConfigError(
        `The config file must be named devcontainer.json or .devcontainer.json: ${file}`,
      );
    }
    const info = await fs.stat(file);
    if (info === undefined) {
      throw new ConfigError(`The config file ${file} does not exist.`);
    }
    if (info.kind !== 'file') {
      throw new ConfigError(`The config file ${file} is not a file.`);
    }
    return file;
  }
  const { defaultConfig, unreadable } = await discoverConfigs(fs, folder);
  if (defaultConfig === undefined) {
    const skipped = unreadable === undefined ? '' : ` Skipped: ${unreadable.join(' ')}`;
    throw new ConfigError(
      `No devcontainer.json found in ${folder} (looked for ${LOOKED_FOR}).${skipped}`,
    );
  }
  return defaultConfig.file;
}
