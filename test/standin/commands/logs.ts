/**
 * `container logs`: the init process's output (stdout and stderr in one
 * stream, as Apple keeps them in one file), read from podman's k8s-file log.
 * `-n` keeps the last non-empty lines, `-f` keeps following the file.
 * `--boot` shows a made-up VM boot log (there is no VM here), with the
 * kernel's out-of-memory lines when podman saw the container's cgroup kill.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command, Context } from '../context';
import { oomKillCount, oomKillLines } from '../containers/oomKills';
import { findSnapshot } from '../containers/runtime';
import { AppleError } from '../errors';
import type { ContainerRecord } from '../model/types';
import { podman } from '../podman/podman';
import { iso8601 } from '../render/containers';
import { requireService, sleep } from './common';

/** k8s-file lines are `<time> <stream> <F|P> <text>`: F ends a line, P continues it. */
function decodeK8sFile(raw: string): string {
  let text = '';
  for (const line of raw.split('\n')) {
    const match = /^\S+ (?:stdout|stderr) ([FP]) ?(.*)$/.exec(line);
    if (match) {
      text += match[1] === 'F' ? `${match[2] ?? ''}\n` : (match[2] ?? '');
    }
  }
  return text;
}

async function logPath(record: ContainerRecord): Promise<string | undefined> {
  if (record.podmanName === undefined) {
    return undefined;
  }
  const result = await podman([
    'container',
    'inspect',
    '--format',
    '{{.HostConfig.LogConfig.Path}}',
    record.podmanName,
  ]);
  const path = result.stdout.trim();
  return result.code === 0 && path !== '' ? path : undefined;
}

function readLog(path: string | undefined): { text: string; size: number } {
  if (path === undefined) {
    return { text: '', size: 0 };
  }
  try {
    const raw = readFileSync(path, 'utf8');
    return { text: decodeK8sFile(raw), size: Buffer.byteLength(raw) };
  } catch {
    return { text: '', size: 0 };
  }
}

async function bootLog(record: ContainerRecord): Promise<string> {
  const id = record.configuration.id;
  const started = record.startedDate === undefined ? '' : ` at ${iso8601(record.startedDate)}`;
  const since = record.startedDate === undefined ? NaN : Date.parse(record.startedDate);
  const uptime = Number.isNaN(since) ? 1 : Math.max((Date.now() - since) / 1000, 1);
  return [
    '[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x610f0000]',
    '[    0.000000] Linux version 6.18.5 (container stand-in: no VM, podman + runc) #1 SMP',
    '[    0.000000] Machine model: Apple Virtualization Generic Platform',
    `[    0.212345] vminitd: booting container ${id}${started}`,
    ...oomKillLines(await oomKillCount(record), uptime),
  ].join('\n');
}

async function follow(ctx: Context, path: string, from: number): Promise<never> {
  let offset = from;
  for (;;) {
    await sleep(250);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      continue;
    }
    if (size < offset) {
      offset = 0;
    }
    if (size === offset) {
      continue;
    }
    const raw = readFileSync(path).subarray(offset, size).toString('utf8');
    // Only whole k8s-file lines; a partial one is read again next time.
    const end = raw.lastIndexOf('\n') + 1;
    offset += Buffer.byteLength(raw.slice(0, end));
    for (const line of decodeK8sFile(raw.slice(0, end)).split('\n')) {
      if (line !== '') {
        ctx.print(line);
      }
    }
  }
}

export const logs: Command = async (ctx, invocation) => {
  const id = invocation.positionals[0] ?? '';
  const failed = {
    code: 'internalError',
    message: `failed to get logs for container ${id}`,
  } as const;
  requireService(ctx, failed);
  const snapshot = await findSnapshot(ctx, id);
  if (!snapshot) {
    throw new AppleError(
      failed.code,
      failed.message,
      new AppleError('notFound', `container with ID ${id} not found`),
    );
  }
  const { options } = invocation;
  const path = await logPath(snapshot.record);
  const { text, size } = options.has('--boot')
    ? { text: `${await bootLog(snapshot.record)}\n`, size: 0 }
    : readLog(path);
  const lines = options.last('-n');
  if (lines !== undefined) {
    const kept = text.split(/\r\n|\r|\n/).filter((line) => line !== '');
    for (const line of Number(lines) > 0 ? kept.slice(-Number(lines)) : []) {
      ctx.print(line);
    }
  } else if (text !== '') {
    ctx.print(text.replace(/[\r\n]+$/, ''));
  }
  if (options.has('--follow') && !options.has('--boot') && path !== undefined) {
    await follow(ctx, path, size);
  }
  return 0;
};
