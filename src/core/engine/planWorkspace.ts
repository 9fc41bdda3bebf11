import * as path from 'node:path';
import { computeDevcontainerId, idLabelsFor } from '../config/devcontainerId';
import { resolveConfigFile } from '../config/discovery';
import { configMetadataEntry, mergeMetadata } from '../config/metadata';
import { parseConfigText, type ParsedConfig } from '../config/parse';
import { substituteVariables, type SubstitutionContext } from '../config/substitute';
import type { DevContainerConfig, MetadataEntry } from '../config/types';
import { computeWorkspace, findGitRoot } from '../config/workspace';
import { readDnsDomains } from '../compose/dnsNames';
import { loadComposeProject } from '../compose/load';
import { ConfigError, formatConfigError, isConfigError } from '../errors';
import { featureMetadataEntry } from '../features/featureMetadata';
import { findFeatureUsers } from '../features/featureOptions';
import type { FeatureSupport, LockfileMode, ResolvedFeatures } from '../features/resolved';
import type { FileInfo, HostEnvironment, HostFileSystem } from '../host';
import type { PathKind } from '../plan/mounts';
import { plan } from '../plan/planner';
import type { PlanSettings } from '../plan/settings';
import type { HostPathKind, Plan, PlanFacts, PlanFeaturesInput } from '../plan/types';

/**
 * From a workspace folder to a plan: find and read the config, resolve its
 * variables and workspace mount, gather the few facts the planner needs from
 * the host (through `fs`), and plan. This is the one path `slipway plan`, the
 * editor and the engine's later stages share.
 */

export interface PlanRequest {
  /** Absolute path of the folder the user opened. */
  workspaceFolder: string;
  /** `--config`: a config other than the default one (absolute, or relative to the workspace folder). */
  configFile?: string;
  settings: PlanSettings;
  env: HostEnvironment;
  /** The `devcontainer.metadata` entries of the image, once something has inspected it. */
  imageMetadata?: readonly MetadataEntry[];
  /** Platforms the image is published for, once known. */
  imagePlatforms?: readonly string[];
  noCache?: boolean;
  /** devcontainer-lock.json: `auto` (the default for `up`) writes it only when it exists. */
  lockfile?: Exclude<LockfileMode, 'read'>;
  /** The Mac, when known: a Compose plan checks networks (macOS 26) and total memory against it. */
  host?: { macosVersion?: string; memoryBytes?: number };
}

/** How the Features are resolved while planning. */
export interface WorkspaceServices {
  /** Without it, each Feature only gets a warning (callers that never build: exec, settings). */
  features?: FeatureSupport;
  /** `read` for a plan that builds nothing; default: the request's mode, else `auto`. */
  lockfile?: LockfileMode;
  signal?: AbortSignal;
}

/**
 * What is known of the image the Features are built on, once it has been
 * inspected: its USER (restored after the install, and the Features' user
 * when the config names none) and its id (a rebuilt base changes the tag).
 * Its `devcontainer.metadata` is given apart, as `ImageFacts`, since configs
 * without Features need it too.
 */
export interface FeatureBase {
  user?: string;
  id?: string;
}

/** What the image says about itself, once inspected: replaces `request.imageMetadata`/`imagePlatforms`. */
export interface ImageFacts {
  /** Its `devcontainer.metadata` entries, raw (substituted when planning). */
  metadata: readonly MetadataEntry[];
  platforms?: readonly string[];
  /** Its ENTRYPOINT and CMD: a Compose dev container's service runs them after the keep-alive. */
  process?: { entrypoint: readonly string[]; cmd: readonly string[] };
}

export interface PreparedWorkspace {
  plan: Plan;
  /** The config's Features when nothing resolved them (no FeatureSupport): `up` refuses these. */
  unresolvedFeatures: string[];
  /** Plans again with the Features' base image known (inspected, built or pulled). Microseconds. */
  withBase(base: FeatureBase): Plan;
  /** Plans again with the image's metadata and platforms known; a later `withBase` keeps them. */
  withImage(image: ImageFacts): Promise<Plan>;
}

