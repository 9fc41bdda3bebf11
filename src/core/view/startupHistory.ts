import { isRecord } from '../config/validate';
import type { PhaseTiming } from './phases';

/**
 * The recent starts of a workspace's dev container, kept in workspace state
 * so the status bar can say whether this start was quick for its kind and the
 * timeline can chart the last few.
 */

export type StartAction = 'created' | 'started' | 'reused';
export type StartOutcome = 'ready' | 'failed' | 'cancelled';

export interface StartRecord {
  /** ISO time the start began. */
  at: string;
  containerName: string;
  action: StartAction;
  outcome: StartOutcome;
  totalMs: number;
  /** In the order they ran. */
  phases: PhaseTiming[];
}

export const HISTORY_LIMIT = 20;

const ACTIONS: readonly StartAction[] = ['created', 'started', 'reused'];
const OUTCOMES: readonly StartOutcome[] = ['ready', 'failed', 'cancelled'];

const ACTION_WORDS: Readonly<Record<StartAction, string>> = {
  created: 'created a new container',
  started: 'started the stopped container',
  reused: 'reused the running container',
};

/** What a start did, in words: 'created a new container'. */
export function describeAction(action: StartAction): string {
  return ACTION_WORDS[action];
}

/** The same start (by its time) with news, such as a hook that finished after it was ready. */
export function replaceStart(history: readonly StartRecord[], record: StartRecord): StartRecord[] {
  return history.map((entry) =>
    entry.at === record.at && entry.containerName === record.containerName ? record : entry,
  );
}

/**
 * A hook after `waitFor` that has ended, added to its start's phases (or
 * updated there): the timeline shows it, failed or not, with its own time,
 * while the start's total stays the time to ready.
 */
export function withBackgroundHook(
  record: StartRecord,
  hook: { phase: string; ms: number; failed: boolean },
): StartRecord {
  const phase: PhaseTiming = {
    phase: hook.phase,
    ms: hook.ms,
    background: true,
    ...(hook.failed ? { failed: true } : {}),
  };
  const others = record.phases.filter((p) => !(p.background === true && p.phase === hook.phase));
  return { ...record, phases: [...others, phase] };
}

/** Newest last; the oldest fall off beyond HISTORY_LIMIT. */
export function addStart(history: readonly StartRecord[], record: StartRecord): StartRecord[] {
  return [...history, record].slice(-HISTORY_LIMIT);
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function parsePhase(value: unknown): PhaseTiming | undefined {
  if (!isRecord(value) || typeof value.phase !== 'string' || !isDuration(value.ms)) {
    return undefined;
  }
  return {
    phase: value.phase,
    ms: value.ms,
    ...(value.failed === true ? { failed: true } : {}),
    ...(value.background === true ? { background: true } : {}),
  };
}

function parseRecord(value: unknown): StartRecord | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { at, containerName, action, outcome, totalMs, phases } = value;
  if (
    typeof at !== 'string' ||
    Number.isNaN(Date.parse(at)) ||
    typeof containerName !== 'string' ||
    !ACTIONS.includes(action as StartAction) ||
    !OUTCOMES.includes(outcome as StartOutcome) ||
    !isDuration(totalMs) ||
    !Array.isArray(phases)
  ) {
    return undefined;
  }
  const parsed = phases.map(parsePhase);
  // A record with a damaged phase would draw a misleading waterfall; drop it whole.
  if (parsed.some((phase) => phase === undefined)) {
    return undefined;
  }
  return {
    at,
    containerName,
    action: action as StartAction,
    outcome: outcome as StartOutcome,
    totalMs,
    phases: parsed as PhaseTiming[],
  };
}

/**
 * The history from workspace state, which an older or newer Slipway (or a
 * hand edit) may have written: anything malformed is dropped, nothing throws,
 * and only the newest HISTORY_LIMIT survive.
 */
export function parseHistory(value: unknown): StartRecord[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .map(parseRecord)
    .filter((record): record is StartRecord => record !== undefined)
    .slice(-HISTORY_LIMIT);
}

export interface StartComparison {
  /** Earlier ready starts of the same action. */
  previousCount: number;
  previousMedianMs?: number;
  /** This start's total minus that median: negative when this one was faster. */
  deltaMs?: number;
}

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) {
    return undefined;
  }
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * How `record` compares with the earlier ready starts that did the same
 * thing: creating a container and reusing a running one differ by seconds, so
 * mixing them would make every comparison noise. Failed and cancelled starts
 * stopped early and would flatter any start measured against them.
 */
export function compareWithPrevious(
  history: readonly StartRecord[],
  record: StartRecord,
): StartComparison {
  // The caller may already have added the record; only what came before it counts.
  const index = history.findIndex((entry) => entry === record || entry.at === record.at);
  const earlier = index === -1 ? history : history.slice(0, index);
  const comparable = earlier
    .filter((entry) => entry.outcome === 'ready' && entry.action === record.action)
    .map((entry) => entry.totalMs);
  const previousMedianMs = median(comparable);
  if (previousMedianMs === undefined) {
    return { previousCount: 0 };
  }
  return {
    previousCount: comparable.length,
    previousMedianMs,
    deltaMs: record.totalMs - previousMedianMs,
  };
}

/**
 * The engine's `timings` (phase → ms, in the order they ran) as a list; a
 * failed start names the phase it failed in.
 */
export function phasesFromTimings(
  timings: Record<string, number>,
  failedPhase?: string,
): PhaseTiming[] {
  const phases = Object.entries(timings)
    .filter(([, ms]) => Number.isFinite(ms))
    .map(([phase, ms]) => ({ phase, ms }));
  // Each Feature's install runs inside the Features build: keep only the rest of the build
  // under `features`, so the phases add up to the whole and the waterfall does not count twice.
  const nested = phases
    .filter((p) => p.phase.startsWith('feature:'))
    .reduce((sum, p) => sum + p.ms, 0);
  return phases.map((p) => {
    const ms = p.phase === 'features' ? Math.max(0, p.ms - nested) : p.ms;
    return p.phase === failedPhase ? { phase: p.phase, ms, failed: true } : { phase: p.phase, ms };
  });
}
