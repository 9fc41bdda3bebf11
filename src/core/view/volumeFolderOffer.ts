import type { BenchRecord } from '../bench/history';
import type { StartRecord } from './startupHistory';
import { formatDuration } from './duration';

/**
 * When to offer to keep a workspace's dependency folders on named volumes,
 * and the measured figure the offer quotes. Once per workspace, only in a
 * trusted one, only for folders on the bind mount (not set already), and
 * only with a figure measured on this Mac: the benchmark's bind mount
 * against its volume, or else a slow `postCreateCommand` of a start.
 */

/** Below this, a bind mount's slowness is not worth the folder disappearing from the Mac. */
export const MIN_BENCH_RATIO = 1.5;
/** A `postCreateCommand` this slow is most often an install into the workspace. */
export const SLOW_POST_CREATE_MS = 30_000;

export interface OfferInput {
  trusted: boolean;
  /** This workspace was offered already (whatever the answer), or the user said Never. */
  answered: boolean;
  /** The dependency folders found in the workspace. */
  present: readonly string[];
  /** The folders `slipway.volumeFolders` keeps on volumes already. */
  configured: readonly string[];
  bench: readonly BenchRecord[];
  starts: readonly StartRecord[];
}

export interface Offer {
  folders: string[];
  /** The measured figure, in words. */
  figure: string;
  message: string;
}

function median(record: BenchRecord, step: string): number | undefined {
  const runtime = record.result.runtimes.find((r) => r.runtime === 'container');
  return runtime?.steps.find((s) => s.id === step)?.stats?.medianMs;
}

/** The newest benchmark's bind mount over named volume, for creating files. */
function benchFigure(bench: readonly BenchRecord[]): string | undefined {
  for (const record of [...bench].reverse()) {
    const bind = median(record, 'filesBind');
    const volume = median(record, 'filesVolume');
    if (bind === undefined || volume === undefined || volume <= 0) {
      continue;
    }
    const ratio = bind / volume;
    if (ratio < MIN_BENCH_RATIO) {
      return undefined;
    }
    return `creating files on the bind mount took ${ratio.toFixed(1)}× as long as on a volume in this Mac's benchmark (${formatDuration(bind)} against ${formatDuration(volume)})`;
  }
  return undefined;
}

/** The newest start whose postCreateCommand ran, when it was slow. */
function startFigure(starts: readonly StartRecord[]): string | undefined {
  for (const record of [...starts].reverse()) {
    const hook = record.phases.find((p) => p.phase === 'postCreateCommand' && p.failed !== true);
    if (hook === undefined) {
      continue;
    }
    return hook.ms >= SLOW_POST_CREATE_MS
      ? `postCreateCommand took ${formatDuration(hook.ms)} on the last new container`
      : undefined;
  }
  return undefined;
}

export function volumeFolderOffer(input: OfferInput): Offer | undefined {
  if (!input.trusted || input.answered) {
    return undefined;
  }
  const folders = input.present.filter((folder) => !input.configured.includes(folder));
  if (folders.length === 0) {
    return undefined;
  }
  const figure = benchFigure(input.bench) ?? startFigure(input.starts);
  if (figure === undefined) {
    return undefined;
  }
  const names = folders.join(', ');
  return {
    folders,
    figure,
    message: `Keep ${names} on ${folders.length === 1 ? 'a named volume' : 'named volumes'}? On Apple container, ${figure}. From the next rebuild the ${folders.length === 1 ? 'folder lives' : 'folders live'} in the container only, no longer visible on this Mac.`,
  };
}
