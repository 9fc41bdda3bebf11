/**
 * Recovering a stuck SSH transport. The ProxyCommand is `container exec <id>
 * … sshd -i`, and Apple's `exec` can hang after a reconnect (#1916) with the
 * editor waiting forever. The recovery is a ladder of steps a user can see,
 * cheapest first, each followed by a bounded probe (`container exec <id>
 * true`): kill the stuck `container exec` clients, then restart the
 * container, then tell the user to restart the service (the one step that
 * touches every container, so it is theirs to take).
 *
 * A pure state machine: `nextAction` says what to do, `advance` takes what
 * happened. The effects live in src/node (`runRecovery` drives them).
 */

export type Remedy = 'killStuckClients' | 'restartContainer';

/** The ladder, cheapest first. */
export const REMEDIES: readonly Remedy[] = ['killStuckClients', 'restartContainer'];

export type RecoveryState =
  /** Waiting for a probe; `tried` remedies have run so far. */
  | { readonly phase: 'probe'; readonly tried: readonly Remedy[] }
  /** Waiting for a remedy to finish. */
  | { readonly phase: 'remedy'; readonly remedy: Remedy; readonly tried: readonly Remedy[] }
  | { readonly phase: 'healthy'; readonly tried: readonly Remedy[] }
  | { readonly phase: 'giveUp'; readonly tried: readonly Remedy[]; readonly reason: string };

export type RecoveryAction =
  | { readonly kind: 'probe' }
  | { readonly kind: 'remedy'; readonly remedy: Remedy }
  | { readonly kind: 'done'; readonly recovered: boolean; readonly message: string };

export type RecoveryEvent =
  | { readonly kind: 'probeOk' }
  | { readonly kind: 'probeFailed'; readonly reason: string }
  | { readonly kind: 'remedyDone' }
  | { readonly kind: 'remedyFailed'; readonly reason: string };

export const INITIAL_RECOVERY: RecoveryState = { phase: 'probe', tried: [] };

const REMEDY_DONE: Readonly<Record<Remedy, string>> = {
  killStuckClients: 'stopped the stuck `container exec` client',
  restartContainer: 'restarted the container',
};

/** What the user reads while a step runs. */
export function describeAction(action: RecoveryAction, container: string): string {
  switch (action.kind) {
    case 'probe':
      return `Checking that ${container} answers \`container exec\`…`;
    case 'remedy':
      return action.remedy === 'killStuckClients'
        ? `${container} is not answering: stopping the stuck \`container exec\` client…`
        : `${container} is still not answering: restarting the container…`;
    case 'done':
      return action.message;
  }
}

function nextRemedy(tried: readonly Remedy[]): Remedy | undefined {
  return REMEDIES.find((remedy) => !tried.includes(remedy));
}

export function nextAction(state: RecoveryState, container: string): RecoveryAction {
  switch (state.phase) {
    case 'probe':
      return { kind: 'probe' };
    case 'remedy':
      return { kind: 'remedy', remedy: state.remedy };
    case 'healthy': {
      const last = state.tried[state.tried.length - 1];
      return {
        kind: 'done',
        recovered: true,
        message:
          last === undefined
            ? `${container} answers again; no recovery was needed.`
            : `Recovered ${container}: Slipway ${REMEDY_DONE[last]}. Reconnect the window if it has not already.`,
      };
    }
    case 'giveUp':
      return {
        kind: 'done',
        recovered: false,
        message:
          `${container} still does not answer (${state.reason}), even after Slipway ` +
          `${state.tried.map((r) => REMEDY_DONE[r]).join(' and ')}. Apple's container service is ` +
          'probably stuck (a known bug, apple/container#1916): restart it with `container system stop` ' +
          'and `container system start` (this stops every container), then reconnect.',
      };
  }
}

function afterFailure(tried: readonly Remedy[], reason: string): RecoveryState {
  const remedy = nextRemedy(tried);
  return remedy === undefined
    ? { phase: 'giveUp', tried, reason }
    : { phase: 'remedy', remedy, tried };
}

export function advance(state: RecoveryState, event: RecoveryEvent): RecoveryState {
  if (state.phase === 'probe') {
    if (event.kind === 'probeOk') {
      return { phase: 'healthy', tried: state.tried };
    }
    if (event.kind === 'probeFailed') {
      return afterFailure(state.tried, event.reason);
    }
  }
  if (state.phase === 'remedy') {
    const tried = [...state.tried, state.remedy];
    if (event.kind === 'remedyDone') {
      return { phase: 'probe', tried };
    }
    if (event.kind === 'remedyFailed') {
      // A remedy that could not run leaves the container as stuck as before.
      return afterFailure(tried, event.reason);
    }
  }
  throw new Error(`recovery: ${event.kind} does not fit the ${state.phase} phase`);
}

/** The effects a recovery needs; every one must be bounded by its implementation. */
export interface RecoveryEffects {
  /** A bounded `container exec <id> true`: whether it answered. */
  probe(): Promise<{ ok: true } | { ok: false; reason: string }>;
  remedy(remedy: Remedy): Promise<void>;
  /** Each step's message, as it starts, for the user. */
  report(message: string): void;
}

/** Runs the ladder to its end; resolves with the final action (recovered or not). */
export async function driveRecovery(
  container: string,
  effects: RecoveryEffects,
): Promise<Extract<RecoveryAction, { kind: 'done' }>> {
  let state = INITIAL_RECOVERY;
  for (;;) {
    const action = nextAction(state, container);
    effects.report(describeAction(action, container));
    if (action.kind === 'done') {
      return action;
    }
    if (action.kind === 'probe') {
      const result = await effects.probe();
      state = advance(
        state,
        result.ok ? { kind: 'probeOk' } : { kind: 'probeFailed', reason: result.reason },
      );
      continue;
    }
    try {
      await effects.remedy(action.remedy);
      state = advance(state, { kind: 'remedyDone' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      state = advance(state, { kind: 'remedyFailed', reason });
    }
  }
}