/** What the planner asked about host paths, answered through the file system. */
async function statPaths(
  fs: HostFileSystem,
  paths: Iterable<string>,
): Promise<Map<string, PathKind>> {
  const kinds = new Map<string, PathKind>();
  for (const hostPath of paths) {
    const info = await fs.stat(hostPath);
    kinds.set(
      hostPath,
      info === undefined ? 'missing' : info.kind === 'file' ? 'file' : 'directory',
    );
  }
  return kinds;
}

function hostPathKind(info: FileInfo | undefined): HostPathKind {
  return info === undefined ? 'missing' : info.kind;
}

/** `fs.stat`, with a problem (a symlink loop, a NUL byte) pinned to the config property that named the path. */
async function statAt(
  fs: HostFileSystem,
  hostPath: string,
  parsed: ParsedConfig,
  jsonPath: ReadonlyArray<string | number>,
): Promise<FileInfo | undefined> {
  try {
    return await fs.stat(hostPath);
  } catch (error) {
    if (!isConfigError(error) || error.line !== undefined) {
      throw error;
    }
    const position = parsed.locate(jsonPath);
    // The path goes into the message: the error's own position is now the config's.
    throw new ConfigError(formatConfigError(error), parsed.file, position?.line, position?.column);
  }
}

export async function planWorkspace(
  fs: HostFileSystem,
  request: PlanRequest,
  services: WorkspaceServices = {},
): Promise<Plan> {
  return (await prepareWorkspace(fs, request, services)).plan;
}

export async function prepareWorkspace(
  fs: HostFileSystem,
  request: PlanRequest,
  services: WorkspaceServices = {},
): Promise<PreparedWorkspace> {
  const source = await readWorkspaceConfig(fs, request);
  const { config, context, workspace } = substituteConfig(source, request.env);
  const hasFeatures = Object.keys(config.features ?? {}).length > 0;
  const resolved =
    hasFeatures && services.features !== undefined
      ? await services.features.resolve({
          config,
          configFile: source.configFile,
          workspaceFolder: source.workspaceFolder,
          locate: source.parsed.locate,
          lockfile: services.lockfile ?? request.lockfile ?? 'auto',
          signal: services.signal,
        })
      : undefined;
  const inputs: PlanInputs = {
    ...source,
    config,
    context,
    workspace,
    resolved,
    compose: await loadCompose(fs, source, config, request.env),
    dnsDomains: config.dockerComposeFile === undefined ? [] : await readDnsDomains(fs),
    build: await buildFacts(fs, source, config),
  };
  return replanner(fs, request, inputs, hasFeatures && resolved === undefined);
}

/** The config as found on disk: its folder, its file, its parsed text, and the git root. */
interface WorkspaceSource {
  workspaceFolder: string;
  configFile: string;
  parsed: ParsedConfig;
  gitRoot: string | undefined;
}

async function readWorkspaceConfig(
  fs: HostFileSystem,
  request: PlanRequest,
): Promise<WorkspaceSource> {
  const workspaceFolder = path.posix.resolve(request.workspaceFolder);
  const folderInfo = await fs.stat(workspaceFolder);
  if (folderInfo?.kind !== 'directory') {
    throw new ConfigError(
      `The workspace folder ${workspaceFolder} does not exist or is not a folder.`,
    );
  }
  const configFile = await resolveConfigFile(fs, workspaceFolder, request.configFile);
  const text = await fs.readTextFile(configFile);
  if (text === undefined) {
    throw new ConfigError(`The config file ${configFile} does not exist.`, configFile);
  }
  const parsed = parseConfigText(text, configFile);
  const gitRoot = await findGitRoot(fs, workspaceFolder);
  return { workspaceFolder, configFile, parsed, gitRoot };
}

