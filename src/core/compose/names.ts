import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { HostEnvironment } from '../host';
import { APPLE_CONTAINER_ID_MAX, isValidContainerName } from '../plan/naming';

/**
 * The Compose project name exactly as the reference CLI computes it
 * (devcontainers/cli `getProjectName`), so a container Slipway creates is
 * found again by the same `com.docker.compose.project` label; and from it
 * the names of containers, networks and volumes, made valid for Apple.
 */

/** The reference's `toProjectName` (Compose ≥ 1.21 rules). */
export function toProjectName(text: string): string {
  return text.toLowerCase().replace(/[^-_a-z0-9]/g, '');
}

/** Compose's own default for a project without a name: the folder name, normalised. */
export function composeNormalizedName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^-_a-z0-9]/g, '')
    .replace(/^[-_]+/, '');
}

export interface ProjectNameInput {
  env: HostEnvironment;
  /** `COMPOSE_PROJECT_NAME=` in `<workspace>/.env`. */
  workspaceEnvProjectName?: string;
  /** The `name` `docker compose config` would print: `name:` (interpolated), `.env`'s COMPOSE_PROJECT_NAME, else the folder. */
  composeName: string;
  declaresName: boolean;
  workspaceFolder: string;
  composeFiles: readonly string[];
}

export function projectName(input: ProjectNameInput): string {
  const fromEnv = toProjectName(input.env.COMPOSE_PROJECT_NAME ?? '');
  if (fromEnv !== '') {
    return fromEnv;
  }
  const fromWorkspaceEnv = toProjectName(input.workspaceEnvProjectName ?? '');
  if (fromWorkspaceEnv !== '') {
    return fromWorkspaceEnv;
  }
  if (input.composeName !== '' && (input.composeName !== 'devcontainer' || input.declaresName)) {
    return toProjectName(input.composeName);
  }
  const workingDir = path.posix.dirname(input.composeFiles[0] ?? input.workspaceFolder);
  if (workingDir === path.posix.join(input.workspaceFolder, '.devcontainer')) {
    return toProjectName(`${path.posix.basename(input.workspaceFolder)}_devcontainer`);
  }
  return toProjectName(path.posix.basename(workingDir));
}

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/** Cuts a name to `max` characters, keeping it unique with a hash of the whole. */
function fit(name: string, max: number, trim: RegExp): string {
  if (name.length <= max) {
    return name;
  }
  const hash = shortHash(name);
  return `${name.slice(0, max - hash.length - 1).replace(trim, '')}-${hash}`;
}

/** `<project>-<service>-1`, as Compose names it, valid as an Apple container ID. */
export function serviceContainerName(project: string, service: string): string {
  const raw = `${project}-${service}-1`
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '');
  const name = raw.length >= 2 ? raw : `c-${raw}`;
  return fit(name, APPLE_CONTAINER_ID_MAX, /[^a-zA-Z0-9]+$/);
}

export { isValidContainerName };

/** Apple's network name rule: `^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$`. */
export const APPLE_NETWORK_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/;

export function appleNetworkName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  return fit(cleaned || `net-${shortHash(name)}`, 63, /[^a-z0-9]+$/);
}

/** Apple's volume name rule: `^[A-Za-z0-9][A-Za-z0-9_.-]*$` (≤ 255). */
export const APPLE_VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function appleVolumeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return fit(cleaned || `vol-${shortHash(name)}`, 255, /[^A-Za-z0-9]+$/);
}

/** Anonymous volumes get a name of their own: Apple never deletes its `anon-<uuid>` volumes. */
export function anonymousVolumeName(project: string, service: string, target: string): string {
  return appleVolumeName(`${project}_${service}_anon_${shortHash(target, 12)}`);
}
