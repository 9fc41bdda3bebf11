import * as path from 'node:path';
import { computeDevcontainerId, idLabelsFor } from '../config/devcontainerId';
import { resolveConfigFile } from '../config/discovery';
import { configMetadataEntry, mergeMetadata } from '../config/metadata';
import { parseConfigText } from '../config/parse';
import { substituteVariables, type SubstitutionContext } from '../config/substitute';
import type { DevContainerConfig, MetadataEntry } from '../config/types';
import { computeWorkspace, findGitRoot } from '../config/workspace';
import { ConfigError } from '../errors';
import type { HostEnvironment, HostFileSystem } from '../host';
import type { PathKind } from '../plan/mounts';
import { plan } from '../plan/planner';
import type { PlanSettings } from '../plan/settings';
import type { Plan, PlanFacts } from '../plan/types';

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

export async function planWorkspace(fs: HostFileSystem, request: PlanRequest): Promise<Plan> {
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

  const rawImageEntries = request.imageMetadata ?? [];
  const imageEntries = rawImageEntries.map((entry) => substituteVariables(entry, context));
  const merged = mergeMetadata([...imageEntries, configMetadataEntry(config)]);
  const metadataLabel = [...rawImageEntries, configMetadataEntry(raw)];

  const dockerfile = config.build?.dockerfile;
  const dockerfileInfo =
    dockerfile === undefined
      ? undefined
      : await fs.stat(path.posix.resolve(path.posix.dirname(configFile), dockerfile));

  // Plan once to learn which host paths matter (bind mount sources), look
  // them up, and plan again with the answers. Planning costs microseconds.
  let known = new Map<string, PathKind>();
  const planWith = (asked: Set<string>) => {
    const facts: PlanFacts = {
      dockerfileSize: dockerfileInfo?.kind === 'file' ? dockerfileInfo.size : undefined,
      pathKind: (hostPath) => {
        asked.add(hostPath);
        return known.get(hostPath);
      },
      imagePlatforms: request.imagePlatforms,
    };
    return plan({
      configFile,
      workspaceFolder,
      config,
      locate: parsed.locate,
      containerWorkspaceFolder: workspace.containerWorkspaceFolder,
      workspaceMount: workspace.workspaceMount,
      devcontainerId: context.devcontainerId ?? '',
      merged,
      metadataLabel,
      settings: request.settings,
      facts,
      options: { noCache: request.noCache },
    });
  };
  const asked = new Set<string>();
  const first = planWith(asked);
  if (asked.size === 0) {
    return first;
  }
  known = await statPaths(fs, asked);
  return planWith(new Set());
}