/** The config with its variables resolved, and where the workspace is mounted. */
function substituteConfig(source: WorkspaceSource, env: HostEnvironment) {
  const { workspaceFolder, configFile, gitRoot } = source;
  const raw = source.parsed.config;
  // The workspace folder's own variables are resolved first, as the
  // reference does, because ${containerWorkspaceFolder} depends on it.
  const baseContext: SubstitutionContext = {
    env,
    localWorkspaceFolder: workspaceFolder,
    configFile,
  };
  const early = computeWorkspace(
    substituteVariables(
      {
        workspaceFolder: raw.workspaceFolder,
        workspaceMount: raw.workspaceMount,
        dockerComposeFile: raw.dockerComposeFile,
      } as DevContainerConfig,
      baseContext,
    ),
    workspaceFolder,
    gitRoot,
  );
  const idLabels = idLabelsFor(workspaceFolder, configFile);
  const context: SubstitutionContext = {
    ...baseContext,
    containerWorkspaceFolder: early.containerWorkspaceFolder,
    devcontainerId: computeDevcontainerId(idLabels),
  };
  const config = substituteVariables(raw, context);
  const workspace = computeWorkspace(config, workspaceFolder, gitRoot);
  return { config, context, workspace };
}

function loadCompose(
  fs: HostFileSystem,
  source: WorkspaceSource,
  config: DevContainerConfig,
  env: HostEnvironment,
) {
  return config.dockerComposeFile === undefined
    ? undefined
    : loadComposeProject(fs, {
        configFile: source.configFile,
        workspaceFolder: source.workspaceFolder,
        dockerComposeFile: config.dockerComposeFile,
        locate: source.parsed.locate,
        env,
      });
}

/**
 * The Dockerfile and the build context, as the planner resolves them
 * (relative to the config's folder); trouble looking is reported at the property.
 */
async function buildFacts(fs: HostFileSystem, source: WorkspaceSource, config: DevContainerConfig) {
  const { configFile, parsed } = source;
  const configFolder = path.posix.dirname(configFile);
  const dockerfile = config.build?.dockerfile;
  const dockerfileInfo =
    dockerfile === undefined
      ? undefined
      : await statAt(fs, path.posix.resolve(configFolder, dockerfile), parsed, [
          'build',
          'dockerfile',
        ]);
  const buildContext = config.build?.context;
  const buildContextKind =
    dockerfile === undefined || buildContext === undefined || buildContext === ''
      ? undefined
      : hostPathKind(
          await statAt(fs, path.posix.resolve(configFolder, buildContext), parsed, [
            'build',
            'context',
          ]),
        );
  return { dockerfileInfo, buildContextKind };
}

/** What does not change between the plans of one workspace. */
interface PlanInputs extends WorkspaceSource, ReturnType<typeof substituteConfig> {
  resolved: ResolvedFeatures | undefined;
  compose: Awaited<ReturnType<typeof loadCompose>>;
  dnsDomains: string[];
  build: Awaited<ReturnType<typeof buildFacts>>;
}

/** The metadata layers in the reference's order: the image's, one per Feature in install order, the config's last. */
function metadataLayers(inputs: PlanInputs, image: ImageFacts, base: FeatureBase | undefined) {
  const { config, context, resolved } = inputs;
  const raw = inputs.parsed.config;
  const featureEntries = (resolved?.installOrder ?? []).map((item) =>
    featureMetadataEntry(item.node.userId, item.node.fetched.metadata),
  );
  const rawImageEntries = image.metadata;
  const imageEntries = rawImageEntries.map((entry) => substituteVariables(entry, context));
  const entries = [...imageEntries, ...featureEntries, configMetadataEntry(config)];
  return {
    merged: mergeMetadata(entries),
    metadataLabel: [...rawImageEntries, ...featureEntries, configMetadataEntry(raw)],
    features:
      resolved === undefined
        ? undefined
        : featuresInput(resolved, base, entries, rawImageEntries, configMetadataEntry(raw)),
  };
}

