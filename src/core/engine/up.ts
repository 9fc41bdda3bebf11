import { withContainerVersionLabel } from '../plan/labels';
import { ContainerCliError, type ContainerInfo } from '../client/types';
import { LIFECYCLE_HOOKS, type LifecycleHook } from '../config/types';
import type { LifecycleStep } from '../plan/lifecycle';
import type { Plan, PlanCommand } from '../plan/types';
import { versionRefusal } from '../plan/versions';
import { ConfigError } from '../errors';
import type { EngineDeps } from './deps';
import { findDevContainer } from './findContainer';
import { startOvercommit } from './overcommit';
import { containerExecute, hostExecute, runLifecycleStep } from './lifecycleRunner';
import { explainKill } from './outOfMemory';
import { featuresStep } from './featuresImage';
import { imageMetadataStep, recordedImageMetadata } from './imageMetadata';
import { prepareWorkspace, type PlanRequest, type PreparedWorkspace } from './planWorkspace';
import { composeUp } from './compose/composeUp';
import { ensureResources } from './compose/resources';
import { fixVolumeOwnership } from './volumeOwnership';
import { portForwards, type PortForward } from '../plan/portForwards';
import { Timings } from './timings';
import { waitUntilRunning } from './wait';
import {
  markHooksDone,
  prepareSession,
  probeKindOf,
  sessionEnvironment,
  settleHooks,
} from './session';

/**
 * `up`: from a devcontainer.json to a running, set-up dev container. Finds
 * the workspace's container by its labels and reuses it (starting it if
 * stopped), or builds and creates it from the plan; then prepares the
 * remote user's session and runs the lifecycle commands up to `waitFor`,
 * leaving the rest running in the background.
 */

export interface UpRequest extends PlanRequest {
  /**
   * Only a trusted workspace may run `initializeCommand` on this machine, or
   * create (or rebuild) a container; an untrusted one may only reuse or start
   * the container it already has.
   */
  trusted: boolean;
  /** Remove the existing container first (rebuild). */
  removeExisting?: boolean;
  /** Skip `postAttachCommand` (when the caller attaches later itself). */
  skipPostAttach?: boolean;
  /** Environment for lifecycle commands on top of the remote environment (secrets); never logged. */
  secrets?: Record<string, string>;
  signal?: AbortSignal;
  /** Told as each phase (`find`, `build`, `boot`, `postCreateCommand`, ...) begins. */
  onPhase?: (phase: string) => void;
  /**
   * The clock for the start-up's phases, when the caller wants them even if
   * `up` fails (the editor's timeline of a failed start); else `up` makes one.
   */
  timings?: Timings;
  /** Told as each hook after `waitFor` begins and ends, with its own duration. */
  onBackgroundStep?: (step: BackgroundStep) => void;
  /**
   * Told, besides the log, of a warning the user should see before the wait
   * is over: starting this container would overcommit the Mac's memory
   * (compared with `host.memoryBytes`).
   */
  onWarning?: (message: string) => void;
}

/** A hook after `waitFor`, as it runs on its own. */
export interface BackgroundStep {
  hook: LifecycleHook;
  state: 'running' | 'done' | 'failed';
  /** How long it ran, once it has ended. */
  ms?: number;
  /** Why it failed (a LifecycleError, or what stopped it). */
  error?: unknown;
}

export interface UpResult {
  outcome: 'success';
  containerId: string;
  containerName: string;
  /** `created` (new), `started` (was stopped), or `reused` (was running). */
  action: 'created' | 'started' | 'reused';
  remoteUser: string;
  remoteWorkspaceFolder: string;
  configFile: string;
  timings: Record<string, number>;
  /** Hooks still running after `waitFor`, in the background. */
  backgroundSteps: LifecycleHook[];
  /**
   * The remote user's environment on top of the container's: the probed login
   * environment and `remoteEnv` (never the caller's secrets). SSH sessions get it.
   */
  sessionEnv: Record<string, string>;
  /** The container's own environment (`K=V`), as `container inspect` reports it. */
  containerEnv: string[];
  /** `forwardPorts` as the window's SSH connection forwards them (Compose services by name). */
  portForwards: PortForward[];
  /** Extensions and settings for the container's editor. */
  vscode: Plan['vscode'];
  shutdownAction?: Plan['shutdownAction'];
  /** A Compose config's project: its last window stops all of it (`stopCompose`). */
  composeProject?: string;
  warnings: Plan['warnings'];
}

