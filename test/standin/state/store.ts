/**
 * Container records on disk: one JSON file per container, written to a
 * temporary file and renamed into place, so a concurrent reader sees either
 * the old record or the new one, never half of one.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRecord } from '../model/types';
import type { StatePaths } from './paths';

function recordPath(paths: StatePaths, id: string): string {
  return join(paths.containers, `${id}.json`);
}

export function readRecord(paths: StatePaths, id: string): ContainerRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(paths, id), 'utf8')) as ContainerRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

export function writeRecord(paths: StatePaths, record: ContainerRecord): void {
  mkdirSync(paths.containers, { recursive: true });
  const target = recordPath(paths, record.configuration.id);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, target);
}

export function removeRecord(paths: StatePaths, id: string): void {
  rmSync(recordPath(paths, id), { force: true });
}

/** Every record, oldest first: Apple's server lists containers in no documented order. */
export function readAllRecords(paths: StatePaths): ContainerRecord[] {
  let names: string[];
  try {
    names = readdirSync(paths.containers);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  const records = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => readRecord(paths, name.slice(0, -'.json'.length)))
    .filter((record): record is ContainerRecord => record !== undefined);
  return records.sort(
    (a, b) =>
      a.configuration.creationDate.localeCompare(b.configuration.creationDate) ||
      a.configuration.id.localeCompare(b.configuration.id),
  );
}
