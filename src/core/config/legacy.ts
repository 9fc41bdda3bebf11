import type { BuildSection, DevContainerConfig } from './types';

/**
 * Older spellings the spec still accepts. The reference implementation moves
 * them before doing anything else (`updateFromOldProperties` in
 * spec-configuration/configuration.ts, and its `dockerFile`/`context`
 * handling in getDockerfilePath/getDockerContextPath), so the rest of Slipway
 * only ever sees the new places.
 */
export interface LegacyProperties {
  extensions?: string[];
  settings?: { [name: string]: unknown };
  devPort?: number;
  dockerFile?: string;
  context?: string;
}

/** devcontainer.json as written: the model plus the legacy properties. */
export type RawDevContainerConfig = DevContainerConfig & LegacyProperties;

interface VsCodeCustomizations {
  extensions?: unknown;
  settings?: unknown;
  devPort?: unknown;
  [other: string]: unknown;
}

function asObject(value: unknown): { [key: string]: unknown } | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as { [key: string]: unknown })
    : undefined;
}

/**
 * Returns a new config with the legacy properties moved; the input is not
 * changed. What moves, as in the reference:
 *
 * - `extensions` are appended after `customizations.vscode.extensions`;
 * - `settings` are the base that `customizations.vscode.settings` overrides;
 * - `devPort` only fills `customizations.vscode.devPort` when that is unset;
 * - `dockerFile` becomes `build.dockerfile`, and then the build context is
 *   the top-level `context` only (the reference ignores `build.context` in
 *   that case), while the other `build` members (args, target, ...) stay;
 * - a top-level `context` without `dockerFile` is ignored by the reference,
 *   so it is dropped.
 *
 * The legacy keys are always removed from the result. (The reference leaves
 * a top-level `devPort` in place when it did not move it; nothing reads it.)
 */
export function moveLegacyProperties(config: RawDevContainerConfig): DevContainerConfig {
  const { extensions, settings, devPort, dockerFile, context, ...rest } = config;
  const result: DevContainerConfig = rest;

  // The reference tests these for truthiness (devPort for presence).
  if (extensions || settings || devPort !== undefined) {
    const customizations = { ...(asObject(result.customizations) ?? {}) };
    const vscode: VsCodeCustomizations = { ...(asObject(customizations['vscode']) ?? {}) };
    if (extensions) {
      const existing = Array.isArray(vscode.extensions) ? (vscode.extensions as unknown[]) : [];
      vscode.extensions = [...existing, ...extensions];
    }
    if (settings) {
      vscode.settings = { ...settings, ...(asObject(vscode.settings) ?? {}) };
    }
    if (devPort !== undefined && vscode.devPort === undefined) {
      vscode.devPort = devPort;
    }
    customizations['vscode'] = vscode;
    result.customizations = customizations;
  }

  if (dockerFile !== undefined) {
    const {
      dockerfile: _ignoredDockerfile,
      context: _ignoredContext,
      ...buildRest
    } = result.build ?? {};
    const build: BuildSection = { dockerfile: dockerFile };
    if (context !== undefined) {
      build.context = context;
    }
    result.build = { ...build, ...buildRest };
  }
  return result;
}
