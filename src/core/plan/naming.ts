import * as path from 'node:path';

/**
 * Names Slipway gives to containers and images. They are deterministic per
 * workspace folder and config file (so the same container is found and shown
 * under the same name every time) and readable in `container ls`.
 */

/** Apple's container ID rule: `^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`, at most 63 characters. */
export const APPLE_CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const APPLE_CONTAINER_ID_MAX = 63;

export function isValidContainerName(name: string): boolean {
  return APPLE_CONTAINER_ID.test(name) && name.length <= APPLE_CONTAINER_ID_MAX;
}

/** Lowercase letters, digits and single dashes. Dots are avoided: the hostname is the ID up to its first dot. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The folder name of a config in `.devcontainer/<name>/devcontainer.json`,
 * which tells apart several configs of one workspace.
 */
export function configSubfolderName(
  workspaceFolder: string,
  configFile: string,
): string | undefined {
  // The common case, a config under `<folder>/.devcontainer/`, without path.relative: the
  // containers view asks this for every container on every refresh.
  const prefix = `${workspaceFolder.replace(/\/+$/, '')}/.devcontainer/`;
  if (configFile.startsWith(prefix)) {
    const rest = configFile.slice(prefix.length).split('/');
    return rest.length === 2 && rest[1] === 'devcontainer.json' ? rest[0] : undefined;
  }
  const relative = path.posix.relative(workspaceFolder, configFile).split('/');
  if (
    relative.length === 3 &&
    relative[0] === '.devcontainer' &&
    relative[2] === 'devcontainer.json'
  ) {
    return relative[1];
  }
  return undefined;
}

/**
 * `<workspace>[-<config folder>]-<8 characters of the devcontainerId>`. The
 * id's last characters are used: its first one carries only one bit.
 */
export function containerNameFor(
  workspaceFolder: string,
  configFile: string,
  devcontainerId: string,
): string {
  const suffix = devcontainerId.slice(-8);
  const parts = [slug(path.posix.basename(workspaceFolder))];
  const subfolder = configSubfolderName(workspaceFolder, configFile);
  if (subfolder !== undefined) {
    parts.push(slug(subfolder));
  }
  const base = parts.filter((part) => part !== '').join('-') || 'devcontainer';
  const room = APPLE_CONTAINER_ID_MAX - suffix.length - 1;
  return `${base.slice(0, Math.min(room, 40)).replace(/-+$/, '')}-${suffix}`;
}

/**
 * The tag of the image built from a Dockerfile config. `localhost/` keeps the
 * reference off every public registry: if the image is missing, `container
 * run` can never pull somebody else's image of the same name.
 */
export function imageTagFor(containerName: string): string {
  return `localhost/slipway/${containerName}:latest`;
}
