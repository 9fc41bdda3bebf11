import type { ContainerInfo } from '../client/types';
import { PROJECT_LABEL } from '../compose/network';
import { CONFIG_FILE_LABEL, LOCAL_FOLDER_LABEL } from '../config/devcontainerId';
import { SERVICE_LABEL } from '../engine/compose/projectContainers';
import { containerItem, type ContainerItem } from './containerItems';
import type { TimeFormat } from './localTime';
import type { ContainerUsage } from './usage';

/**
 * The containers view's top level: a Compose project's containers under one
 * project node (found by the labels the reference CLI sets, so a project
 * made by another Compose tool groups too), every other container as today.
 * Pure, like containerItems, so the tree adapter only maps fields.
 */

/** The reference CLI's label with the project's Compose files, comma-separated. */
export const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
/** The reference CLI's label with the project's folder (Slipway's projects carry the dev container's instead). */
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';

export interface ProjectItem {
  /** Stable across refreshes; `compose:` keeps it apart from container IDs. */
  id: string;
  name: string;
  label: string;
  /** `3 services · 2 running`. */
  description: string;
  readonly tooltip: string;
  /** `composeProject[+hasRunning][+hasStopped]`, matched by the menus' `when` clauses. */
  contextValue: string;
  icon: { id: string; color?: string };
  /** The dev container's workspace folder and config, when the project has one. */
  workspaceFolder?: string;
  configFile?: string;
  /** The project's containers, oldest first: the order they were created in. */
  containers: ContainerInfo[];
}

export type ViewEntry =
  | { kind: 'container'; item: ContainerItem; container: ContainerInfo }
  | {
      kind: 'project';
      project: ProjectItem;
      services: Array<{ item: ContainerItem; container: ContainerInfo }>;
    };

const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Oldest first: a service is created after what it depends on, so this is a
 * start order the labels allow when the config is not at hand.
 */
export function creationOrder(containers: readonly ContainerInfo[]): ContainerInfo[] {
  return [...containers].sort(
    (a, b) =>
      (a.creationDate ?? '').localeCompare(b.creationDate ?? '') || collator.compare(a.id, b.id),
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function projectTooltip(project: ProjectItem, composeFiles: string | undefined, dir?: string) {
  const rows: Array<[string, string | undefined]> = [
    ['Folder', project.workspaceFolder ?? dir],
    ['Config', project.configFile],
    ['Compose files', composeFiles],
  ];
  const lines = [`**${project.name}** (Compose project)`, ''];
  for (const [name, value] of rows) {
    if (value !== undefined && value !== '') {
      lines.push(`${name}: \`${value.replace(/`/g, "'")}\`  `);
    }
  }
  for (const container of project.containers) {
    const service = container.labels[SERVICE_LABEL] ?? container.id;
    lines.push(
      `- ${service}: ${container.state}${service === container.id ? '' : ` (${container.id})`}`,
    );
  }
  return lines.join('\n');
}

export function projectItem(name: string, members: readonly ContainerInfo[]): ProjectItem {
  const containers = creationOrder(members);
  const devContainer = containers.find((c) => c.labels[LOCAL_FOLDER_LABEL] !== undefined);
  const running = containers.filter((c) => c.state === 'running').length;
  const stopped = containers.length - running;
  const tags = ['composeProject'];
  if (running > 0) {
    tags.push('hasRunning');
  }
  if (stopped > 0) {
    tags.push('hasStopped');
  }
  const label = (key: string) => containers.map((c) => c.labels[key]).find((v) => v !== undefined);
  const item: ProjectItem = {
    id: `compose:${name}`,
    name,
    label: name,
    description: `${plural(containers.length, 'service')} · ${running === 0 ? 'stopped' : `${running} running`}`,
    get tooltip() {
      return projectTooltip(item, label(CONFIG_FILES_LABEL), label(WORKING_DIR_LABEL));
    },
    contextValue: tags.join('+'),
    icon:
      running === 0
        ? { id: 'layers', color: 'disabledForeground' }
        : { id: 'layers-active', color: 'debugIcon.startForeground' },
    workspaceFolder: devContainer?.labels[LOCAL_FOLDER_LABEL],
    configFile: devContainer?.labels[CONFIG_FILE_LABEL],
    containers,
  };
  return item;
}

/** A service's row: what a container's row shows, labelled with its service name. */
function serviceRow(container: ContainerInfo, usage?: ContainerUsage, time?: TimeFormat) {
  const item = containerItem(container, usage, time);
  const service = container.labels[SERVICE_LABEL];
  return {
    item: {
      ...item,
      // A getter does not survive the spread; the tooltip stays lazy through the original.
      get tooltip() {
        return item.tooltip;
      },
      label: service === undefined ? item.label : service,
      contextValue: `${item.contextValue}+service`,
    },
    container,
  };
}

/**
 * Projects and single containers in one list: dev containers (and projects
 * with one) first, then the rest, each part by label; a project's services
 * in creation order.
 */
export function viewEntries(
  containers: readonly ContainerInfo[],
  usage: ReadonlyMap<string, ContainerUsage> = new Map(),
  time?: TimeFormat,
): ViewEntry[] {
  const projects = new Map<string, ContainerInfo[]>();
  const entries: ViewEntry[] = [];
  for (const container of containers) {
    const project = container.labels[PROJECT_LABEL];
    if (project !== undefined && project !== '') {
      const members = projects.get(project) ?? [];
      members.push(container);
      projects.set(project, members);
    } else {
      entries.push({
        kind: 'container',
        item: containerItem(container, usage.get(container.id), time),
        container,
      });
    }
  }
  for (const [name, members] of projects) {
    const project = projectItem(name, members);
    entries.push({
      kind: 'project',
      project,
      services: project.containers.map((c) => serviceRow(c, usage.get(c.id), time)),
    });
  }
  const isDev = (entry: ViewEntry) =>
    entry.kind === 'container'
      ? entry.item.isDevContainer
      : entry.project.workspaceFolder !== undefined;
  const labelOf = (entry: ViewEntry) =>
    entry.kind === 'container' ? entry.item.label : entry.project.label;
  return entries.sort(
    (a, b) =>
      Number(isDev(b)) - Number(isDev(a)) ||
      (labelOf(a) === labelOf(b) ? 0 : collator.compare(labelOf(a), labelOf(b))),
  );
}
