import type * as vscode from 'vscode';
import type { ContainerInfo } from '../../core/client/types';
import { readPeaks, withSamples, type MemoryPeak } from '../../core/memory/peaks';
import { newlyStopped } from '../../core/view/stoppedOnTheirOwn';
import type { SlipwayContext } from '../context';
import { explainStopOnce } from '../outOfMemoryNotice';

/**
 * What the containers view's polling tells about memory: each container's
 * peak use, kept across windows and sessions (in the global state, small),
 * and containers that stopped on their own because they ran out of memory.
 */

const PEAKS_KEY = 'slipway.memoryPeaks';

export function memoryPeakOf(globalState: vscode.Memento, id: string): MemoryPeak | undefined {
  return readPeaks(globalState.get(PEAKS_KEY))[id];
}

export function watchMemory(
  ctx: Pick<SlipwayContext, 'source' | 'globalState' | 'services' | 'log'>,
): vscode.Disposable {
  let last: ContainerInfo[] | undefined;
  let lastUsage: unknown;
  return ctx.source.onDidChange((state) => {
    if (state.kind !== 'ok') {
      return;
    }
    if (state.usage !== lastUsage) {
      lastUsage = state.usage;
      const next = withSamples(
        readPeaks(ctx.globalState.get(PEAKS_KEY)),
        state.usage,
        new Date().toISOString(),
      );
      if (next !== undefined) {
        void ctx.globalState.update(PEAKS_KEY, next);
      }
    }
    const stopped = newlyStopped(last, state.containers);
    // A stopped container's start time is the run that ended; the running one had it too.
    const before = new Map((last ?? []).map((c) => [c.id, c]));
    last = state.containers;
    for (const container of stopped) {
      void explainStopOnce(ctx, { ...before.get(container.id), ...container });
    }
  });
}
