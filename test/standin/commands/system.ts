/**
 * `system start|stop|status|version`. The "service" is a flag in the state
 * folder: stopping it stops every container (they stay, stopped) and makes
 * every other command fail the way Apple's do without their API server.
 */
import { cpus, homedir } from 'node:os';
import type { Command, Context } from '../context';
import { stopContainer } from '../containers/lifecycle';
import { destroy, loadSnapshots } from '../containers/runtime';
import { ExitCode } from '../errors';
import { COMPACT_SORTED, encodeJson, type JsonValue } from '../json';
import { listImageReferences } from '../images/store';
import { formatTable } from '../render/table';
import { withLock } from '../state/lock';
import { serviceRunning, setServiceRunning } from '../state/service';
import { readAllRecords, writeRecord } from '../state/store';
import { printListJson, unsupportedFormat } from './common';

const INSTALL_ROOT = '/usr/local/';

function appRoot(): string {
  return `${homedir()}/Library/Application Support/com.apple.container/`;
}

function serverVersionLine(ctx: Context): string {
  const commit = ctx.serverVersion.fullCommit().slice(0, 7);
  return `container-apiserver version ${ctx.serverVersion.text} (build: release, commit: ${commit})`;
}

/**
 * 1.4.1+ `system status` JSON (#1769). `server.version` is a bare number, or
 * the old server's whole banner while it runs behind a newer client (skew).
 */
async function nestedStatus(ctx: Context, running: boolean): Promise<JsonValue> {
  if (!running) {
    // Not captured from Apple (reference §4.5 says parse leniently): the status alone.
    return { status: 'unregistered' };
  }
  const skewed = ctx.serverVersion.text !== ctx.version.text;
  const snapshot = readAllRecords(ctx.paths);
  return {
    client: {
      appName: 'container',
      build: 'release',
      commit: ctx.version.fullCommit(),
      version: ctx.version.text,
    },
    host: { architecture: 'arm64', cpus: cpus().length, operatingSystem: macosLine(ctx) },
    paths: { appRoot: appRoot(), installRoot: INSTALL_ROOT },
    resources: {
      containersRunning: snapshot.filter((r) => r.state === 'running').length,
      containersTotal: snapshot.length,
      images: (await listImageReferences()).length,
    },
    server: {
      appName: 'container-apiserver',
      build: 'release',
      commit: ctx.serverVersion.fullCommit(),
      version: skewed ? serverVersionLine(ctx) : ctx.serverVersion.text,
    },
    status: 'running',
  };
}

function macosLine(ctx: Context): string {
  return `Version ${ctx.host.macosMajor}.0 (Build 00A000)`;
}

/** swift-log's StreamLogHandler, which `system stop` logs to stdout with. */
function streamLog(ctx: Context, message: string, metadata = ''): void {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp =
    `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}T` +
    `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}+0000`;
  const meta = metadata === '' ? '' : ` ${metadata}`;
  ctx.print(`${stamp} info com.apple.container.cli :${meta} [ContainerCommands] ${message}`);
}

export const systemStart: Command = async (ctx) => {
  if (!ctx.version.atLeast('0.10.0')) {
    ctx.print('Verifying apiserver is running...');
  } else {
    ctx.printError('Launching container-apiserver...');
    ctx.printError('Testing access to container-apiserver...');
    if (ctx.version.atLeast('1.0.0')) {
      ctx.printError('Verifying machine API server is running...');
    }
  }
  if (serviceRunning(ctx.paths)) {
    return 0;
  }
  // A fresh API server knows its containers as stopped, with no start date,
  // and reaps the --rm ones.
  withLock(ctx.paths.lock, () => {
    for (const record of readAllRecords(ctx.paths)) {
      record.state = 'stopped';
      delete record.startedDate;
      delete record.attachments;
      delete record.stopping;
      writeRecord(ctx.paths, record);
    }
  });
  setServiceRunning(ctx.paths, true, ctx.version.text);
  for (const record of readAllRecords(ctx.paths)) {
    if (record.autoRemove) {
      await destroy(ctx, record);
    }
  }
  return 0;
};

