import type { VscodeCustomizations } from './vscodeCustomizations';
import type { DevContainerConfig, MergedMetadata, MetadataEntry } from '../config/types';
import type { LifecyclePlan } from './lifecycle';
import type { PathKind } from './mounts';
import type { PlanWarning } from './problems';
import type { PlanSettings } from './settings';
import type { VersionRequirement } from './versions';

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

/** What the planner was told about the host; gathered by the caller. */
export interface PlanFacts {
  /** The Dockerfile of a Dockerfile config: its size, or `undefined` when it is missing. */
  dockerfileSize?: number;
  /** What is at a host path (bind mount sources). */
  pathKind(hostPath: string): PathKind | undefined;
  /** Platforms the image is published for, when known. */
  imagePlatforms?: readonly string[];
}

export interface PlanInput {
  configFile: string;
  workspaceFolder: string;
  /** The config after variable substitution. */
  config: DevContainerConfig;
  locate(path: ReadonlyArray<string | number>): Position | undefined;
  containerWorkspaceFolder: string;
  workspaceMount: WorkspaceMountSpec;
  devcontainerId: string;
  /** Image metadata entries and the config's own entry, merged and substituted. */
  merged: MergedMetadata;
  /** The entries to record in the `devcontainer.metadata` label, unsubstituted. */
  metadataLabel: readonly MetadataEntry[];
  settings: PlanSettings;
  facts: PlanFacts;
  options?: { noCache?: boolean };
}

export interface PlanCommand {
  step: 'build' | 'run';
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
}
