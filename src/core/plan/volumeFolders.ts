import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ValueProblem } from './problems';

/**
 * Dependency and build folders kept on a named volume instead of the bind
 * mount: Apple's virtiofs workspace is several times slower than a volume for
 * the many small files an install writes. The volume is mounted over the
 * folder inside the workspace, so the folder is no longer visible on the Mac.
 */

/** Folders worth offering when they exist in a workspace. */
export const DEPENDENCY_FOLDERS: readonly string[] = [
  'node_modules',
  '.venv',
  'target',
  'vendor/bundle',
  '.gradle',
  'build',
];

/** Labels every such volume carries, so Remove Container can find (and offer to remove) it. */
export const VOLUME_FOLDER_LABEL = 'slipway.volumeFolder';
export const VOLUME_WORKSPACE_LABEL = 'slipway.workspaceId';
/** On the container: the volume folders' volumes it mounts, comma-separated. */
export const VOLUME_FOLDERS_LABEL = 'slipway.volumeFolders';

export interface VolumeFolder {
  /** Workspace-relative, `/`-separated, normalized. */
  folder: string;
  volume: string;
  target: string;
}

/** A folder someone asked for, and where they asked (`slipway.volumeFolders`, `--volume-folder`). */
export interface VolumeFolderRequest {
  folder: string;
  from: string;
}

/** A planned volume folder, with where it came from (`slipway plan` shows it). */
export interface PlannedVolumeFolder extends VolumeFolder {
  from: string;
}

/** Normalizes a workspace-relative path, refusing one that leaves the workspace. */
export function normalizeVolumeFolder(folder: string): string {
  const trimmed = folder.trim().replace(/\\/g, '/');
  const normalized = path.posix.normalize(trimmed).replace(/\/+$/, '');
  if (
    trimmed === '' ||
    path.posix.isAbsolute(trimmed) ||
    normalized === '.' ||
    normalized === '..' ||
    normalized.startsWith('../')
  ) {
    throw new ValueProblem(
      `"${folder}" is not a folder inside the workspace: give a relative path such as node_modules or vendor/bundle`,
    );
  }
  if (/[,=]/.test(normalized)) {
    // A comma would end Apple's --mount value early, and '=' is refused in a label value.
    throw new ValueProblem(
      `"${folder}" cannot be kept on a volume: its path has a comma or '=', which Apple's --mount and labels do not allow`,
    );
  }
  return normalized;
}

/**
 * Which of the known folders, and the ones a config names, exist in the
 * workspace (`exists` answers for a workspace-relative path).
 */
export function detectVolumeFolders(
  exists: (folder: string) => boolean,
  named: readonly string[] = [],
): string[] {
  const candidates = [...DEPENDENCY_FOLDERS, ...named.map(normalizeVolumeFolder)];
  return [...new Set(candidates)].filter((folder) => exists(folder));
}

/**
 * A volume name per workspace and folder, within Apple's pattern
 * (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`) and a length `container` shows whole.
 * Where the folder's name had to be changed or cut to fit, a short hash of
 * the folder keeps two such folders (`a b` and `a-b`) on two volumes.
 */
