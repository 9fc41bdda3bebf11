import * as path from 'node:path';
import { computeDevcontainerId, idLabelsFor } from '../config/devcontainerId';
import { resolveConfigFile } from '../config/discovery';
import { configMetadataEntry, mergeMetadata } from '../config/metadata';
import { parseConfigText } from '../config/parse';
import { substituteVariables, type SubstitutionContext } from '../config/substitute';
import type { DevContainerConfig, MetadataEntry } from '../config/types';
import { computeWorkspace, findGitRoot } from '../config/workspace';
import { loadComposeProject } from '../compose/load';
import { ConfigError } from '../errors';
import { featureMetadataEntry } from '../features/featureMetadata';
import { findFeatureUsers } from '../features/featureOptions';
import type { FeatureSupport, LockfileMode, ResolvedFeatures } from '../features/resolved';
import type { HostEnvironment, HostFileSystem } from '../host';
import type { PathKind } from '../plan/mounts';
import { plan } from '../plan/planner';
import type { PlanSettings } from '../plan/settings';
import type { Plan, PlanFacts, PlanFeaturesInput } from '../plan/types';

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
  const raw = parsed.config;
  const gitRoot = await findGitRoot(fs, workspaceFolder);

  // The workspace folder's own variables are resolved first, as the
  // reference does, because ${containerWorkspaceFolder} depends on it.
  const baseContext: SubstitutionContext = {
    env: request.env,
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

  const hasFeatures = Object.keys(config.features ?? {}).length > 0;
  const resolved =
    hasFeatures && services.features !== undefined
      ? await services.features.resolve({
          config,
          configFile,
          workspaceFolder,
          locate: parsed.locate,
          lockfile: services.lockfile ?? request.lockfile ?? 'auto',
          signal: services.signal,
        })
      : undefined;
  // The layers in the reference's order: the image's entries, one per
  // Feature in install order, the config's own last.
  const featureEntries = (resolved?.installOrder ?? []).map((item) =>
    featureMetadataEntry(item.node.userId, item.node.fetched.metadata),
  );
  let image: ImageFacts = {
    metadata: request.imageMetadata ?? [],
    platforms: request.imagePlatforms,
  };
  let base: FeatureBase | undefined;
  const layersWith = () => {
    const rawImageEntries = image.metadata;
    const imageEntries = rawImageEntries.map((entry) => substituteVariables(entry, context));
    const configEntry = configMetadataEntry(config);
    const entries = [...imageEntries, ...featureEntries, configEntry];
    return {
      merged: mergeMetadata(entries),
      metadataLabel: [...rawImageEntries, ...featureEntries, configMetadataEntry(raw)],
      features:
        resolved === undefined
          ? undefined
          : featuresInput(resolved, base, entries, rawImageEntries, configMetadataEntry(raw)),
    };
  };

  const compose =
    config.dockerComposeFile === undefined
      ? undefined
      : await loadComposeProject(fs, {
          configFile,
          workspaceFolder,
          dockerComposeFile: config.dockerComposeFile,
          locate: parsed.locate,
          env: request.env,
        });

  const dockerfile = config.build?.dockerfile;
  const dockerfileInfo =
    dockerfile === undefined
      ? undefined
      : await fs.stat(path.posix.resolve(path.posix.dirname(configFile), dockerfile));

  // Plan once to learn which host paths matter (bind mount sources), look
  // them up, and plan again with the answers. Planning costs microseconds.
  let known = new Map<string, PathKind>();
  let layers = layersWith();
  const planWith = (asked: Set<string>) => {
    const facts: PlanFacts = {
      dockerfileSize: dockerfileInfo?.kind === 'file' ? dockerfileInfo.size : undefined,
      pathKind: (hostPath) => {
        asked.add(hostPath);
        return known.get(hostPath);
      },
      imagePlatforms: image.platforms,
      ...(image.process !== undefined ? { imageProcess: image.process } : {}),
      ...(request.host !== undefined ? { host: request.host } : {}),
    };
    return plan({
      configFile,
      workspaceFolder,
      config,
      locate: parsed.locate,
      containerWorkspaceFolder: workspace.containerWorkspaceFolder,
      ...(gitRoot !== undefined ? { gitRoot } : {}),
      workspaceMount: workspace.workspaceMount,
      devcontainerId: context.devcontainerId ?? '',
      merged: layers.merged,
      metadataLabel: layers.metadataLabel,
      settings: request.settings,
      facts,
      options: { noCache: request.noCache },
      ...(layers.features !== undefined ? { features: layers.features } : {}),
      ...(compose !== undefined ? { compose } : {}),
    });
  };
  const finish = (result: Plan): Plan =>
    hasFeatures && resolved === undefined ? withUnresolvedWarnings(result, config) : result;
  const asked = new Set<string>();
  let first = planWith(asked);
  if (asked.size > 0) {
    known = await statPaths(fs, asked);
    first = planWith(new Set());
  }
  return {
    plan: finish(first),
    unresolvedFeatures:
      hasFeatures && resolved === undefined ? Object.keys(config.features ?? {}) : [],
    withBase: (inspected) => {
      base = inspected;
      layers = layersWith();
      return finish(planWith(new Set()));
    },
    withImage: async (facts) => {
      image = facts;
      layers = layersWith();
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
