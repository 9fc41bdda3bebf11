import { TIMEOUTS } from '../../client/timeouts';
import { ContainerCliError, type ContainerInfo } from '../../client/types';
import type { ComposePlan, ComposeServicePlan } from '../../compose/types';
import { ConfigError } from '../../errors';
import type { Plan, PlanCommand } from '../../plan/types';
import type { EngineDeps } from '../deps';
import { featuresStep } from '../featuresImage';
import { imageMetadataStep, recordedImageMetadata } from '../imageMetadata';
import type { PreparedWorkspace } from '../planWorkspace';
import type { Timings } from '../timings';
import type { UpRequest } from '../up';
import { waitUntilRunning } from '../wait';
import { bridgesAfterStart, bridgeShared } from './bridge';
import { waitHealthy } from './health';
import { runComposeBuild } from './inlineBuild';
import { hostsSignature, syncHosts } from './hostsSync';
import { projectContainers, renamedServices } from './projectContainers';
import { ensureResources } from './resources';

/**
 * `up` of a Compose config, up to a running dev container service: the
 * project's containers are found by their Compose labels in one `container
 * list`; what is missing is created (networks, volumes, builds, then each
 * service in dependency order), what is stopped is started, each start is
 * followed by a hosts sync in every running project container, and
 * dependents wait for `service_healthy` / `service_completed_successfully`.
 * A running project is only re-synced when a container's address or start
 * changed since the last sync (remembered in the dev container's memo), so
 * a warm `up` costs one `container list`. The caller then treats the dev
 * container's service like any dev container (user set-up, hooks, memo).
 */

export interface ComposeUpResult {
  container: ContainerInfo;
  action: 'created' | 'started' | 'reused';
  plan: Plan;
  /** To remember in the dev container's memo once its session is written. */
  hostsSignature: string;
  warnings: string[];
}

interface Progress {
  running: Map<string, ContainerInfo>;
  /** Something was created or started in this `up`. */
  changed: boolean;
  warnings: string[];
}

function serviceOf(compose: ComposePlan, command: PlanCommand): ComposeServicePlan | undefined {
  const index = command.argv.indexOf('--name');
  const name = index === -1 ? undefined : command.argv[index + 1];
  return compose.services.find((service) => service.containerName === name);
}

/** Which services another one waits on to be healthy. */
function healthWaited(compose: ComposePlan): Set<string> {
  return new Set(
    compose.services.flatMap((service) =>
      service.dependsOn
        .filter((dependency) => dependency.condition === 'service_healthy')
        .map((dependency) => dependency.service),
    ),
  );
}