export interface UpOutcome {
  result: UpResult;
  /** Settles when the background hooks are done; rejects with the first failure. */
  background: Promise<void>;
}

/** The hooks that run in the container, in order: all but initializeCommand. */
const IN_CONTAINER_HOOKS: LifecycleHook[] = LIFECYCLE_HOOKS.filter(
  (hook) => hook !== 'initializeCommand',
);

async function findOrCreate(
  deps: EngineDeps,
  prepared: PreparedWorkspace,
  request: UpRequest,
  timings: Timings,
): Promise<{ container: ContainerInfo; action: UpResult['action']; plan: Plan }> {
  let plan = prepared.plan;
  const signal = request.signal;
  const containers = await timings.measure('find', () => deps.client.list(signal));
  let existing = findDevContainer(containers, plan.workspaceFolder, plan.configFile);
  // Told before the VM starts, when it can still be avoided; the list is the one just read.
  const warnOvercommit = (starting: { id?: string; memoryBytes: number }) => {
    const warning = startOvercommit(containers, starting, request.host?.memoryBytes);
    if (warning !== undefined) {
      deps.log(`Warning: ${warning}\n`);
      request.onWarning?.(warning);
    }
  };
  if (!request.trusted && (existing === undefined || request.removeExisting)) {
    // The editor asks for trust before it gets here; this holds if a caller does not.
    throw new ConfigError(
      `This workspace is not trusted, and its config decides what a new container mounts, passes on and runs. Trust the workspace to ${existing === undefined ? 'create' : 'rebuild'} its dev container.`,
      plan.configFile,
    );
  }
  if (existing !== undefined && request.removeExisting) {
    const id = existing.id;
    await timings.measure('remove', () => deps.client.remove(id, true, signal));
    await deps.memos.forget(id);
    existing = undefined;
  }
  if (existing !== undefined) {
    // The image's entries as recorded at create, so a reused container gets
    // the same user and hooks as the one created; the config is current.
    const recorded = recordedImageMetadata(existing, plan);
    if (recorded.length > 0) {
      plan = await prepared.withImage({ metadata: recorded });
    }
    if (existing.state === 'running') {
      return { container: existing, action: 'reused', plan };
    }
    const id = existing.id;
    warnOvercommit({ id, memoryBytes: existing.memoryBytes ?? plan.resources.memoryBytes });
    deps.log(`Starting ${id}...\n`);
    const started = await timings.measure('start', async () => {
      await deps.client.start(id, signal);
      return waitUntilRunning(deps, id, signal);
    });
    return { container: started, action: 'started', plan };
  }
  const version = await timings.measure('version', () => deps.client.version(signal));
  refuseOlder(plan, version);
  const hasFeatures = plan.commands.some((command) => command.step === 'features');
  let id = plan.containerName;
  let built = false;
  // By index: the Features and image steps plan again, with the same steps
  // but another tag or more metadata.
  for (let index = 0; index < plan.commands.length; index++) {
    if (plan.commands[index]?.step === 'run' && !hasFeatures) {
      const before = plan;
      plan = await timings.measure('image', () =>
        imageMetadataStep(deps, prepared, before, { built, signal }),
      );
      // The image's metadata may ask for more (`init`, say) than the config did.
      refuseOlder(plan, version);
    }
    const command = plan.commands[index] as PlanCommand;
    if (command.step === 'volume') {
      // Created just before `run` (below), once any build has succeeded, and only when missing.
      continue;
    }
    if (command.step === 'run') {
      const volumes = plan.commands.filter((c) => c.step === 'volume');
      await timings.measure('create', () => ensureResources(deps, volumes, signal));
    }
    if (command.step === 'features') {
      const before = plan;
      plan = await timings.measure('features', () =>
        featuresStep(deps, prepared, before, {
          built,
          noCache: request.noCache,
          timings,
          signal,
        }),
      );
      continue;
    }
    const phase = command.step === 'build' ? 'build' : 'create';
    if (command.step === 'run') {
      warnOvercommit({ memoryBytes: plan.resources.memoryBytes });
    }
    deps.log(`${command.description}...\n`);
    const args =
      command.step === 'run'
        ? withContainerVersionLabel(command.argv.slice(1), version)
        : command.argv.slice(1);
    const stdout = await timings.measure(phase, () =>
      deps.client.runPlanned(args, {
        signal,
        onLog: (line) => deps.log(`${line}\n`),
      }),
    );
    if (command.step === 'run') {
      id = stdout.trim().split('\n').at(-1)?.trim() || plan.containerName;
    }
    built ||= command.step === 'build';
  }
  const container = await timings.measure('boot', () => waitUntilRunning(deps, id, signal));
  return { container, action: 'created', plan };
}

