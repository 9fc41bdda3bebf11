import type { DevContainerConfig } from '../config/types';
import type { FeatureContextFile, FeatureToInstall } from './buildContext';
import type { FeatureWarning, Locate } from './site';

/**
 * What the engine asks of the node layer about a config's Features, and
 * what it gets back: the Features fetched, ordered and with their options
 * resolved, ready for generateFeaturesBuild. The fetching (registries,
 * tarballs, local folders, the cache, the lockfile) is I/O and lives in
 * src/node; the engine only sees these shapes.
 */

/**
 * What happens to devcontainer-lock.json, as the reference does it:
 * `read` only honours its pins (`slipway plan`); `auto` also writes it when
 * it already exists (an empty file means "create it"); `write` creates it
 * when missing (the reference's --experimental-lockfile); `frozen` fails
 * when it is missing or would change (--experimental-frozen-lockfile).
 */
export type LockfileMode = 'read' | 'auto' | 'write' | 'frozen';

export interface FeatureResolveRequest {
  /** The config after variable substitution. */
  config: Pick<DevContainerConfig, 'features' | 'overrideFeatureInstallOrder'>;
  configFile: string;
  workspaceFolder: string;
  locate?: Locate;
  lockfile: LockfileMode;
  signal?: AbortSignal;
}

export interface ResolvedFeatures {
  installOrder: FeatureToInstall[];
  warnings: FeatureWarning[];
  /** What was done to devcontainer-lock.json. */
  lockfile: { file: string; action: 'unchanged' | 'created' | 'updated' | 'not written' };
}

export interface FeatureSupport {
  resolve(request: FeatureResolveRequest): Promise<ResolvedFeatures>;
  /** Writes a Features build context into a new temporary folder; `dispose` removes it. */
  writeContext(
    files: readonly FeatureContextFile[],
  ): Promise<{ dir: string; dispose(): Promise<void> }>;
}