export async function composeUp(
  deps: EngineDeps,
  prepared: PreparedWorkspace,
  request: UpRequest,
  timings: Timings,
  refuseOlder: (plan: Plan, version: string) => void,
): Promise<ComposeUpResult> {
  const signal = request.signal;
  let plan = prepared.plan;
  const compose = plan.compose!;
  const all = await timings.measure('find', () => deps.client.list(signal));
  const found = projectContainers(all, compose.project);
  const renamed = renamedServices(compose, found);
  if (renamed.length > 0) {
    const list = renamed.map((r) => `${r.service}: ${r.found}, now ${r.planned}`).join('; ');
    throw new ConfigError(
      `The Compose project ${compose.project} has containers under other names than its config now gives them (${list}): a container_name changed, or a DNS domain was registered or removed (container system dns) since they were created. Run \`slipway down\` (named volumes are kept), then \`slipway up\`.`,
      plan.configFile,
    );
  }
  const primaryPlan = compose.services.find((s) => s.name === compose.primaryService)!;
  let primary = found.get(primaryPlan.name);
  if (!request.trusted && (primary === undefined || request.removeExisting)) {
    throw new ConfigError(
      `This workspace is not trusted, and its config decides what the Compose project's containers mount, pass on and run. Trust the workspace to ${primary === undefined ? 'create' : 'rebuild'} them.`,
      plan.configFile,
    );
  }
  if (primary !== undefined && request.removeExisting) {
    // A rebuild is of the dev container's service; its dependencies keep their data.
    const id = primary.id;
    await timings.measure('remove', () => deps.client.remove(id, true, signal));
    await deps.memos.forget(id);
    found.delete(primaryPlan.name);
    primary = undefined;
  }
  if (primary !== undefined) {
    const recorded = recordedImageMetadata(primary, plan);
    if (recorded.length > 0) {
      plan = await prepared.withImage({ metadata: recorded });
    }
  }
  const progress: Progress = { running: new Map(), changed: false, warnings: [] };
  for (const info of found.values()) {
    if (info.state === 'running') {
      progress.running.set(info.id, info);
    }
  }
  const missing = compose.services.filter((s) => !found.has(s.name));
  const idle = compose.services.filter(
    (s) => !s.runToCompletion && found.has(s.name) && found.get(s.name)!.state !== 'running',
  );
  const action: ComposeUpResult['action'] =
    primary === undefined ? 'created' : primary.state === 'running' ? 'reused' : 'started';

  if (missing.length > 0 || idle.length > 0) {
    plan = await bringUp(deps, prepared, plan, {
      request,
      timings,
      found,
      progress,
      create: missing.length > 0,
      refuseOlder,
    });
  }
  const memo = primary === undefined ? undefined : await deps.memos.read(primary.id);
  let signature = hostsSignature(compose, progress.running);
  if (!progress.changed && memo?.hostsSignature !== signature) {
    // Someone restarted a container outside Slipway: its block is gone, its address may be new.
    await timings.measure('hosts', () => syncHosts(deps, compose, progress.running, signal));
    signature = hostsSignature(compose, progress.running);
    const shared = compose.services.filter((s) => s.sharesNetworkWith !== undefined);
    await bridge(deps, compose, shared, progress, timings, signal);
  }
  const container = progress.running.get(primaryPlan.containerName);
  if (container === undefined) {
    throw new ContainerCliError(
      'failed',
      `The dev container's service ${primaryPlan.name} (${primaryPlan.containerName}) is not running after \`up\`. See \`container logs ${primaryPlan.containerName}\`.`,
    );
  }
  return { container, action, plan, hostsSignature: signature, warnings: progress.warnings };
}

interface BringUp {
  request: UpRequest;
  timings: Timings;
  found: Map<string, ContainerInfo>;
  progress: Progress;
  create: boolean;
  refuseOlder: (plan: Plan, version: string) => void;
}

async function bringUp(
  deps: EngineDeps,
  prepared: PreparedWorkspace,
  start: Plan,
  options: BringUp,
): Promise<Plan> {
  const { request, timings, found } = options;
  const signal = request.signal;
  let plan = start;
  const compose = plan.compose!;
  const version = await timings.measure('version', () => deps.client.version(signal));
  options.refuseOlder(plan, version);
  if (options.create) {
    await timings.measure('resources', () => ensureResources(deps, plan.commands, signal));
  }
  const waited = healthWaited(compose);
  const primaryMissing = !found.has(compose.primaryService);
  const hasFeatures = plan.commands.some((command) => command.step === 'features');
  let built = false;
  // By index: the Features and image steps plan again, with the same steps.
  for (let index = 0; index < plan.commands.length; index++) {
    const command = plan.commands[index] as PlanCommand;
    if (command.step === 'build' && options.create) {
      deps.log(`${command.description}...\n`);
      await timings.measure('build', () =>
        runComposeBuild(deps, compose, command.argv.slice(1), {
          signal,
          onLog: (line) => deps.log(`${line}\n`),
        }),
      );
      built = true;
    } else if (command.step === 'features' && primaryMissing) {
      const before = plan;
      plan = await timings.measure('features', () =>
        featuresStep(deps, prepared, before, {
          built,
          noCache: request.noCache,
          timings,
          signal,
        }),
      );
      options.refuseOlder(plan, version);
    } else if (command.step === 'run') {
      const service = serviceOf(compose, command);
      if (service === undefined) {
        continue;
      }
      let run = command;
      if (service.role === 'primary' && primaryMissing && !hasFeatures) {
        const before = plan;
        plan = await timings.measure('image', () =>
          imageMetadataStep(deps, prepared, before, { built, signal }),
        );
        options.refuseOlder(plan, version);
        run = plan.commands[index] as PlanCommand;
      }
      await startService(deps, plan.compose!, service, run, options);
      if (!service.runToCompletion && waited.has(service.name) && service.healthcheck) {
        const probe = service.healthcheck;
        await timings.measure(`health:${service.name}`, () =>
          waitHealthy(deps, service, probe, compose.healthWaitLimitMs, signal),
        );
      }
    }
  }
  return plan;
}

