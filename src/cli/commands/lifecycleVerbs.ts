import * as path from 'node:path';
import { listDevContainers, removeWorkspace, stopWorkspace } from '../../core/engine/containerOps';
import { CONFIG_FILE_LABEL, LOCAL_FOLDER_LABEL } from '../../core/config/devcontainerId';
import { PROJECT_LABEL } from '../../core/compose/network';
import { SERVICE_LABEL } from '../../core/engine/compose/projectContainers';
import type { CommandArgs } from '../args';
import { printJson, type Io } from '../io';
import { cliEngineDeps } from './engineDeps';

function target(args: CommandArgs, io: Io) {
  return {
    workspaceFolder: path.resolve(io.cwd, args.workspaceFolder ?? '.'),
    configFile: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
    signal: io.signal,
  };
}

export async function stopCommand(args: CommandArgs, io: Io): Promise<number> {
  const container = await stopWorkspace(cliEngineDeps(io), target(args, io));
  printJson(io, { outcome: 'success', containerId: container.id, state: 'stopped' });
  return 0;
}

export async function downCommand(args: CommandArgs, io: Io): Promise<number> {
  const { container, compose, volumes } = await removeWorkspace(cliEngineDeps(io), {
    ...target(args, io),
    force: args.force,
    volumes: args.volumes,
  });
  printJson(io, {
    outcome: 'success',
    containerId: container.id,
    removed: true,
    ...(compose !== undefined ? { compose } : {}),
    ...(volumes !== undefined ? { volumes } : {}),
  });
  return 0;
}

export async function lsCommand(args: CommandArgs, io: Io): Promise<number> {
  const containers = await listDevContainers(cliEngineDeps(io));
  const rows = containers.map((c) => ({
    id: c.id,
    state: c.state,
    workspaceFolder: c.labels[LOCAL_FOLDER_LABEL] ?? '',
    project: c.labels[PROJECT_LABEL] ?? '',
    service: c.labels[SERVICE_LABEL] ?? '',
    configFile: c.labels[CONFIG_FILE_LABEL] ?? '',
    ipAddress: c.ipAddress ?? '',
    cpus: c.cpus,
    memoryBytes: c.memoryBytes,
    platform: c.os !== undefined && c.architecture !== undefined ? `${c.os}/${c.architecture}` : '',
    image: c.image,
  }));
  if (args.json) {
    printJson(io, rows);
    return 0;
  }
  const header = ['NAME', 'STATE', 'IP', 'CPUS', 'MEMORY', 'PROJECT', 'WORKSPACE'];
  const table = rows.map((r) => [
    r.id,
    r.state,
    r.ipAddress,
    r.cpus === undefined ? '' : String(r.cpus),
    r.memoryBytes === undefined ? '' : `${Math.round(r.memoryBytes / 2 ** 20)} MB`,
    // A Compose project's services, one row each: `<project>/<service>`.
    r.project === '' ? '' : `${r.project}/${r.service}`,
    r.workspaceFolder,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)),
  );
  for (const row of [header, ...table]) {
    io.stdout(
      `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2))).join('')}\n`,
    );
  }
  return 0;
}
