import * as vscode from 'vscode';
import { findDevContainer } from '../../core/engine/findContainer';
import { planWorkspace } from '../../core/engine/planWorkspace';
import { suggestedMemoryBytes, withinHost } from '../../core/memory/suggest';
import {
  cpuChoices,
  memoryChoices,
  memoryPlaceholder,
  type ResourceChoice,
} from '../../core/view/resourcePicks';
import { describeSize } from '../../core/plan/sizes';
import { listCommand } from '../../core/client/containerCommands';
import type { ContainerInfo } from '../../core/client/types';
import { NodeFileSystem } from '../../node/fileSystem';
import { readHostInfo } from '../../node/hostInfo';
import type { Services } from '../services';
import { planSettingsFor } from '../settings';
import { memoryPeakOf } from '../containers/memoryWatch';
import { reportFailure, type ConfigureResourcesPreset } from '../userErrors';
import { pickTarget } from '../workspaceTarget';

/**
 * Configure Container Resources…: CPUs and memory for this workspace's dev
 * container, written to the workspace (folder) settings. Each pick shows what
 * the config asks for, what the running container has (and the most memory it
 * was seen to use) and what the Mac has, with a suggested memory size; when the
 * running container differs from the new values, Rebuild is offered.
 */

interface ConfigAsk {
  cpus?: number;
  memoryBytes?: number;
}

async function configAsk(folder: vscode.WorkspaceFolder, configFile: string): Promise<ConfigAsk> {
  // Plan without this workspace's own values, to see what the config itself asks for.
  const settings = { ...planSettingsFor(folder.uri), cpus: undefined, memory: undefined };
  const plan = await planWorkspace(new NodeFileSystem(), {
    workspaceFolder: folder.uri.fsPath,
    configFile,
    settings,
    env: process.env,
  });
  return {
    ...(plan.resources.cpusFrom !== 'default' ? { cpus: plan.resources.cpus } : {}),
    ...(plan.resources.memoryFrom !== 'default' ? { memoryBytes: plan.resources.memoryBytes } : {}),
  };
}

async function runningContainer(
  services: Services,
  folder: string,
  configFile: string,
): Promise<ContainerInfo | undefined> {
  try {
    return findDevContainer(await services.runner().run(listCommand()), folder, configFile);
  } catch {
    // Without `container` the settings can still be written.
    return undefined;
  }
}

async function pick(
  choices: ResourceChoice[],
  title: string,
  placeHolder: string,
): Promise<ResourceChoice | undefined> {
  return vscode.window.showQuickPick(
    choices.map((choice) => ({ ...choice, description: choice.description })),
    { title, placeHolder, matchOnDescription: true },
  );
}