/** Creates, starts or runs one service, then writes every running container's hosts block. */
async function startService(
  deps: EngineDeps,
  compose: ComposePlan,
  service: ComposeServicePlan,
  run: PlanCommand,
  options: BringUp,
): Promise<void> {
  const { request, timings, found, progress } = options;
  const signal = request.signal;
  const existing = found.get(service.name);
  if (existing?.state === 'running') {
    return;
  }
  // A one-shot service runs to its end rather than starts: its own words in the progress.
  const phase = `${service.runToCompletion ? 'run' : 'service'}:${service.name}`;
  await timings.measure(phase, async () => {
    if (service.runToCompletion) {
      await runToCompletion(deps, service, run, existing, signal);
      return;
    }
    if (existing !== undefined) {
      deps.log(`Starting ${existing.id} (service ${service.name})...\n`);
      await deps.client.start(existing.id, signal);
    } else {
      deps.log(`${run.description}...\n`);
      await deps.client.runPlanned(run.argv.slice(1), {
        signal,
        onLog: (line) => deps.log(`${line}\n`),
      });
    }
    const info = await waitUntilRunning(deps, service.containerName, signal);
    progress.running.set(info.id, info);
  });
  progress.changed = true;
  if (service.runToCompletion) {
    return;
  }
  await timings.measure('hosts', () => syncHosts(deps, compose, progress.running, signal));
  await bridge(deps, compose, bridgesAfterStart(compose, service), progress, timings, signal);
}

/** `network_mode: service:` pairs bridged again (a start loses the forwarders in that container). */
async function bridge(
  deps: EngineDeps,
  compose: ComposePlan,
  apps: readonly ComposeServicePlan[],
  progress: Progress,
  timings: Timings,
  signal?: AbortSignal,
): Promise<void> {
  for (const app of apps) {
    const running = new Set(progress.running.keys());
    const warnings = await timings.measure('bridge', () =>
      bridgeShared(deps, compose, app, running, signal),
    );
    for (const warning of warnings) {
      deps.log(`Warning: ${warning}\n`);
    }
    progress.warnings.push(...warnings);
  }
}

/** How much of a one-shot service's output is kept for the error that names it. */
const OUTPUT_KEPT = 16_384;

/** `service_completed_successfully`: run it in the foreground; a non-zero exit stops `up`. */
async function runToCompletion(
  deps: EngineDeps,
  service: ComposeServicePlan,
  run: PlanCommand,
  existing: ContainerInfo | undefined,
  signal?: AbortSignal,
): Promise<void> {
  deps.log(`${run.description}...\n`);
  // Run again (attached) when it exists from an earlier `up`: whatever it prepares may be gone.
  const args = existing === undefined ? run.argv.slice(1) : ['start', '--attach', existing.id];
  // Streamed with the hooks' silence bound rather than a fixed time-out: a
  // migration may take long, but one that prints nothing for that long hangs.
  let output = '';
  const keep = (chunk: string) => {
    deps.log(chunk);
    output = (output + chunk).slice(-OUTPUT_KEPT);
  };
  const exitCode = await deps.client.execStreaming(args, {
    ...(signal !== undefined ? { signal } : {}),
    stdin: 'ignore',
    onStdout: keep,
    onStderr: keep,
    idleTimeoutMs: deps.hookIdleMs ?? TIMEOUTS.hookIdle,
  });
  output = output.trim();
  if (exitCode !== 0) {
    const last = output.split('\n').slice(-20).join('\n');
    throw new ContainerCliError(
      'failed',
      `The service ${service.name} (run to completion for depends_on condition service_completed_successfully) exited with ${exitCode}.${last === '' ? '' : ` Its last output:\n${last}`}`,
    );
  }
}
