import * as vscode from 'vscode';
import type { PlanRequest } from '../core/engine/planWorkspace';
import type { PlanSettings, PlatformSetting } from '../core/plan/settings';

/**
 * Slipway's settings for one workspace folder. Read fresh every time: the
 * per-workspace ones are `resource`-scoped, so the folder matters.
 */
export function planSettingsFor(folder: vscode.Uri | undefined): PlanSettings {
  const config = vscode.workspace.getConfiguration('slipway', folder);
  // `get` returns null for a setting whose default is null; `?? undefined` keeps "not set" one value.
  return {
    cpus: config.get<number | null>('cpus') ?? undefined,
    memory: config.get<string | null>('memory') ?? undefined,
    platform: config.get<PlatformSetting>('platform') ?? 'auto',
    rosetta: config.get<boolean>('rosetta') ?? false,
    defaultCpus: config.get<number>('defaultCpus'),
    defaultMemory: config.get<string>('defaultMemory'),
    composeServiceCpus: explicit<number>(config, 'compose.serviceCpus'),
    composeServiceMemory: explicit<string>(config, 'compose.serviceMemory'),
    volumeFolders: volumeFoldersSetting(folder).map((f) => ({
      folder: f,
      from: 'slipway.volumeFolders',
    })),
  };
}

/**
 * The plan request the editor makes for a dev container's folder and config
 * (that folder's settings, the extension host's environment): for the engine
 * paths that find the folder themselves, from a container's or project's labels.
 */
export function planRequestFor(workspaceFolder: string, configFile: string): PlanRequest {
  return {
    workspaceFolder,
    configFile,
    settings: planSettingsFor(vscode.Uri.file(workspaceFolder)),
    env: process.env,
  };
}

/** `slipway.volumeFolders`: the workspace folders kept on named volumes (strings only). */
export function volumeFoldersSetting(folder: vscode.Uri | undefined): string[] {
  const value = vscode.workspace.getConfiguration('slipway', folder).get<unknown>('volumeFolders');
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
}

/** A value the user set somewhere, not the default: the plan says where resources came from. */
function explicit<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

/**
 * A setting that names a path on this machine: a binary Slipway runs, a file
 * it writes. A workspace may set it only once the user trusts that
 * workspace; until then only the user's own (or the machine's) value counts,
 * so an untrusted repository's `.vscode/settings.json` cannot point Slipway
 * at its own `container` or at a file to rewrite.
 */
export function hostPathSetting(section: string, key: string): string | undefined {
  const config = vscode.workspace.getConfiguration(section);
  const user = () => {
    const inspected = config.inspect<string>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  const value = vscode.workspace.isTrusted ? config.get<string>(key) : user();
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** `slipway.containerPath`: Apple's `container`, when not the one on PATH. */
export function containerPathSetting(): string | undefined {
  return hostPathSetting('slipway', 'containerPath');
}

/** `remote.SSH.configFile`: the SSH config Remote-SSH reads, which gets Slipway's Include. */
export function sshConfigFileSetting(): string | undefined {
  return hostPathSetting('remote.SSH', 'configFile');
}

/** Seconds between polls of the containers view while it is visible (at least 1). */
export function refreshIntervalMs(): number {
  const seconds = vscode.workspace.getConfiguration('slipway').get<number>('refreshInterval') ?? 5;
  return Math.max(1, seconds) * 1000;
}
