/**
 * The hooks after `waitFor`, which run on after the container is ready: what
 * each is doing now, so the status bar tooltip follows them (waiting →
 * running → done or failed, with their own duration) instead of saying
 * "still running" once they have long finished.
 */

/** `skipped`: it was waiting when a hook before it failed, so it will not run this time. */
export type BackgroundHookState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

export interface BackgroundHook {
  hook: string;
  state: BackgroundHookState;
  /** How long it ran, once it has ended. */
  ms?: number;
  /** Why it failed, in the user's words (one line). */
  message?: string;
}

/** Every hook waiting, in the order they will run. */
export function waitingHooks(hooks: readonly string[]): BackgroundHook[] {
  return hooks.map((hook) => ({ hook, state: 'waiting' }));
}

/** The list after one hook's news; a hook not listed yet joins at the end. */
export function applyHookStep(
  hooks: readonly BackgroundHook[],
  step: BackgroundHook,
): BackgroundHook[] {
  const next: BackgroundHook = {
    hook: step.hook,
    state: step.state,
    ...(step.ms !== undefined ? { ms: step.ms } : {}),
    ...(step.message !== undefined ? { message: step.message } : {}),
  };
  const updated = hooks.some((entry) => entry.hook === step.hook)
    ? hooks.map((entry) => (entry.hook === step.hook ? next : entry))
    : [...hooks, next];
  // The hooks run one after another and stop at the first failure.
  return step.state === 'failed'
    ? updated.map((entry) =>
        entry.state === 'waiting' ? { hook: entry.hook, state: 'skipped' } : entry,
      )
    : updated;
}

export function failedHooks(hooks: readonly BackgroundHook[]): BackgroundHook[] {
  return hooks.filter((entry) => entry.state === 'failed');
}
