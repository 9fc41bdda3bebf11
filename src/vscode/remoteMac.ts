import { hostname } from 'node:os';
import * as vscode from 'vscode';
import {
  hostLabel,
  jumpHostFromAuthority,
  macAliasCandidates,
  type JumpHost,
  type MacFacts,
} from '../core/ssh/jumpHost';
import { hostPathSetting } from './settings';

/**
 * The other Mac this window is on, when Slipway runs there: a Remote-SSH
 * window with Slipway in its remote extension host. Slipway running on the
 * user's machine in such a window drives that machine's `container`, as before.
 */
export function onOtherMac(kind: vscode.ExtensionKind | undefined): boolean {
  return kind === vscode.ExtensionKind.Workspace && vscode.env.remoteName === 'ssh-remote';
}

/**
 * `env.remoteAuthority` is proposed API: an editor that lets Slipway read it
 * (argv.json's enable-proposed-api) tells the alias outright; elsewhere
 * reading it throws, and the alias is found in the user's config instead.
 */
function authorityHost(): JumpHost | undefined {
  try {
    return jumpHostFromAuthority((vscode.env as { remoteAuthority?: string }).remoteAuthority);
  } catch {
    return undefined;
  }
}

/** What this Mac knows of itself (the window's connection tells its address here). */
export function macFacts(env: NodeJS.ProcessEnv = process.env): MacFacts {
  const address = env.SSH_CONNECTION?.trim().split(/\s+/)[2];
  return address === undefined ? { hostname: hostname() } : { hostname: hostname(), address };
}

/** "on mac-studio" for the containers view, the status bar and the timeline; none on the user's machine. */
export function windowHostLabel(kind: vscode.ExtensionKind | undefined): string | undefined {
  if (!onOtherMac(kind)) {
    return undefined;
  }
  const short = macFacts().hostname.replace(/\.local$/i, '');
  return hostLabel(authorityHost() ?? { host: short });
}

const ALIASES_KEY = 'slipway.macAliases';

/**
 * The Mac's alias in the user's SSH config (`userConfig`, read on their
 * machine): the window's authority when the editor tells it, else the one
 * remembered for this Mac, else the one alias whose HostName is this Mac,
 * else the user's pick. Remembered per Mac.
 */
export async function macAlias(
  state: vscode.Memento,
  userConfig: string,
  facts: MacFacts = macFacts(),
): Promise<JumpHost> {
  const sshProgram = hostPathSetting('remote.SSH', 'path');
  const withProgram = (mac: JumpHost): JumpHost =>
    sshProgram === undefined ? mac : { ...mac, sshProgram };
  const told = authorityHost();
  if (told !== undefined) {
    return withProgram(told);
  }
  const remembered = state.get<Record<string, string>>(ALIASES_KEY) ?? {};
  const { matching, others } = macAliasCandidates(userConfig, facts);
  let alias = remembered[facts.hostname];
  if (alias === undefined || ![...matching, ...others].includes(alias)) {
    alias = matching.length === 1 ? matching[0] : undefined;
  }
  if (alias === undefined && matching.length + others.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [...matching, ...others].map((label) => ({ label })),
      {
        title: `Which of your SSH hosts is ${facts.hostname}, the Mac this window is on?`,
        ignoreFocusOut: true,
      },
    );
    alias = picked?.label;
  }
  if (alias === undefined) {
    throw new Error(
      `Slipway could not tell which host in your SSH config is ${facts.hostname}, the Mac this window is on. Add a Host entry for it to your SSH config on this computer (the one Remote-SSH reads), then reopen.`,
    );
  }
  await state.update(ALIASES_KEY, { ...remembered, [facts.hostname]: alias });
  return withProgram({ host: alias });
}