/** One planner call with the host facts known so far; `asked` collects the host paths it needed. */
function planOnce(
  request: PlanRequest,
  inputs: PlanInputs,
  layers: ReturnType<typeof metadataLayers>,
  image: ImageFacts,
  known: ReadonlyMap<string, PathKind>,
  asked: Set<string>,
): Plan {
  const { dockerfileInfo, buildContextKind } = inputs.build;
  const facts: PlanFacts = {
    dockerfileSize: dockerfileInfo?.kind === 'file' ? dockerfileInfo.size : undefined,
    dockerfileKind: hostPathKind(dockerfileInfo),
    buildContextKind,
    pathKind: (hostPath) => {
      asked.add(hostPath);
      return known.get(hostPath);
    },
    imagePlatforms: image.platforms,
    ...(image.process !== undefined ? { imageProcess: image.process } : {}),
    ...(inputs.dnsDomains.length > 0 ? { dnsDomains: inputs.dnsDomains } : {}),
    ...(request.host !== undefined ? { host: request.host } : {}),
  };
  return plan({
    configFile: inputs.configFile,
    workspaceFolder: inputs.workspaceFolder,
    config: inputs.config,
    locate: inputs.parsed.locate,
    containerWorkspaceFolder: inputs.workspace.containerWorkspaceFolder,
    ...(inputs.gitRoot !== undefined ? { gitRoot: inputs.gitRoot } : {}),
    workspaceMount: inputs.workspace.workspaceMount,
    devcontainerId: inputs.context.devcontainerId ?? '',
    merged: layers.merged,
    metadataLabel: layers.metadataLabel,
    settings: request.settings,
    facts,
    options: { noCache: request.noCache },
    ...(layers.features !== undefined ? { features: layers.features } : {}),
    ...(inputs.compose !== undefined ? { compose: inputs.compose } : {}),
  });
}

/**
 * Plans once to learn which host paths matter (bind mount sources), looks
 * them up, and plans again with the answers; later facts (the base, the
 * image) plan again. Planning costs microseconds.
 */
async function replanner(
  fs: HostFileSystem,
  request: PlanRequest,
  inputs: PlanInputs,
  unresolved: boolean,
): Promise<PreparedWorkspace> {
  let image: ImageFacts = {
    metadata: request.imageMetadata ?? [],
    platforms: request.imagePlatforms,
  };
  let base: FeatureBase | undefined;
  let known = new Map<string, PathKind>();
  let layers = metadataLayers(inputs, image, base);
  const planWith = (asked: Set<string>) => planOnce(request, inputs, layers, image, known, asked);
  const finish = (result: Plan): Plan =>
    unresolved ? withUnresolvedWarnings(result, inputs.config) : result;
  const asked = new Set<string>();
  let first = planWith(asked);
  if (asked.size > 0) {
    known = await statPaths(fs, asked);
    first = planWith(new Set());
  }
  return {
    plan: finish(first),
    unresolvedFeatures: unresolved ? Object.keys(inputs.config.features ?? {}) : [],
    withBase: (inspected) => {
      base = inspected;
      layers = metadataLayers(inputs, image, base);
      return finish(planWith(new Set()));
    },
    withImage: async (facts) => {
      image = facts;
      layers = metadataLayers(inputs, image, base);
      // The image's mounts may name host paths the config did not.
      const again = new Set<string>();
      const result = planWith(again);
      const unknown = [...again].filter((hostPath) => !known.has(hostPath));
      if (unknown.length === 0) {
        return finish(result);
      }
      known = new Map([...known, ...(await statPaths(fs, unknown))]);
      return finish(planWith(new Set()));
    },
  };
}

function featuresInput(
  resolved: ResolvedFeatures,
  base: FeatureBase | undefined,
  entries: readonly MetadataEntry[],
  rawImageEntries: readonly MetadataEntry[],
  configEntry: MetadataEntry,
): PlanFeaturesInput {
  return {
    installOrder: resolved.installOrder,
    warnings: resolved.warnings,
    // The homes are left to the build, which reads the image's passwd.
    users: findFeatureUsers(entries, base?.user || 'root'),
    ...(base !== undefined ? { base: { user: base.user, id: base.id } } : {}),
    imageMetadata: rawImageEntries,
    configEntry,
  };
}

/** A plan made without Feature support (exec, the editor's settings) says what it left out. */
function withUnresolvedWarnings(result: Plan, config: DevContainerConfig): Plan {
  const warnings = Object.keys(config.features ?? {}).map((id) => ({
    property: 'features',
    message: `The Feature "${id}" is not part of this plan: it was made without resolving Features.`,
  }));
  return { ...result, warnings: [...result.warnings, ...warnings] };
}
