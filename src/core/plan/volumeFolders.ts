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

export interface VolumeFolder {
  /** Workspace-relative, `/`-separated, normalized. */
  folder: string;
  volume: string;
  target: string;
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
 */
export function volumeNameFor(devcontainerId: string, folder: string): string {
  const slug = folder.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '');
  return `slipway-${devcontainerId.slice(0, 12)}-${slug}`.slice(0, 63);
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

/** `container volume create` with the labels clean-up looks for; it runs before `create`. */
export function volumeCreateArgs(volume: VolumeFolder, devcontainerId: string): string[] {
  return [
    'volume',
    'create',
    volume.volume,
    '--label',
    `${VOLUME_FOLDER_LABEL}=${volume.folder}`,
    '--label',
    `${VOLUME_WORKSPACE_LABEL}=${devcontainerId}`,
  ];
}

/** The mount over the folder, in the only keys Apple's `--mount` accepts. */
export function volumeMountArgs(volume: VolumeFolder): string[] {
  return ['--mount', `type=volume,source=${volume.volume},target=${volume.target}`];
}

/**
 * Named volumes are root-owned on Apple; a non-root remote user could not
 * install into them. A root `chown` after create, before any hook, fixes it.
 */
export function ownershipFixArgs(
  containerId: string,
  remoteUser: string,
  volumes: readonly VolumeFolder[],
): string[] | undefined {
  if (volumes.length === 0 || remoteUser === 'root' || remoteUser === '0') {
    return undefined;
  }
  return [
    'exec',
    '--user',
    'root',
    containerId,
    'chown',
    remoteUser,
    ...volumes.map((v) => v.target),
  ];
}
