import { constants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { slipwaySshPaths, type SlipwaySshPaths } from '../../core/ssh/paths';
import {
  aliasOfContainer,
  chooseAlias,
  removeEntry,
  removeKnownHost,
  upsertEntry,
  upsertKnownHost,
  type SshHostEntry,
} from '../../core/ssh/sshConfig';
import { FileLocks } from '../fileLocks';
import { readTextOrEmpty, writeFileAtomic } from '../atomicFile';
import { ConfigError } from '../../core/errors';
import { ensureIncludeInBytes, includeLine } from '../../core/ssh/include';

/**
 * Slipway's SSH files on disk: its own config and known_hosts (rewritten
 * whole, atomically, 0600, under a lock so two windows never lose each
 * other's entries), and the one `Include` line in the user's config.
 */

export type HostRegistration = Omit<SshHostEntry, 'alias' | 'identityFile' | 'knownHostsFile'> & {
  /** The container's name, for a new alias (`slipway-<name>`). */
  name: string;
  /** The container's ed25519 host key, as the bootstrap reported it. */
  hostKey: string;
};

export class SlipwaySshFiles {
  readonly paths: SlipwaySshPaths;
  private readonly locks: FileLocks;

  constructor(dir: string) {
    this.paths = slipwaySshPaths(dir);
    this.locks = new FileLocks(path.join(dir, '.locks'));
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    await fs.mkdir(this.paths.dir, { recursive: true, mode: 0o700 });
    const release = await this.locks.acquire('ssh-files');
    try {
      return await work();
    } finally {
      await release();
    }
  }

  /** Adds or replaces the container's host entry and pins its host key; the entry has its alias. */
  async registerHost(registration: HostRegistration): Promise<SshHostEntry> {
    return this.locked(async () => {
      const { name, hostKey, ...rest } = registration;
      const config = await readTextOrEmpty(this.paths.config);
      const entry: SshHostEntry = {
        ...rest,
        alias: chooseAlias(config, registration.containerId, name),
        identityFile: this.paths.privateKey,
        knownHostsFile: this.paths.knownHosts,
      };
      const knownHosts = upsertKnownHost(
        await readTextOrEmpty(this.paths.knownHosts),
        entry.alias,
        hostKey,
      );
      // The key first: an entry whose key is not pinned yet would fail to connect.
      await writeFileAtomic(this.paths.knownHosts, knownHosts);
      await writeFileAtomic(this.paths.config, upsertEntry(config, entry));
      return entry;
    });
  }

  /** The container's alias, if it has an entry. */
  async aliasOf(containerId: string): Promise<string | undefined> {
    return aliasOfContainer(await readTextOrEmpty(this.paths.config), containerId);
  }

  /** Removes the container's entry and its pinned key (when the container is removed). */
  async removeContainer(containerId: string): Promise<boolean> {
    return this.locked(async () => {
      const config = await readTextOrEmpty(this.paths.config);
      const alias = aliasOfContainer(config, containerId);
      if (alias === undefined) {
        return false;
      }
      await writeFileAtomic(this.paths.config, removeEntry(config, alias));
      const knownHosts = await readTextOrEmpty(this.paths.knownHosts);
      await writeFileAtomic(this.paths.knownHosts, removeKnownHost(knownHosts, alias));
      return true;
    });
  }
}

/** The config Remote-SSH reads: `remote.SSH.configFile` (with `~`), else `~/.ssh/config`. */
export function userSshConfigPath(setting: string | undefined, home: string = homedir()): string {
  const value = setting?.trim() ?? '';
  if (value === '') {
    return path.join(home, '.ssh', 'config');
  }
  if (value === '~' || value.startsWith('~/')) {
    return path.join(home, value.slice(1));
  }
  return path.resolve(home, value);
}

export interface IncludeOutcome {
  changed: boolean;
  /** The copy of the file as it was, made the first time Slipway changed it. */
  backupFile?: string;
}

/** Whether the user's config lacks the Include (so adding it needs the user's consent). */
export async function userIncludeNeeded(
  userConfigFile: string,
  includePath: string,
  home: string = homedir(),
): Promise<boolean> {
  const target = await configTarget(userConfigFile, includePath);
  const content = await fs.readFile(target).catch(() => Buffer.alloc(0));
  return ensureIncludeInBytes(content, includePath, { homeDir: home }).changed;
}

/**
 * Adds the Include of Slipway's config at the top of the user's config (created
 * 0600 when missing). The first change keeps a copy as `<config>.slipway-backup`.
 * A config that is a link (dotfiles) stays a link: its target is rewritten.
 * The file is handled as bytes, so whatever else it holds stays byte for byte.
 */
export async function ensureUserInclude(
  userConfigFile: string,
  includePath: string,
  home: string = homedir(),
): Promise<IncludeOutcome> {
  const target = await configTarget(userConfigFile, includePath);
  const existing = await fs.stat(target).catch(() => undefined);
  const content = existing === undefined ? Buffer.alloc(0) : await fs.readFile(target);
  const result = ensureIncludeInBytes(content, includePath, { homeDir: home });
  if (!result.changed) {
    return { changed: false };
  }
  let backupFile: string | undefined;
  if (existing !== undefined) {
    backupFile = `${userConfigFile}.slipway-backup`;
    try {
      await fs.copyFile(target, backupFile, constants.COPYFILE_EXCL);
      await fs.chmod(backupFile, 0o600);
    } catch (error) {
      // A backup from an earlier time is the one to keep: it predates Slipway.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  } else {
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  }
  await writeFileAtomic(
    target,
    result.content,
    existing === undefined ? 0o600 : existing.mode & 0o777,
  );
  return backupFile === undefined ? { changed: true } : { changed: true, backupFile };
}

/**
 * The file to read and rewrite: the config itself, or the file its link
 * points at. A link that leads nowhere (dangling, or a loop) is the user's
 * to mend: writing there would replace their link with a file of Slipway's,
 * with no backup of anything, so Slipway says so and stops.
 */
async function configTarget(userConfigFile: string, includePath: string): Promise<string> {
  const entry = await fs.lstat(userConfigFile).catch(() => undefined);
  if (entry === undefined || !entry.isSymbolicLink()) {
    return userConfigFile;
  }
  try {
    return await fs.realpath(userConfigFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ELOOP') {
      throw error;
    }
    const pointsAt = await fs.readlink(userConfigFile).catch(() => 'an unreadable target');
    const why = code === 'ELOOP' ? 'which loops back on itself' : 'which does not exist';
    throw new ConfigError(
      `Your SSH config ${userConfigFile} is a symbolic link to ${pointsAt}, ${why}. Slipway leaves the link as it is: mend it (or remove it), then reopen; or add \`${includeLine(includePath)}\` at the top of the file it should point to yourself.`,
    );
  }
}
