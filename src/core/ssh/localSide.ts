import * as path from 'node:path';
import { ensureIncludeInBytes } from './include';
import { aliasName, hostEntryKey, type JumpHost } from './jumpHost';
import { slipwaySshPaths, type SlipwaySshPaths } from './paths';
import { chooseAlias, upsertEntry, upsertKnownHost, type SshHostEntry } from './sshConfig';

/**
 * The user's side when Slipway runs on another Mac (the window is on it):
 * Slipway's key, its SSH config with the host entry, the pinned host key and
 * the one Include in the user's config all stay on the user's machine, as
 * they do when Slipway runs there. Slipway reaches them through `LocalFiles`
 * (the editor's file system, implemented in src/vscode), never through the
 * Mac's disk.
 */
export interface LocalFiles {
  /** The file's bytes, or undefined when there is none. */
  read(file: string): Promise<Uint8Array | undefined>;
  /** Writes the whole file, making its folders when missing. */
  write(file: string, content: Uint8Array): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function readText(files: LocalFiles, file: string): Promise<string> {
  const bytes = await files.read(file);
  return bytes === undefined ? '' : decoder.decode(bytes);
}

/** Slipway's SSH folder on the user's machine, from their home there. */
export function localSshPaths(localHome: string): SlipwaySshPaths {
  return slipwaySshPaths(path.posix.join(localHome, '.ssh', 'slipway'));
}

export interface MadeKeyPair {
  /** The OpenSSH private key file's bytes. */
  privateKey: Uint8Array;
  /** `ssh-ed25519 AAAA… slipway`. */
  publicKey: string;
}

/**
 * Slipway's public key on the user's machine, the pair made by `makeKeyPair`
 * (wherever that can run) and written there when there is none yet. The
 * same key serves containers on this machine and on other Macs.
 */
export async function ensureLocalKey(
  files: LocalFiles,
  paths: SlipwaySshPaths,
  makeKeyPair: () => Promise<MadeKeyPair>,
): Promise<string> {
  const privateKey = await files.read(paths.privateKey);
  const publicKey = (await readText(files, paths.publicKey)).trim();
  if (privateKey !== undefined && publicKey !== '') {
    return publicKey;
  }
  if (privateKey !== undefined) {
    // Deriving it would mean carrying the private key to the Mac: the user's machine does it.
    throw new Error(
      `${paths.publicKey} is missing next to Slipway's key on this computer. Run \`ssh-keygen -y -f "${paths.privateKey}" > "${paths.publicKey}"\` in a terminal on this computer, then reopen.`,
    );
  }
  const made = await makeKeyPair();
  // The private key first: a .pub without it would make the next run think the pair is whole.
  await files.write(paths.privateKey, made.privateKey);
  await files.write(paths.publicKey, encoder.encode(`${made.publicKey.trim()}\n`));
  return made.publicKey.trim();
}

export type RemoteHostRegistration = Omit<
  SshHostEntry,
  'alias' | 'identityFile' | 'knownHostsFile' | 'jump'
> & {
  name: string;
  hostKey: string;
  jump: JumpHost;
};

/**
 * Adds or replaces the container's host entry in Slipway's config on the
 * user's machine and pins its host key there, the key first (an entry whose
 * key is not pinned would fail to connect). The alias is the one the
 * container already has, or a new `slipway-<mac>-<name>`.
 */
export async function registerRemoteHost(
  files: LocalFiles,
  paths: SlipwaySshPaths,
  registration: RemoteHostRegistration,
): Promise<SshHostEntry> {
  const { name, hostKey, jump, ...rest } = registration;
  const config = await readText(files, paths.config);
  const entry: SshHostEntry = {
    ...rest,
    jump,
    alias: chooseAlias(config, hostEntryKey(rest.containerId, jump), aliasName(name, jump)),
    identityFile: paths.privateKey,
    knownHostsFile: paths.knownHosts,
  };
  const knownHosts = upsertKnownHost(await readText(files, paths.knownHosts), entry.alias, hostKey);
  await files.write(paths.knownHosts, encoder.encode(knownHosts));
  await files.write(paths.config, encoder.encode(upsertEntry(config, entry)));
  return entry;
}

/** Whether the user's config on their machine lacks the Include of Slipway's. */
export async function localIncludeNeeded(
  files: LocalFiles,
  userConfig: string,
  includePath: string,
  localHome: string,
): Promise<boolean> {
  const content = (await files.read(userConfig)) ?? new Uint8Array();
  return ensureIncludeInBytes(Buffer.from(content), includePath, { homeDir: localHome }).changed;
}

/**
 * Adds the Include at the top of the user's config on their machine, every
 * other byte kept; the first change keeps the file as it was in
 * `<config>.slipway-backup`, as on the local path.
 */
export async function ensureLocalInclude(
  files: LocalFiles,
  userConfig: string,
  includePath: string,
  localHome: string,
): Promise<{ changed: boolean; backupFile?: string }> {
  const existing = await files.read(userConfig);
  const result = ensureIncludeInBytes(Buffer.from(existing ?? new Uint8Array()), includePath, {
    homeDir: localHome,
  });
  if (!result.changed) {
    return { changed: false };
  }
  let backupFile: string | undefined;
  if (existing !== undefined) {
    const backup = `${userConfig}.slipway-backup`;
    // A backup from an earlier time is the one to keep: it predates Slipway.
    if ((await files.read(backup)) === undefined) {
      await files.write(backup, existing);
    }
    backupFile = backup;
  }
  await files.write(userConfig, result.content);
  return backupFile === undefined ? { changed: true } : { changed: true, backupFile };
}

export interface HomeCandidate {
  home: string;
  /** Its `.ssh/config`, when readable. */
  sshConfig?: string;
}

/**
 * The user's home on their own machine, which an extension on the Mac cannot
 * ask for: of the homes whose `.ssh` it can read (other users' are closed),
 * the one whose config knows this Mac, else the only one. Undefined when
 * that does not settle it, so the editor asks.
 */
export function chooseLocalHome(
  candidates: readonly HomeCandidate[],
  knowsMac: (sshConfig: string) => boolean,
): string | undefined {
  const knowing = candidates.filter(
    (candidate) => candidate.sshConfig !== undefined && knowsMac(candidate.sshConfig),
  );
  if (knowing.length === 1) {
    return knowing[0]?.home;
  }
  return candidates.length === 1 ? candidates[0]?.home : undefined;
}

/**
 * The home folder from `remote.SSH.configFile` when it is an absolute path
 * into a `.ssh` folder (`/Users/me/.ssh/config` → `/Users/me`).
 */
export function homeFromConfigSetting(setting: string | undefined): string | undefined {
  const value = setting?.trim() ?? '';
  const match = /^(\/.+)\/\.ssh\/[^/]+$/.exec(value);
  return match?.[1];
}