/** Refuses a `container` too old for what the plan's commands need, naming the option. */
export function refuseOlder(plan: Plan, version: string): void {
  const refusal = versionRefusal(
    plan.commands.flatMap((command) => command.requires),
    version,
  );
  if (refusal !== undefined) {
    throw new ConfigError(refusal);
  }
}

export async function up(deps: EngineDeps, request: UpRequest): Promise<UpOutcome> {
  const timings = request.timings ?? new Timings(deps.now, request.onPhase);
  const signal = request.signal;
  const prepared = await beforeAnything(
    signal,
    'during plan (reading the config and fetching its Features)',
    () =>
      timings.measure('plan', () =>
        prepareWorkspace(deps.fs, request, { features: deps.features, signal }),
      ),
  );
  let plan = prepared.plan;
  if (prepared.unresolvedFeatures.length > 0) {
    throw new ConfigError(
      `This config has Features (${prepared.unresolvedFeatures.join(', ')}), and Slipway was started here without a way to fetch them.`,
      plan.configFile,
    );
  }
  const devcontainerId = plan.devcontainerId;
  const release = await beforeAnything(
    signal,
    'while waiting for another Slipway to finish with this dev container',
    () => deps.locks.acquire(devcontainerId, signal),
  );
  try {
    const initialize = plan.lifecycle.initializeCommand;
    if (initialize !== undefined) {
      if (!request.trusted) {
        throw new ConfigError(
          'initializeCommand would run on this machine, and this workspace is not trusted. Trust the workspace to run it.',
          plan.configFile,
        );
      }
      await timings.measure('initializeCommand', () =>
        runLifecycleStep(
          'initializeCommand',
          initialize,
          hostExecute(deps.host, plan.workspaceFolder, signal),
          deps,
        ),
      );
    }
    const created: {
      container: ContainerInfo;
      action: UpResult['action'];
      plan: Plan;
      hostsSignature?: string;
      warnings?: string[];
    } =
      plan.compose !== undefined
        ? await composeUp(deps, prepared, request, timings, refuseOlder)
        : await findOrCreate(deps, prepared, request, timings);
    const { container, action } = created;
    plan = created.plan;
    const session = await prepareSession(deps, plan, container, probeKindOf(plan), signal, timings);
    session.memo = await fixVolumeOwnership(deps, plan, container, session.memo, signal);
    if (
      created.hostsSignature !== undefined &&
      session.memo.hostsSignature !== created.hostsSignature
    ) {
      session.memo = { ...session.memo, hostsSignature: created.hostsSignature };
      await deps.memos.write(session.memo);
    }
    const composeWarnings = (created.warnings ?? []).map((message) => ({
      property: 'network_mode',
      message,
    }));
    const sessionEnv = sessionEnvironment(plan, container, session);
    const env = { ...sessionEnv, ...request.secrets };
    const execute = containerExecute(
      deps.client,
      {
        containerId: container.id,
        user: session.memo.remoteUser,
        workdir: plan.remoteWorkspaceFolder,
        env,
      },
      signal,
      deps.hookIdleMs,
    );
    const hooks = IN_CONTAINER_HOOKS.filter((hook) => {
      if (hook === 'postAttachCommand') {
        return !request.skipPostAttach;
      }
      return session.dueHooks.has(hook);
    });
    const waitIndex = IN_CONTAINER_HOOKS.indexOf(plan.lifecycle.waitFor);
    const foreground = hooks.filter((hook) => IN_CONTAINER_HOOKS.indexOf(hook) <= waitIndex);
    const rest = hooks.filter((hook) => IN_CONTAINER_HOOKS.indexOf(hook) > waitIndex);
    // Hooks are marked done as they succeed (none with nothing to run is due), so one that
    // fails or is interrupted runs again on the next `up`.
    const runHooks = async (
      list: LifecycleHook[],
      clock: Timings,
      onStep?: (step: BackgroundStep) => void,
    ) => {
      for (const hook of list) {
        const step: LifecycleStep | undefined = plan.lifecycle[hook];
        if (step === undefined) {
          continue;
        }
        onStep?.({ hook, state: 'running' });
        const start = deps.now();
        const ended = (state: 'done' | 'failed', error?: unknown) =>
          onStep?.({ hook, state, ms: Math.round(deps.now() - start), error });
        try {
          await clock.measure(hook, () => runLifecycleStep(hook, step, execute, deps));
        } catch (caught) {
          const error = await explainKill(deps, container, caught, signal);
          ended('failed', error);
          throw error;
        }
        ended('done');
        await markHooksDone(deps, container, session.memo, [hook], signal);
      }
    };
    await runHooks(foreground, timings);
    const backgroundSteps = rest.filter((hook) => plan.lifecycle[hook] !== undefined);
    // Hooks after `waitFor` are not part of the start-up: their own clock, and no progress
    // reports once the result is out (the editor shows the container as ready by then).
    const backgroundClock = new Timings(deps.now);
    const background = runHooks(rest, backgroundClock, request.onBackgroundStep)
      .then(() => settleHooks(deps, session.memo))
      .finally(() => {
        // Their times still join the result's, for whoever waits for them (the CLI's log, tests).
        Object.assign(timings.phases, backgroundClock.phases);
      });
    // Reported by whoever awaits it; never an unhandled rejection.
    background.catch(() => undefined);
    return {
      result: {
        outcome: 'success',
        containerId: container.id,
        containerName: plan.containerName,
        action,
        remoteUser: session.memo.remoteUser,
        remoteWorkspaceFolder: plan.remoteWorkspaceFolder,
        configFile: plan.configFile,
        timings: timings.phases,
        backgroundSteps,
        sessionEnv,
        containerEnv: container.environment,
        portForwards: portForwards(plan.forwardPorts, plan.compose).forwards,
        vscode: plan.vscode,
        ...(plan.shutdownAction !== undefined ? { shutdownAction: plan.shutdownAction } : {}),
        ...(plan.compose !== undefined ? { composeProject: plan.compose.project } : {}),
        warnings: [...plan.warnings, ...composeWarnings],
      },
      background: background.finally(() => release()),
    };
  } catch (error) {
    await release();
    if (signal?.aborted) {
      throw await cancellation(deps, plan, timings.current);
    }
    throw error;
  }
}

