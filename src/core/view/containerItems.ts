import * as path from 'node:path';
import type { ContainerInfo, ContainerState } from '../client/types';
import { CONFIG_FILE_LABEL, LOCAL_FOLDER_LABEL } from '../config/devcontainerId';
import { configSubfolderName } from '../plan/naming';
import { describeSize } from '../plan/sizes';
import { localTime, type TimeFormat } from './localTime';
import { usageText, type ContainerUsage } from './usage';
import {
  parseResourcesFromLabel,
  RESOURCES_FROM_LABEL,
  type ResourceSource,
} from '../plan/resources';

/**
 * What the containers view shows for each container, computed from `list`
 * output (either JSON era, already normalised by the client). Pure, so the
 * tree adapter in src/vscode only maps these fields onto TreeItems, and a
 * thousand containers cost microseconds.
 */

export interface ContainerItem {
  /** Stable across refreshes: the container ID. */
  id: string;
  label: string;
  description: string;
  /** Markdown; built when first read (a hover), not for every row of every refresh. */
  readonly tooltip: string;
  /** `container+<state>[+devcontainer][+ports]`, matched by the menus' `when` clauses. */
  contextValue: string;
  icon: { id: string; color?: string };
  isDevContainer: boolean;
  workspaceFolder?: string;
  configFile?: string;
}

/** A codicon and theme colour per state, as Container Tools colours its containers. */
export const STATE_ICONS: Readonly<Record<ContainerState, ContainerItem['icon']>> = {
  running: { id: 'vm-running', color: 'debugIcon.startForeground' },
  stopped: { id: 'vm-outline', color: 'disabledForeground' },
  stopping: { id: 'loading~spin' },
  unknown: { id: 'question', color: 'problemsWarningIcon.foreground' },
};

export function formatMemory(bytes: number | undefined): string | undefined {
  if (bytes === undefined) {
    return undefined;
  }
  return describeSize(bytes);
}

function platformText(container: ContainerInfo): string | undefined {
  if (container.architecture === undefined) {
    return undefined;
  }
  // amd64 on Apple silicon always runs through Rosetta; arm64 only with --rosetta.
  return container.rosetta ? `${container.architecture} (Rosetta)` : container.architecture;
}

function devContainerLabel(workspaceFolder: string, configFile: string | undefined): string {
  const base = path.posix.basename(workspaceFolder) || workspaceFolder;
  const subfolder =
    configFile === undefined ? undefined : configSubfolderName(workspaceFolder, configFile);
  return subfolder === undefined ? base : `${base} (${subfolder})`;
}

const SOURCE_WORDS: Readonly<Record<ResourceSource, string>> = {
  setting: 'workspace setting',
  runArgs: 'runArgs',
  hostRequirements: 'hostRequirements',
  default: 'default',
};

/** `4 (workspace setting)`: the value, and where Slipway took it from when it created the VM. */
function withSource(
  value: string | undefined,
  source: ResourceSource | undefined,
): string | undefined {
  return value === undefined || source === undefined ? value : `${value} (${SOURCE_WORDS[source]})`;
}

function tooltip(
  container: ContainerInfo,
  platform: string | undefined,
  usage: ContainerUsage | undefined,
  time: TimeFormat | undefined,
): string {
  const from = parseResourcesFromLabel(container.labels[RESOURCES_FROM_LABEL]);
  const rows: Array<[string, string | undefined]> = [
    ['State', container.state],
    ['Usage', container.state === 'running' ? usageText(usage) : undefined],
    ['Image', container.image],
    ['IP', container.ipAddress],
    [
      'CPUs',
      withSource(container.cpus === undefined ? undefined : String(container.cpus), from.cpus),
    ],
    ['Memory', withSource(formatMemory(container.memoryBytes), from.memory)],
    ['Platform', platform],
    [
      'Published ports',
      container.publishedPorts.length === 0
        ? undefined
        : container.publishedPorts
            .map((p) => `${p.hostAddress}:${p.hostPort} → ${p.containerPort}/${p.proto}`)
            .join(', '),
    ],
    ['Workspace', container.labels[LOCAL_FOLDER_LABEL]],
    ['Config', container.labels[CONFIG_FILE_LABEL]],
    ['Created', container.creationDate && localTime(container.creationDate, time)],
    ['Started', container.startedDate && localTime(container.startedDate, time)],
  ];
  const lines = [`**${container.id}**`, ''];
  for (const [name, value] of rows) {
    if (value !== undefined && value !== '') {
      lines.push(`${name}: \`${value.replace(/`/g, "'")}\`  `);
    }
  }
  return lines.join('\n');
}

export function containerItem(
  container: ContainerInfo,
  usage?: ContainerUsage,
  time?: TimeFormat,
): ContainerItem {
  const workspaceFolder = container.labels[LOCAL_FOLDER_LABEL];
  const configFile = container.labels[CONFIG_FILE_LABEL];
  const isDevContainer = workspaceFolder !== undefined;
  const platform = platformText(container);
  const description = [
    container.ipAddress,
    container.cpus === undefined
      ? undefined
      : `${container.cpus} CPU${container.cpus === 1 ? '' : 's'}`,
    formatMemory(container.memoryBytes),
    platform,
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  const tags = ['container', container.state];
  if (isDevContainer) {
    tags.push('devcontainer');
  }
  if (container.publishedPorts.length > 0) {
    tags.push('ports');
  }
  return {
    id: container.id,
    label: isDevContainer ? devContainerLabel(workspaceFolder, configFile) : container.id,
    description,
    get tooltip() {
      return tooltip(container, platform, usage, time);
    },
    contextValue: tags.join('+'),
    icon: STATE_ICONS[container.state],
    isDevContainer,
    workspaceFolder,
    configFile,
  };
}

// One collator for every sort: `localeCompare` builds one per call, which dominates at 1,000 items.
const collator = new Intl.Collator(undefined, { numeric: true });

/** Dev containers first, then the others; each group by label. */
export function containerItems(
  containers: readonly ContainerInfo[],
  usage: ReadonlyMap<string, ContainerUsage> = new Map(),
  time?: TimeFormat,
): ContainerItem[] {
  const items = containers.map((container) =>
    containerItem(container, usage.get(container.id), time),
  );
  // Plain comparison first; the collator (numeric, locale-aware) only where the two differ.
  return items.sort(
    (a, b) =>
      Number(b.isDevContainer) - Number(a.isDevContainer) ||
      (a.label === b.label ? 0 : collator.compare(a.label, b.label)),
  );
}
