/**
 * Whether the emulated `container system` service is up. A fresh state folder
 * starts with it running, so tests need no `system start`; `system stop`
 * writes it down, `system start` brings it back.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StatePaths } from './paths';

interface ServiceFile {
  readonly running: boolean;
  /** When the service last started, ISO 8601. */
  readonly startedAt?: string;
  /** The release that started it: a restart ends client/server skew. */
  readonly serverVersion?: string;
}

function readService(paths: StatePaths): ServiceFile | undefined {
  try {
    return JSON.parse(readFileSync(paths.service, 'utf8')) as ServiceFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** The release of the running server when `system start` recorded one. */
export function startedServerVersion(paths: StatePaths): string | undefined {
  return readService(paths)?.serverVersion;
}

export function serviceRunning(paths: StatePaths): boolean {
  return readService(paths)?.running ?? true;
}

export function setServiceRunning(
  paths: StatePaths,
  running: boolean,
  serverVersion?: string,
): void {
  mkdirSync(paths.root, { recursive: true });
  const file: ServiceFile = running
    ? { running, startedAt: new Date().toISOString(), ...(serverVersion ? { serverVersion } : {}) }
    : { running };
  const temporary = `${paths.service}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file)}\n`);
  renameSync(temporary, paths.service);
}
