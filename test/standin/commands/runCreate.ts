/**
 * `container run` and `container create`, step by step in Apple's order
 * (ContainerRun/ContainerCreate + Utility.containerConfigFromFlags):
 * service check, name check, (run only) existing-ID check, platform flags,
 * image fetch, the remaining flag checks, server-side checks (memory, duplicate
 * ID, hostname), then the podman container.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, Context, Invocation } from '../context';
import { createPodmanContainer, startAttached, startDetached } from '../containers/lifecycle';
import { destroy } from '../containers/runtime';
import { AppleError, ExitCode } from '../errors';
import { normalizeReference } from '../images/reference';
import { ensureImage, inspectImage } from '../images/store';
import { configureContainer } from '../model/configure';
import type { AppleConfiguration, ContainerRecord } from '../model/types';
import { podman } from '../podman/podman';
import { podmanCreateArgs } from '../podman/createArgs';
import { ensurePodmanNetworks, podmanNetworkName } from '../podman/resources';
import { readNetworks } from '../state/networks';
import { ANONYMOUS_LABEL } from '../state/volumes';
import { createVolume } from './volume';
import { networkLookup } from './network';
import { withLock } from '../state/lock';
import { readAllRecords, readRecord, removeRecord, writeRecord } from '../state/store';
import { raiseProblem, requireService } from './common';

const NAME_PROBLEM = /is not a valid container ID$|^invalid entity name /;
const MEMORY_PROBLEM = /^minimum memory amount allowed is /;
/** Checked by DefaultPlatform and RequestScheme before the image is fetched. */
const BEFORE_FETCH =
  /unsupported architecture|unsupported OS|unknown OS in|missing architecture|invalid variant|unsupported scheme/;

/** ContainersService.create's checks, under the state lock, then the record. */
function registerContainer(ctx: Context, record: ContainerRecord): void {
  const { id } = record.configuration;
  withLock(ctx.paths.lock, () => {
    if (readRecord(ctx.paths, id)) {
      throw new AppleError('exists', `container already exists: ${id}`);
    }
    const taken = new Set(
      readAllRecords(ctx.paths).flatMap((r) =>
        r.configuration.networks.map((n) => n.options.hostname),
      ),
    );
    const conflicts = record.configuration.networks
      .map((n) => n.options.hostname)
      .filter((hostname) => taken.has(hostname));
    if (conflicts.length > 0) {
      const list = conflicts.map((h) => `"${h}"`).join(', ');
      throw new AppleError('exists', `hostname(s) already exist: [${list}]`);
    }
    writeRecord(ctx.paths, record);
  });
}

/**
 * Utility.getOrCreateVolume: every volume the mounts name exists afterwards;
 * Apple warns about each named one it had to create.
 */
async function ensureVolumes(ctx: Context, config: AppleConfiguration): Promise<void> {
  for (const mount of config.mounts) {
    if (!('volume' in mount.type)) {
      continue;
    }
    const name = mount.type.volume.name;
    const anonymous = name.startsWith('anon-');
    const created = await createVolume(ctx, {
      name,
      labels: anonymous ? { [ANONYMOUS_LABEL]: '' } : {},
      options: {},
    });
    if (created && !anonymous) {
      ctx.printError(`named volume was automatically created: ["volume": ${name}]`);
    }
  }
}

/** podman's networks for the container: the Apple networks' bridges in the netns, or none. */
async function podmanNetworkArgs(ctx: Context, config: AppleConfiguration): Promise<string[]> {
  if (ctx.host.netns === undefined || config.networks.length === 0) {
    return ['--network', 'none'];
  }
  const networks = withLock(ctx.paths.lock, () => readNetworks(ctx.paths));
  await ensurePodmanNetworks(
    ctx.paths.tag,
    config.networks.flatMap((a) => networks.filter((n) => n.name === a.network)),
  );
  return config.networks.flatMap((attachment) => {
    const mac = attachment.options.macAddress;
    const name = podmanNetworkName(ctx.paths.tag, attachment.network);
    return ['--network', mac === undefined ? name : `${name}:mac=${mac}`];
  });
}