/**
 * A step before `up` touches any container (planning, fetching Features,
 * waiting for the lock): cancelled there, it has nothing to clean up, and
 * says so as a cancellation (exit 130 in the CLI), not as whatever error the
 * abort surfaced as.
 */
async function beforeAnything<T>(
  signal: AbortSignal | undefined,
  where: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) {
      throw new ContainerCliError('cancelled', `Cancelled ${where}. Nothing was built or started.`);
    }
    throw error;
  }
}

/**
 * What a cancelled `up` left behind, said plainly. Slipway's containers carry
 * their labels from the moment they are created, so whatever is left is
 * found again (and reused or removed) by the next `up` or `down`.
 */
async function cancellation(
  deps: EngineDeps,
  plan: Plan,
  phase: string | undefined,
): Promise<ContainerCliError> {
  const left = await deps.client.inspect(plan.containerName).catch(() => undefined);
  const where = phase === undefined ? '' : ` during ${phase}`;
  const state =
    left === undefined
      ? 'No container was left behind.'
      : `The container ${left.id} was left ${left.state}; the next start (\`slipway up\` or Reopen) reuses it and runs the lifecycle commands that did not finish, and \`slipway down --force\` (or Rebuild) removes it.`;
  return new ContainerCliError('cancelled', `Cancelled${where}. ${state}`);
}
