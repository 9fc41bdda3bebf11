import type { VolumeFolderRequest } from './volumeFolders';

/**
 * The Slipway settings that shape a plan. The editor reads them per workspace
 * (`resource` scope); the command line takes the same values as options.
 */
export type PlatformSetting = 'auto' | 'linux/arm64' | 'linux/amd64';

export interface PlanSettings {
  /** `slipway.cpus`: this workspace's vCPUs; wins over everything in the config. */
  cpus?: number;
  /** `slipway.memory`: this workspace's memory, such as `8G`. */
  memory?: string;
  /** `slipway.platform`. */
  platform?: PlatformSetting;
  /** `slipway.rosetta`: Rosetta in arm64 containers too, for stray x86 binaries. */
  rosetta?: boolean;
  /** `slipway.defaultCpus` (default 4). */
  defaultCpus?: number;
  /** `slipway.defaultMemory` (default `4G`: Apple's own 1 GiB is too small for most dev containers). */
  defaultMemory?: string;
  /**
   * Where `cpus`, `memory`, `platform` and `rosetta` were given: the editor's
   * settings (the default) or the command line's options. Errors name the
   * one the user typed, so they know what to change.
   */
  givenAs?: 'settings' | 'options';
  /** `slipway.compose.serviceCpus`: CPUs of a Compose service that is not the dev container and says none (default 2). */
  composeServiceCpus?: number;
  /** `slipway.compose.serviceMemory`: its memory (default `1G`). */
  composeServiceMemory?: string;
  /** `slipway.volumeFolders` and `--volume-folder`: workspace folders kept on named volumes. */
  volumeFolders?: readonly VolumeFolderRequest[];
}

export const DEFAULT_CPUS = 4;
export const DEFAULT_MEMORY = '4G';

export const DEFAULT_SERVICE_CPUS = 2;
export const DEFAULT_SERVICE_MEMORY = '1G';
