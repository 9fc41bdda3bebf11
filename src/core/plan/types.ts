import type { ComposeProject } from '../compose/load';
import type { ComposePlan } from '../compose/types';
import type { VscodeCustomizations } from './vscodeCustomizations';
import type { DevContainerConfig, MergedMetadata, MetadataEntry } from '../config/types';
import type { FeaturesBuild, FeatureToInstall } from '../features/buildContext';
import type { FeatureUsers } from '../features/featureOptions';
import type { FeatureWarning } from '../features/site';
import type { LifecyclePlan } from './lifecycle';
import type { PathKind } from './mounts';
import type { PlanWarning } from './problems';
import type { PlanSettings } from './settings';
import type { VersionRequirement } from './versions';
import type { PlannedVolumeFolder } from './volumeFolders';

/** A 1-based position in the config file. */
export interface Position {
  line: number;
  column: number;
}

/** Where the workspace goes in the container. */
export type WorkspaceMountSpec =
  | { kind: 'default'; source: string; target: string }
  | { kind: 'custom'; spec: string }
  | { kind: 'none' };

/** What is at a host path, as far as the planner cares. */
export type HostPathKind = 'file' | 'directory' | 'other' | 'missing';

/** What the planner was told about the host; gathered by the caller. */
export interface PlanFacts {
  /** The Dockerfile of a Dockerfile config: its size, or `undefined` when it is missing. */
  dockerfileSize?: number;
  /** What is at the Dockerfile's path, when it is not a file (a folder is not "missing"). */
  dockerfileKind?: HostPathKind;
  /** What is at `build.context`, when the config names one. */
  buildContextKind?: HostPathKind;
  /** What is at a host path (bind mount sources). */
  pathKind(hostPath: string): PathKind | undefined;
  /** Platforms the image is published for, when known. */
  imagePlatforms?: readonly string[];
  /** The Mac, when known: non-default networks need macOS 26; the project's memory is compared with it. */
  host?: { macosVersion?: string; memoryBytes?: number };
  /** Container DNS domains the user registered (`container system dns create`), sorted: Compose names containers under the first. */
  dnsDomains?: readonly string[];
  /** The image's own ENTRYPOINT and CMD once inspected (a Compose service runs them through the keep-alive). */
  imageProcess?: { entrypoint: readonly string[]; cmd: readonly string[] };
}

/** The config's Features, resolved by the engine (fetched, ordered, options applied). */
export interface PlanFeaturesInput {
  installOrder: readonly FeatureToInstall[];
  warnings: readonly FeatureWarning[];
  users: FeatureUsers;
  /** The base image's USER and id, once it has been inspected; absent when it is not on this machine yet. */
  base?: { user?: string; id?: string };
  /** The base image's `devcontainer.metadata` entries and the config's own, for the image's label. */
  imageMetadata: readonly MetadataEntry[];
  configEntry: MetadataEntry;
}

/** The Features step of a plan. */
export interface PlanFeatures {
  /** The image the Features are built into, which the container runs. */
  tag: string;
  /** The config's image, or the tag of the image built from its Dockerfile. */
  baseImage: string;
  /** False while the base image has not been inspected: the tag is computed again once it is. */
  baseImageKnown: boolean;
  installOrder: Array<{
    id: string;
    version: string;
    /** `registry/path@digest`, the tarball URL, or the local folder. */
    resolved: string;
    options: { [name: string]: string | boolean };
  }>;
  /** The `slipway plan` text lines. */
  lines: string[];
  /** The generated build: Dockerfile, context files and arguments. */
  build: FeaturesBuild;
}

export interface PlanInput {
  configFile: string;
  workspaceFolder: string;
  /** The config after variable substitution. */
  config: DevContainerConfig;
  locate(path: ReadonlyArray<string | number>): Position | undefined;
  containerWorkspaceFolder: string;
  /** The Git repository the workspace folder is in, if any (the default mount's source). */
  gitRoot?: string;
  workspaceMount: WorkspaceMountSpec;
  devcontainerId: string;
  /** Image metadata entries and the config's own entry, merged and substituted. */
  merged: MergedMetadata;
  /** The entries to record in the `devcontainer.metadata` label, unsubstituted. */
  metadataLabel: readonly MetadataEntry[];
  settings: PlanSettings;
  facts: PlanFacts;
  options?: { noCache?: boolean };
  /** Present when the config has Features. */
  features?: PlanFeaturesInput;
  /** The loaded Compose project of a `dockerComposeFile` config. */
  compose?: ComposeProject;
}

export interface PlanCommand {
  /**
   * `build` from the Dockerfile, `features` for the Features image, `run` for
   * a container; Compose projects add `network` and `volume` (created or
   * checked first), `health` (a healthcheck probe the engine repeats) and
   * `hosts` (the managed /etc/hosts block).
   */
  step: 'build' | 'features' | 'run' | 'network' | 'volume' | 'health' | 'hosts';
  description: string;
  argv: string[];
  /** The options that need a newer `container` than the oldest Slipway supports. */
  requires: VersionRequirement[];
  minimumVersion: string;
}

export interface Plan {
  configFile: string;
  workspaceFolder: string;
  remoteWorkspaceFolder: string;
  containerName: string;
  devcontainerId: string;
  image: string;
  /** The labels the container gets, with their values as written (before Apple's encoding). */
  labels: Record<string, string>;
  commands: PlanCommand[];
  /** Present when the config has Features. */
  features?: PlanFeatures;
  lifecycle: LifecyclePlan;
  forwardPorts: Array<number | string>;
  /** `customizations.vscode` of every layer, folded: what the container's editor gets. */
  vscode: VscodeCustomizations;
  shutdownAction?: 'none' | 'stopContainer' | 'stopCompose';
  remoteUser?: string;
  containerUser?: string;
  /** `remoteEnv`, merged; `${containerEnv:...}` still to be resolved against the running container. */
  remoteEnv: Record<string, string | null>;
  userEnvProbe?: 'none' | 'interactiveShell' | 'loginShell' | 'loginInteractiveShell';
  resources: {
    cpus: number;
    cpusFrom: string;
    memory: string;
    memoryBytes: number;
    memoryFrom: string;
  };
  platform: { platform: string; rosetta: boolean; from: string };
  minimumContainerVersion: string;
  warnings: PlanWarning[];
  /** Present for a Compose config: the whole project, `containerName` being its dev container. */
  compose?: ComposePlan;
  /** Workspace folders kept on named volumes, with where each was asked for; absent when none. */
  volumeFolders?: PlannedVolumeFolder[];
}
