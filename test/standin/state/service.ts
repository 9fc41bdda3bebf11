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
}

export function serviceRunning(paths: StatePaths): boolean {
  try {
    return (JSON.parse(readFileSync(paths.service, 'utf8')) as ServiceFile).running;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return true;
    }
    throw error;
  }
}

export function setServiceRunning(paths: StatePaths, running: boolean): void {
  mkdirSync(paths.root, { recursive: true });
  const file: ServiceFile = running
    ? { running, startedAt: new Date().toISOString() }
    : { running };
  const temporary = `${paths.service}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file)}\n`);
  renameSync(temporary, paths.service);
}
