import * as vscode from 'vscode';
import { logsCommand } from '../core/client/containerCommands';
import type { ContainerInfo, ContainerRunner } from '../core/client/types';
import { LOCAL_FOLDER_LABEL } from '../core/config/devcontainerId';
import { parseOomKills } from '../core/memory/oomLog';
import { memoryRemedy, outOfMemory, ranOutOf, type OutOfMemory } from '../core/memory/outOfMemory';
import { runKey } from '../core/view/stoppedOnTheirOwn';
import { readHostInfo } from '../node/hostInfo';
import type { Services } from './services';
import { CONFIGURE_RESOURCES_BUTTON, type ConfigureResourcesPreset } from './userErrors';

/**
 * A container that stopped on its own: if the guest kernel's boot log shows
 * the OOM killer, say that it ran out of memory, with a button that opens
 * Configure Container Resources at a larger size.
 */

/** As the engine reads it: enough for the last kills, bounded. */
const BOOT_LOG_LINES = 400;
const NOTICED_KEY = 'slipway.outOfMemoryNoticed';
/** Container runs already reported, so the view and a container window (or several windows) say it once. */
const NOTICED_KEPT = 20;

/** The out-of-memory kill in a container's boot log, or `undefined` (none, or the log unreadable). */
export async function readOutOfMemory(
  runner: ContainerRunner,
  container: ContainerInfo,
  log: Pick<vscode.LogOutputChannel, 'debug'>,
): Promise<OutOfMemory | undefined> {
  try {
    const bootLog = await runner.run(
      logsCommand(container.id, { boot: true, lines: BOOT_LOG_LINES }),
    );
    const host = await readHostInfo();
    return outOfMemory(parseOomKills(bootLog), container.memoryBytes, host.memoryBytes);
  } catch (error) {
    log.debug(`Reading ${container.id}'s boot log: ${String(error)}`);
    return undefined;
  }
}

/** Configure Container Resources changes this window's workspace: offer it only for its own container. */
function belongsHere(container: ContainerInfo): boolean {
  const folder = container.labels[LOCAL_FOLDER_LABEL];
  return (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.fsPath === folder);
}

/** "app stopped: the container ran out of its 4 GiB." with the button, plus any others the caller adds. */
export async function showStoppedOutOfMemory(
  container: ContainerInfo,
  oom: OutOfMemory,
  log: Pick<vscode.LogOutputChannel, 'warn'>,
  extra: Record<string, () => unknown> = {},
): Promise<void> {
  log.warn(`${container.id} stopped: ${oom.kill.line}`);
  const preset: ConfigureResourcesPreset =
    oom.suggestedBytes !== undefined ? { memoryBytes: oom.suggestedBytes } : {};
  const actions: Record<string, () => unknown> = {
    ...(belongsHere(container)
      ? {
          [CONFIGURE_RESOURCES_BUTTON]: () =>
            vscode.commands.executeCommand('slipway.configureResources', preset),
        }
      : {}),
    ...extra,
  };
  const choice = await vscode.window.showWarningMessage(
    `The dev container ${container.id} stopped: ${ranOutOf(oom)}. ${memoryRemedy(oom)}`,
    ...Object.keys(actions),
  );
  if (choice !== undefined) {
    await actions[choice]?.();
  }
}

/**
 * For a container that stopped: when it ran out of memory and this run of it
 * was not reported yet, report it (with `extra` buttons). True when it did.
 */
export async function explainStopOnce(
  ctx: {
    globalState: vscode.Memento;
    services: Pick<Services, 'runner'>;
    log: Pick<vscode.LogOutputChannel, 'debug' | 'warn'>;
  },
  container: ContainerInfo,
  extra: Record<string, () => unknown> = {},
): Promise<boolean> {
  const key = runKey(container);
  if ((ctx.globalState.get<string[]>(NOTICED_KEY) ?? []).includes(key)) {
    return false;
  }
  const oom = await readOutOfMemory(ctx.services.runner(), container, ctx.log);
  if (oom === undefined) {
    return false;
  }
  // Read again: another window may have written meanwhile.
  const noticed = ctx.globalState.get<string[]>(NOTICED_KEY) ?? [];
  if (noticed.includes(key)) {
    return false;
  }
  await ctx.globalState.update(NOTICED_KEY, [...noticed, key].slice(-NOTICED_KEPT));
  void showStoppedOutOfMemory(container, oom, ctx.log, extra);
  return true;
}