async function createContainer(
  ctx: Context,
  invocation: Invocation,
  kind: 'run' | 'create',
): Promise<ContainerRecord> {
  const { options } = invocation;
  requireService(ctx);
  const id = options.last('--name') ?? randomUUID().toLowerCase();
  raiseProblem(invocation, (m) => NAME_PROBLEM.test(m));
  if (kind === 'run' && readRecord(ctx.paths, id)) {
    throw new AppleError('exists', `container with id ${id} already exists`);
  }
  raiseProblem(invocation, (m) => BEFORE_FETCH.test(m));
  const [imageText = '', ...args] = invocation.positionals;
  const reference = normalizeReference(imageText);
  await ensureImage(reference);
  const image = await inspectImage(reference);
  if (!image) {
    throw new AppleError('notFound', `image not found: ${reference}`);
  }
  raiseProblem(invocation, (m) => !MEMORY_PROBLEM.test(m));
  const configuration = configureContainer({
    id,
    options,
    arguments: args,
    image,
    cwd: ctx.cwd,
    env: ctx.env,
    naming: { volumesDir: ctx.paths.volumes },
    honoursPlatformEnv: ctx.version.atLeast('0.11.0'),
    networks: networkLookup(ctx),
  });
  raiseProblem(invocation, (m) => MEMORY_PROBLEM.test(m));
  await ensureVolumes(ctx, configuration);
  const networkArgs = await podmanNetworkArgs(ctx, configuration);
  const podmanName = `sw-${ctx.paths.tag}-${id}`;
  const record: ContainerRecord = {
    schema: 1,
    configuration,
    podmanName,
    podman: {
      createArgs: podmanCreateArgs(
        configuration,
        podmanName,
        ctx.paths.tag,
        options.has('--interactive'),
        ctx.env.SSH_AUTH_SOCK,
        networkArgs,
      ),
      image: reference,
    },
    autoRemove: options.has('--rm'),
    state: 'stopped',
  };
  registerContainer(ctx, record);
  try {
    await createPodmanContainer(record);
  } catch (error) {
    await podman(['rm', '--force', podmanName]);
    withLock(ctx.paths.lock, () => removeRecord(ctx.paths, id));
    throw error;
  }
  return record;
}

function writeCidfile(ctx: Context, invocation: Invocation, id: string): void {
  const path = invocation.options.last('--cidfile');
  if (path === undefined || path === '') {
    return;
  }
  try {
    writeFileSync(resolve(ctx.cwd, path), id, { mode: 0o644 });
  } catch (error) {
    throw new AppleError(
      'internalError',
      `failed to create cidfile at ${path}: ${(error as NodeJS.ErrnoException).errno ?? 0}`,
    );
  }
}

export const create: Command = async (ctx, invocation) => {
  const record = await createContainer(ctx, invocation, 'create');
  writeCidfile(ctx, invocation, record.configuration.id);
  ctx.print(record.configuration.id);
  return 0;
};

export const run: Command = async (ctx, invocation) => {
  const record = await createContainer(ctx, invocation, 'run');
  const id = record.configuration.id;
  const detach = invocation.options.has('--detach');
  let code: number;
  try {
    if (detach) {
      await startDetached(ctx, record);
      writeCidfile(ctx, invocation, id);
      ctx.print(id);
      return 0;
    }
    writeCidfile(ctx, invocation, id);
    code = await startAttached(ctx, record, invocation.options.has('--interactive'));
  } catch (error) {
    // Apple deletes a container that failed to run.
    const current = readRecord(ctx.paths, id);
    if (current) {
      await destroy(ctx, current);
    }
    throw error;
  }
  throw new ExitCode(code);
};
