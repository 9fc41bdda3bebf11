import { ContainerCliError, type ContainerInfo } from '../client/types';
import type { LifecycleHook } from '../config/types';
import { substituteContainerEnv } from '../config/substitute';
import type { Plan } from '../plan/types';
import type { ContainerMemo, EngineDeps } from './deps';
import { parseProbeOutput, probeCommand, probeDifference, type ProbeKind } from './envProbe';
import { execArgs } from './execArgs';
import { envRecord } from './environment';
import type { Timings } from './timings';
import { environmentProfile, MARK_SCRIPT, parseSetupReport, SETUP_SCRIPT } from './userSetup';

/**
 * A session in a running dev container: who the remote user is, their home
 * and shell, the environment commands get, and which once-per-create and
 * once-per-start hooks are due. Shared by `up` and `exec`.
 */

/** `remoteUser` → `containerUser` → the image's user → root, as the reference resolves it. */
export function remoteUserOf(plan: Plan, container: ContainerInfo): string {
  const user = plan.remoteUser ?? container.user;
  if (user === undefined || user === '' || user === '0' || user === '0:0') {
    return 'root';
  }
  return user;
}

export interface Session {
  memo: ContainerMemo;
  dueHooks: Set<string>;
}

/** The hooks whose markers say "done for this container" (or "for this start"). */
const MARKED_HOOKS: readonly LifecycleHook[] = [
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
];

/** A marker holds the creation time (create hooks) or the start time (postStartCommand). */
function markerValue(container: ContainerInfo, hook: LifecycleHook): string {
  const value = hook === 'postStartCommand' ? container.startedDate : container.creationDate;
  return value ?? container.id;
}

/** The marked hooks this plan has commands for: only they can fail, so only they wait to be marked. */
function hooksWithCommands(plan: Plan): string {
  return MARKED_HOOKS.filter((hook) => plan.lifecycle[hook] !== undefined).join(',');
}

/** The remote user's home, shell and probed environment, and the hooks due, from the memo or one set-up exec. */
export async function prepareSession(
  deps: EngineDeps,
  plan: Plan,
  container: ContainerInfo,
  probe: ProbeKind,
  signal: AbortSignal | undefined,
  timings: Timings,
): Promise<Session> {
  const remoteUser = remoteUserOf(plan, container);
  const memo = await deps.memos.read(container.id);
  if (
    memo !== undefined &&
    memo.creationDate === container.creationDate &&
    memo.startedDate === container.startedDate &&
    memo.remoteUser === remoteUser &&
    // Hooks that failed or were interrupted last time are due again: ask the markers.
    memo.hooksPending !== true
  ) {
    // Same container, same start, already set up: nothing to check inside.
    return { memo, dueHooks: new Set() };
  }
  return timings.measure('setup', async () => {
    const runSetup = () =>
      deps.client.execCapture(
        execArgs({
          containerId: container.id,
          user: 'root',
          interactive: true,
          command: [
            '/bin/sh',
            '-c',
            SETUP_SCRIPT,
            'slipway-setup',
            remoteUser,
            markerValue(container, 'onCreateCommand'),
            markerValue(container, 'postStartCommand'),
            'write',
            hooksWithCommands(plan),
          ],
        }),
        { signal, input: environmentProfile(container.environment), timeoutMs: 60_000 },
      );
    let setup = await runSetup();
    let report = parseSetupReport(setup.stdout);
    // The script is idempotent: a report cut short on its way back is asked for once more,
    // since "nothing due" would silently skip the hooks.
    if (setup.exitCode === 0 && !report.complete) {
      deps.log('The container set-up report came back incomplete; asking again.\n');
      setup = await runSetup();
      report = parseSetupReport(setup.stdout);
    }
    if (setup.exitCode !== 0) {
      throw new ContainerCliError(
        'failed',
        `Preparing the container for ${remoteUser} failed (exit ${setup.exitCode}): ${setup.stderr.trim()}`,
      );
    }
    if (!report.complete) {
      throw new ContainerCliError(
        'failed',
        `Preparing the container for ${remoteUser} returned an incomplete report twice, so Slipway cannot tell which lifecycle hooks are due. Run up again; if it keeps happening, restart the container.`,
      );
    }
    let probedEnv: Record<string, string> = {};
    const shell = envRecord(container.environment).SHELL ?? report.shell;
    const probeArgv = probeCommand(probe, shell);
    if (probeArgv !== undefined) {
      const probed = await deps.client
        .execCapture(
          execArgs({ containerId: container.id, user: remoteUser, command: probeArgv }),
          { signal, timeoutMs: 10_000 },
        )
        .catch((error: unknown) => {
          deps.log(`The user environment probe failed; going on without it: ${String(error)}\n`);
          return undefined;
        });
      if (probed !== undefined) {
        probedEnv = probeDifference(parseProbeOutput(probed.stdout), container.environment);
      }
    }
    const fresh: ContainerMemo = {
      containerId: container.id,
      creationDate: container.creationDate,
      startedDate: container.startedDate,
      remoteUser,
      home: report.home,
      shell: report.shell,
      probedEnv,
      remoteWorkspaceFolder: plan.remoteWorkspaceFolder,
      ...(report.dueHooks.size > 0 ? { hooksPending: true } : {}),
      // Same container (a new start of it): its volume folders are still the user's.
      ...(memo?.volumeOwnership !== undefined && memo.creationDate === container.creationDate
        ? { volumeOwnership: memo.volumeOwnership }
        : {}),
    };
    await deps.memos.write(fresh);
    return { memo: fresh, dueHooks: report.dueHooks };
  });
}

/**
 * Marks hooks done once they have succeeded, so a failed or interrupted one
 * runs again on the next `up`. A marker that cannot be written only means
 * the hook runs again: logged, not fatal.
 */
export async function markHooksDone(
  deps: EngineDeps,
  container: ContainerInfo,
  memo: ContainerMemo,
  hooks: readonly LifecycleHook[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const marked = hooks.filter((hook) => MARKED_HOOKS.includes(hook));
  if (marked.length === 0) {
    return;
  }
  const result = await deps.client.execCapture(
    execArgs({
      containerId: container.id,
      user: 'root',
      command: [
        '/bin/sh',
        '-c',
        MARK_SCRIPT,
        'slipway-mark',
        memo.remoteUser,
        memo.home,
        ...marked.flatMap((hook) => [hook, markerValue(container, hook)]),
      ],
    }),
    { signal, timeoutMs: 30_000 },
  );
  if (result.exitCode !== 0) {
    deps.log(
      `Could not record ${marked.join(', ')} as done (exit ${result.exitCode}); the next up runs it again. ${result.stderr.trim()}\n`,
    );
  }
}

/** All due hooks done: the next `up` of this start needs no set-up exec. */
export async function settleHooks(deps: EngineDeps, memo: ContainerMemo): Promise<void> {
  if (memo.hooksPending === true) {
    const { hooksPending: _done, ...settled } = memo;
    await deps.memos.write(settled);
  }
}

/** The environment for commands in the container: probed shell, then remoteEnv, then extras (secrets). */
export function sessionEnvironment(
  plan: Plan,
  container: ContainerInfo,
  session: Session,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const remoteEnv = substituteContainerEnv(plan.remoteEnv, envRecord(container.environment));
  const env: Record<string, string> = { ...session.memo.probedEnv };
  for (const [name, value] of Object.entries(remoteEnv)) {
    if (value !== null) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

export function probeKindOf(plan: Plan): ProbeKind {
  return plan.userEnvProbe ?? 'loginInteractiveShell';
}