export function volumeNameFor(devcontainerId: string, folder: string): string {
  const slug = folder.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '');
  const name = `slipway-${devcontainerId.slice(0, 12)}-${slug}`;
  const lossless = slug === folder.replace(/\//g, '-').replace(/^\.+/, '') && name.length <= 63;
  if (lossless) {
    return name;
  }
  const hash = createHash('sha256').update(folder, 'utf8').digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}-${hash}`;
}

export function planVolumeFolders(
  folders: readonly string[],
  devcontainerId: string,
  remoteWorkspaceFolder: string,
): VolumeFolder[] {
  const unique = [...new Set(folders.map(normalizeVolumeFolder))];
  return unique.map((folder) => ({
    folder,
    volume: volumeNameFor(devcontainerId, folder),
    target: path.posix.join(remoteWorkspaceFolder, folder),
  }));
}

/**
 * The requested folders planned, each once (the first request names where it
 * came from); a bad one is refused naming the setting or option that gave it.
 */
export function planRequestedVolumeFolders(
  requests: readonly VolumeFolderRequest[],
  devcontainerId: string,
  remoteWorkspaceFolder: string,
): PlannedVolumeFolder[] {
  const planned = new Map<string, PlannedVolumeFolder>();
  for (const request of requests) {
    let folder: string;
    try {
      folder = normalizeVolumeFolder(request.folder);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ValueProblem(`${request.from}: ${message}`);
    }
    if (!planned.has(folder)) {
      const [volume] = planVolumeFolders([folder], devcontainerId, remoteWorkspaceFolder);
      planned.set(folder, { ...(volume as VolumeFolder), from: request.from });
    }
  }
  return [...planned.values()];
}

/**
 * `container volume create` with the labels clean-up looks for; it runs
 * before `run`. The name goes last, where `up` looks for it (as it does for
 * a Compose project's volumes) to create only the missing ones.
 */
export function volumeCreateArgs(volume: VolumeFolder, devcontainerId: string): string[] {
  return [
    'volume',
    'create',
    '--label',
    `${VOLUME_FOLDER_LABEL}=${volume.folder}`,
    '--label',
    `${VOLUME_WORKSPACE_LABEL}=${devcontainerId}`,
    volume.volume,
  ];
}

/** The volumes among these (`volume list`) that are this workspace's volume folders. */
export function workspaceVolumeFolders<T extends { labels: Readonly<Record<string, string>> }>(
  volumes: readonly T[],
  devcontainerId: string,
): T[] {
  return volumes.filter(
    (v) => v.labels[VOLUME_WORKSPACE_LABEL] === devcontainerId && VOLUME_FOLDER_LABEL in v.labels,
  );
}

/** The mount over the folder, in the only keys Apple's `--mount` accepts. */
export function volumeMountArgs(volume: VolumeFolder): string[] {
  return ['--mount', `type=volume,source=${volume.volume},target=${volume.target}`];
}

/**
 * Who should own the volume folders: named volumes are root-owned on Apple,
 * so a non-root remote user (or, when that is root, a non-root container
 * user, whose processes write there too) could not install into them.
 */
export function volumeOwner(remoteUser: string, containerUser?: string): string | undefined {
  const isRoot = (user: string | undefined) =>
    user === undefined || user === '' || user === 'root' || user === '0' || user.startsWith('0:');
  if (!isRoot(remoteUser)) {
    return remoteUser;
  }
  return isRoot(containerUser) ? undefined : containerUser;
}

/**
 * Gives each volume's top folder to the user and their group, only where it
 * is not theirs yet; prints the ones it changed. Not recursive: what the user
 * writes inside is theirs already, and a big volume would take long.
 */
const OWNER_SCRIPT = [
  'user=$1; shift',
  'uid=$(id -u "$user") || exit 3',
  'gid=$(id -g "$user") || exit 3',
  'for dir in "$@"; do',
  '  [ -d "$dir" ] || continue',
  '  owner=$(ls -ldn "$dir" | { read -r _ _ id _; echo "$id"; })',
  '  if [ "$owner" != "$uid" ]; then chown "$uid:$gid" "$dir" && echo "$dir" || exit 4; fi',
  'done',
].join('\n');

/** The command (run as root) that fixes the ownership; undefined when there is nothing to fix. */
export function ownershipFixCommand(
  owner: string | undefined,
  volumes: readonly VolumeFolder[],
): string[] | undefined {
  if (volumes.length === 0 || owner === undefined) {
    return undefined;
  }
  return [
    '/bin/sh',
    '-c',
    OWNER_SCRIPT,
    'slipway-volume-owner',
    owner,
    ...volumes.map((v) => v.target),
  ];
}

/** What the ownership fix was done for: the memo keeps it, so it runs once per container. */
export function ownershipSignature(owner: string, volumes: readonly VolumeFolder[]): string {
  return [owner, ...volumes.map((v) => v.volume)].join(' ');
}
