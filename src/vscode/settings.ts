import * as vscode from 'vscode';
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
  };
}
