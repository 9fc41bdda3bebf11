/**
 * `builder start|status|stop|delete` over the stand-in's `buildkit` record
 * (see containers/builder.ts).
 */
import { parseAppleSize } from '../../support/appleGrammar';
import type { Command } from '../context';
import { BUILDER_ID, ensureBuilder } from '../containers/builder';
import { stopContainer } from '../containers/lifecycle';
import { destroy, findSnapshot } from '../containers/runtime';
import { AppleError } from '../errors';
import { containerJson, ipv4Cidr } from '../render/containers';
import { formatTable } from '../render/table';
import { printListJson, requireService, unsupportedFormat } from './common';

export const builderStart: Command = async (ctx, invocation) => {
  requireService(ctx);
  const memory = invocation.options.last('--memory');
  const parsed = memory === undefined ? undefined : parseAppleSize(memory);
  const mib = 1024 * 1024;
  await ensureBuilder(
    ctx,
    Number(invocation.options.last('--cpus') ?? '2'),
    parsed === undefined || 'error' in parsed ? 2048 * mib : Math.floor(parsed.bytes / mib) * mib,
  );
  return 0;
};

export const builderStatus: Command = async (ctx, invocation) => {
  requireService(ctx);
  const format = invocation.options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const snapshot = await findSnapshot(ctx, BUILDER_ID);
  if (format === 'json') {
    printListJson(ctx, snapshot ? [containerJson(snapshot, ctx.era)] : []);
    return 0;
  }
  if (!snapshot || snapshot.state !== 'running') {
    if (!invocation.options.has('--quiet')) {
      ctx.print('builder is not running');
    }
    return 0;
  }
  if (invocation.options.has('--quiet')) {
    ctx.print(BUILDER_ID);
    return 0;
  }
  const config = snapshot.record.configuration;
  ctx.print(
    formatTable([
      ['ID', 'IMAGE', 'STATE', 'IP', 'CPUS', 'MEMORY'],
      [
        BUILDER_ID,
        config.image.reference,
        snapshot.state,
        ipv4Cidr(snapshot.record) ?? '',
        String(config.resources.cpus),
        `${Math.floor(config.resources.memoryInBytes / (1024 * 1024))} MB`,
      ],
    ]),
  );
  return 0;
};

export const builderStop: Command = async (ctx) => {
  requireService(ctx);
  const snapshot = await findSnapshot(ctx, BUILDER_ID);
  if (!snapshot || snapshot.state !== 'running') {
    ctx.printError('builder is not running');
    return 0;
  }
  await stopContainer(ctx, snapshot.record, 5, undefined);
  return 0;
};

export const builderDelete: Command = async (ctx, invocation) => {
  requireService(ctx);
  const snapshot = await findSnapshot(ctx, BUILDER_ID);
  if (!snapshot) {
    return 0;
  }
  if (snapshot.state === 'running' && !invocation.options.has('--force')) {
    throw new AppleError(
      'invalidState',
      'BuildKit container is not stopped, use --force to override',
    );
  }
  await destroy(ctx, snapshot.record);
  return 0;
};