export const systemStop: Command = async (ctx) => {
  streamLog(ctx, 'checking if APIServer is alive');
  if (!serviceRunning(ctx.paths)) {
    streamLog(ctx, 'APIServer health check failed, skipping bootout');
    return 0;
  }
  streamLog(ctx, 'stopping containers', 'stopTimeoutSeconds=5');
  const snapshots = await loadSnapshots(ctx);
  await Promise.all(
    snapshots.map(async (snapshot) => {
      await stopContainer(ctx, snapshot.record, 5, undefined);
      ctx.print(snapshot.record.configuration.id);
    }),
  );
  streamLog(ctx, 'waiting for containers to exit');
  const uid = process.getuid?.() ?? 501;
  streamLog(ctx, 'stopping service', `label=gui/${uid}/com.apple.container.apiserver`);
  setServiceRunning(ctx.paths, false);
  return 0;
};

export const systemStatus: Command = async (ctx, invocation) => {
  const format = invocation.options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const running = serviceRunning(ctx.paths);
  if (ctx.era.statusNested && format === 'json') {
    ctx.print(encodeJson(await nestedStatus(ctx, running), COMPACT_SORTED));
    if (!running) {
      throw new ExitCode(1);
    }
    return 0;
  }
  if (!ctx.era.statusFormat) {
    if (!running) {
      ctx.print('apiserver is not running and not registered with launchd');
      throw new ExitCode(1);
    }
    ctx.print('apiserver is running');
    ctx.print(`application data root: ${appRoot()}`);
    ctx.print(`application install root: ${INSTALL_ROOT}`);
    ctx.print(`container-apiserver version: ${serverVersionLine(ctx)}`);
    ctx.print(`container-apiserver commit: ${ctx.serverVersion.fullCommit()}`);
    return 0;
  }
  const status = running
    ? {
        status: 'running',
        appRoot: appRoot(),
        installRoot: INSTALL_ROOT,
        apiServerVersion: serverVersionLine(ctx),
        apiServerCommit: ctx.serverVersion.fullCommit(),
        apiServerBuild: 'release',
        apiServerAppName: 'container-apiserver',
      }
    : {
        status: 'unregistered',
        appRoot: '',
        installRoot: '',
        apiServerVersion: '',
        apiServerCommit: '',
        apiServerBuild: '',
        apiServerAppName: '',
      };
  if (format === 'json') {
    ctx.print(encodeJson(status, COMPACT_SORTED));
  } else if (!running) {
    ctx.print('apiserver is not running and not registered with launchd');
  } else {
    ctx.print(
      formatTable([
        ['FIELD', 'VALUE'],
        ['status', status.status],
        ['appRoot', status.appRoot],
        ['installRoot', status.installRoot],
        ['logRoot', ''],
        ['apiserver.version', status.apiServerVersion],
        ['apiserver.commit', status.apiServerCommit],
        ['apiserver.build', status.apiServerBuild],
        ['apiserver.appName', status.apiServerAppName],
      ]),
    );
  }
  if (!running) {
    throw new ExitCode(1);
  }
  return 0;
};

export const systemVersion: Command = async (ctx, invocation) => {
  const format = invocation.options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const versions = [
    {
      version: ctx.version.text,
      buildType: 'release',
      commit: ctx.version.fullCommit(),
      appName: 'container',
    },
  ];
  // The API server's row only when it answers.
  if (serviceRunning(ctx.paths)) {
    versions.push({
      version: serverVersionLine(ctx),
      buildType: 'release',
      commit: ctx.serverVersion.fullCommit(),
      appName: 'container-apiserver',
    });
  }
  if (format === 'json') {
    printListJson(ctx, versions);
    return 0;
  }
  const rows = versions.map((v) => [v.appName, v.version, v.buildType, v.commit]);
  ctx.print(formatTable([['COMPONENT', 'VERSION', 'BUILD', 'COMMIT'], ...rows]));
  return 0;
};
