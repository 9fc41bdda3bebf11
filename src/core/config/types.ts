/**
 * The devcontainer.json model, as far as Slipway reads it. Property names and
 * shapes follow the dev container spec; values are what the file says, before
 * or after variable substitution depending on the stage that holds them.
 */

/** A lifecycle command: a shell string, an argv array, or named parallel commands. */
export type LifecycleCommand = string | string[] | { [name: string]: string | string[] };

export const LIFECYCLE_HOOKS = [
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
] as const;
export type LifecycleHook = (typeof LIFECYCLE_HOOKS)[number];

/** The object form of an entry in `mounts`. */
export interface MountObject {
  type: string;
  source?: string;
  target: string;
  external?: boolean;
}

/** A `mounts` entry: Docker `--mount` syntax, or the object form. */
export type MountSpec = string | MountObject;

export interface GpuRequirements {
  cores?: number;
  memory?: string;
}

export interface HostRequirements {
  cpus?: number;
  memory?: string;
  storage?: string;
  gpu?: boolean | 'optional' | GpuRequirements;
}

export interface BuildSection {
  dockerfile?: string;
  context?: string;
  args?: { [name: string]: string };
  target?: string;
  cacheFrom?: string | string[];
  options?: string[];
}

export interface PortAttributes {
  label?: string;
  protocol?: string;
  onAutoForward?: string;
  requireLocalPort?: boolean;
  elevateIfNeeded?: boolean;
}

/** A parsed devcontainer.json (legacy properties already moved). */
export interface DevContainerConfig {
  name?: string;
  image?: string;
  build?: BuildSection;
  dockerComposeFile?: string | string[];
  service?: string;
  runServices?: string[];
  workspaceFolder?: string;
  workspaceMount?: string;
  forwardPorts?: (number | string)[];
  portsAttributes?: { [port: string]: PortAttributes };
  otherPortsAttributes?: PortAttributes;
  appPort?: number | string | (number | string)[];
  containerEnv?: { [name: string]: string };
  remoteEnv?: { [name: string]: string | null };
  containerUser?: string;
  remoteUser?: string;
  updateRemoteUserUID?: boolean;
  userEnvProbe?: 'none' | 'interactiveShell' | 'loginShell' | 'loginInteractiveShell';
  overrideCommand?: boolean;
  shutdownAction?: 'none' | 'stopContainer' | 'stopCompose';
  init?: boolean;
  privileged?: boolean;
  capAdd?: string[];
  securityOpt?: string[];
  mounts?: MountSpec[];
  runArgs?: string[];
  features?: { [id: string]: unknown };
  overrideFeatureInstallOrder?: string[];
  hostRequirements?: HostRequirements;
  customizations?: { [tool: string]: unknown };
  secrets?: { [name: string]: unknown };
  waitFor?: LifecycleHook;
  initializeCommand?: LifecycleCommand;
  onCreateCommand?: LifecycleCommand;
  updateContentCommand?: LifecycleCommand;
  postCreateCommand?: LifecycleCommand;
  postStartCommand?: LifecycleCommand;
  postAttachCommand?: LifecycleCommand;
}

/** One entry of the `devcontainer.metadata` image label (or the config's own entry). */
export interface MetadataEntry {
  id?: string;
  init?: boolean;
  privileged?: boolean;
  capAdd?: string[];
  securityOpt?: string[];
  entrypoint?: string;
  mounts?: MountSpec[];
  customizations?: { [tool: string]: unknown };
  onCreateCommand?: LifecycleCommand;
  updateContentCommand?: LifecycleCommand;
  postCreateCommand?: LifecycleCommand;
  postStartCommand?: LifecycleCommand;
  postAttachCommand?: LifecycleCommand;
  waitFor?: LifecycleHook;
  containerEnv?: { [name: string]: string };
  containerUser?: string;
  remoteUser?: string;
  userEnvProbe?: DevContainerConfig['userEnvProbe'];
  remoteEnv?: { [name: string]: string | null };
  overrideCommand?: boolean;
  portsAttributes?: { [port: string]: PortAttributes };
  otherPortsAttributes?: PortAttributes;
  forwardPorts?: (number | string)[];
  shutdownAction?: DevContainerConfig['shutdownAction'];
  updateRemoteUserUID?: boolean;
  hostRequirements?: HostRequirements;
}

/** A lifecycle command together with the metadata layer it came from. */
export interface OriginCommand {
  /** `devcontainer.json`, or the id of the image metadata entry / Feature. */
  origin: string;
  command: LifecycleCommand;
}

/** The result of merging metadata entries with the reference implementation's rules. */
export interface MergedMetadata {
  init: boolean;
  privileged: boolean;
  capAdd: string[];
  securityOpt: string[];
  entrypoints: string[];
  mounts: MountSpec[];
  /** Per tool, one object per layer that had one, in layer order. */
  customizations: { [tool: string]: unknown[] };
  onCreateCommands: OriginCommand[];
  updateContentCommands: OriginCommand[];
  postCreateCommands: OriginCommand[];
  postStartCommands: OriginCommand[];
  postAttachCommands: OriginCommand[];
  waitFor?: LifecycleHook;
  remoteUser?: string;
  containerUser?: string;
  userEnvProbe?: DevContainerConfig['userEnvProbe'];
  remoteEnv: { [name: string]: string | null };
  containerEnv: { [name: string]: string };
  overrideCommand?: boolean;
  portsAttributes: { [port: string]: PortAttributes };
  otherPortsAttributes?: PortAttributes;
  forwardPorts: (number | string)[];
  shutdownAction?: DevContainerConfig['shutdownAction'];
  updateRemoteUserUID?: boolean;
  hostRequirements?: HostRequirements;
}