/** The memory a button asked to start from (Configure Resources… after an out-of-memory kill). */
function presetMemory(preset: unknown): number | undefined {
  const bytes = (preset as ConfigureResourcesPreset | undefined)?.memoryBytes;
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

export function configureResourcesCommand({
  services,
  memento,
  globalState,
  log,
}: {
  services: Services;
  memento: vscode.Memento;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
}) {
  return async (preset?: unknown): Promise<void> => {
    const target = await pickTarget(memento);
    if (!target) {
      return;
    }
    const { folder, configFile } = target;
    try {
      const [ask, host, container] = await Promise.all([
        configAsk(folder, configFile),
        readHostInfo(),
        runningContainer(services, folder.uri.fsPath, configFile),
      ]);
      const config = vscode.workspace.getConfiguration('slipway', folder.uri);
      const settingCpus = config.get<number | null>('cpus') ?? undefined;
      const settingMemory = config.get<string | null>('memory') ?? undefined;
      const cpus = await pick(
        cpuChoices({
          hostCpus: host.cpus,
          configCpus: ask.cpus,
          currentCpus: container?.cpus,
          settingCpus,
        }),
        `CPUs for ${folder.name}'s dev container (1/2)`,
        `This Mac has ${host.cpus} cores`,
      );
      if (cpus === undefined) {
        return;
      }
      const sizing = memorySizing(globalState, container, host.memoryBytes, presetMemory(preset));
      const memory = await pick(
        memoryChoices({
          hostMemoryBytes: host.memoryBytes,
          configMemoryBytes: ask.memoryBytes,
          currentMemoryBytes: container?.memoryBytes,
          settingMemory,
          ...sizing,
        }),
        `Memory for ${folder.name}'s dev container (2/2)`,
        memoryPlaceholder({ ...sizing, currentMemoryBytes: container?.memoryBytes }),
      );
      if (memory === undefined) {
        return;
      }
      // In a multi-root workspace each folder keeps its own; otherwise the workspace's settings.json.
      const scope =
        vscode.workspace.workspaceFile === undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.WorkspaceFolder;
      await config.update('cpus', cpus.value ?? undefined, scope);
      await config.update('memory', memory.value ?? undefined, scope);
      log.info(
        `slipway.cpus = ${String(cpus.value)}, slipway.memory = ${String(memory.value)} for ${folder.name}`,
      );
      await offerRebuild(folder, configFile, container);
    } catch (error) {
      await reportFailure(error, 'Configure Container Resources', log);
    }
  };
}

/**
 * The running container's peak (from the containers view's samples) and the
 * size to suggest: the one a button asked for (after an out-of-memory kill),
 * or half again the peak.
 */
function memorySizing(
  globalState: vscode.Memento,
  container: ContainerInfo | undefined,
  hostMemoryBytes: number,
  presetBytes: number | undefined,
): { peakBytes?: number; suggestedBytes?: number; suggestedBecause?: string } {
  const peak = container === undefined ? undefined : memoryPeakOf(globalState, container.id);
  // A peak seen under another size belongs to an older container of the same name.
  const peakBytes =
    peak !== undefined && peak.limitBytes === container?.memoryBytes ? peak.peakBytes : undefined;
  if (presetBytes !== undefined) {
    const limit = container?.memoryBytes;
    return {
      ...(peakBytes !== undefined ? { peakBytes } : {}),
      suggestedBytes: withinHost(presetBytes, hostMemoryBytes),
      suggestedBecause:
        limit === undefined ? 'it ran out of memory' : `it ran out of ${describeSize(limit)}`,
    };
  }
  const suggestedBytes = suggestedMemoryBytes({ peakBytes, hostMemoryBytes });
  return {
    ...(peakBytes !== undefined ? { peakBytes } : {}),
    ...(suggestedBytes !== undefined && peakBytes !== undefined
      ? { suggestedBytes, suggestedBecause: `peak ${describeSize(peakBytes)} and half again` }
      : {}),
  };
}

/** Apple sets CPUs and memory when the VM is created: a different value needs a new container. */
async function offerRebuild(
  folder: vscode.WorkspaceFolder,
  configFile: string,
  container: ContainerInfo | undefined,
): Promise<void> {
  if (container === undefined) {
    void vscode.window.showInformationMessage(
      `Saved. ${folder.name}'s dev container gets these resources when it is next created.`,
    );
    return;
  }
  const plan = await planWorkspace(new NodeFileSystem(), {
    workspaceFolder: folder.uri.fsPath,
    configFile,
    settings: planSettingsFor(folder.uri),
    env: process.env,
  });
  const differs =
    plan.resources.cpus !== container.cpus || plan.resources.memoryBytes !== container.memoryBytes;
  if (!differs) {
    void vscode.window.showInformationMessage(
      'Saved. The running container already has these resources.',
    );
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Saved. ${container.id} has ${String(container.cpus)} CPUs and ${describeSize(container.memoryBytes ?? 0)}; rebuild it to get ${plan.resources.cpus} CPUs and ${describeSize(plan.resources.memoryBytes)}?`,
    'Rebuild Container',
  );
  if (choice === 'Rebuild Container') {
    await vscode.commands.executeCommand('slipway.rebuild');
  }
}
