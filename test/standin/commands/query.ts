/**
 * `list`/`ls` and `inspect`: the container JSON and table of reference §4.
 */
import type { Command } from '../context';
import { loadSnapshots } from '../containers/runtime';
import { AppleError } from '../errors';
import { COMPACT_UNSORTED, encodeJson, PRETTY_SORTED } from '../json';
import { containerHeader, containerJson, containerRow } from '../render/containers';
import { formatTable } from '../render/table';
import { LIST_FAILED, printListJson, requireService, unsupportedFormat } from './common';

export const list: Command = async (ctx, invocation) => {
  requireService(ctx, LIST_FAILED);
  const { options } = invocation;
  const format = options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const snapshots = await loadSnapshots(ctx);
  const running = snapshots.filter((s) => s.state === 'running');
  if (format === 'json') {
    // Before 0.10 the JSON listed every container, --all or not.
    const shown = options.has('--all') || !ctx.era.listJsonFiltered ? snapshots : running;
    printListJson(
      ctx,
      shown.map((s) => containerJson(s, ctx.era)),
    );
    return 0;
  }
  const shown = options.has('--all') ? snapshots : running;
  if (options.has('--quiet')) {
    if (shown.length > 0) {
      ctx.print(shown.map((s) => s.record.configuration.id).join('\n'));
    }
    return 0;
  }
  ctx.print(formatTable([containerHeader(ctx.era), ...shown.map((s) => containerRow(s, ctx.era))]));
  return 0;
};

export const inspect: Command = async (ctx, invocation) => {
  requireService(ctx, LIST_FAILED);
  const wanted = new Set(invocation.positionals);
  const found = (await loadSnapshots(ctx)).filter((s) => wanted.has(s.record.configuration.id));
  if (!ctx.era.jsonV1) {
    // Before 1.0: each container compact, unknown IDs silently left out.
    const items = found.map((s) => encodeJson(containerJson(s, ctx.era), COMPACT_UNSORTED));
    ctx.print(`[${items.join(',')}]`);
    return 0;
  }
  if (found.length !== wanted.size) {
    const present = new Set(found.map((s) => s.record.configuration.id));
    const missing = [...wanted].filter((id) => !present.has(id)).sort();
    throw new AppleError('notFound', `container not found: ${missing.join(', ')}`);
  }
  ctx.print(
    encodeJson(
      found.map((s) => containerJson(s, ctx.era)),
      PRETTY_SORTED,
    ),
  );
  return 0;
};
