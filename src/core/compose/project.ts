import * as path from 'node:path';
import { failAt } from '../plan/locate';
import type { PlanWarning } from '../plan/problems';
import type { PlanInput } from '../plan/types';
import { dnsContainerName } from './dnsNames';
import type { ComposeProject } from './load';
import {
  composeNormalizedName,
  isValidContainerName,
  projectName,
  serviceContainerName,
} from './names';
import { startOrder } from './order';
import { checkService } from './refusals';
import { selectServices } from './selection';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';

/**
 * The project before any service is translated: its name (as the reference
 * CLI computes it), the dev container's service, which services start and in
 * which order (each checked for what Apple cannot do), and their container
 * names.
 */

export interface PreparedProject {
  primary: string;
  services: Map<string, MapNode>;
  name: string;
  order: string[];
  containerNames: Map<string, string>;
  /** The registered DNS domain the containers are named under, when there is one. */
  dnsDomain?: string;
  /** False before macOS 26: everything goes on Apple's default network. */
  useNetworks: boolean;
}

function servicesOf(input: PlanInput, project: ComposeProject): Map<string, MapNode> {
  const node = project.model.entries.get('services');
  const services = new Map<string, MapNode>();
  if (isMap(node)) {
    for (const [name, service] of node.entries) {
      if (isMap(service)) {
        services.set(name, service);
      }
    }
  }
  if (services.size === 0) {
    failAt(
      input,
      ['dockerComposeFile'],
      `The Compose files (${project.files.join(', ')}) define no services.`,
    );
  }
  return services;
}

function macosMajor(version: string | undefined): number | undefined {
  const major = Number((version ?? '').split('.')[0]);
  return Number.isFinite(major) && major > 0 ? major : undefined;
}

const TOP_LEVEL = new Set([
  'version',
  'name',
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
]);

/** `include` would bring services Slipway does not read yet: refused rather than half a project. */
function checkTopLevel(model: MapNode, warnings: PlanWarning[]): void {
  for (const key of model.entries.keys()) {
    const where = keyWhere(model, key);
    if (key === 'include') {
      failAtNode(
        where,
        [key],
        'Slipway does not read "include" yet; list the files in dockerComposeFile instead, in order.',
      );
    }
    if (!TOP_LEVEL.has(key) && !key.startsWith('x-')) {
      warnings.push({
        property: `${where.file}:${where.line}:${where.column}`,
        message: `${key}: left out: not a Compose top-level key Slipway knows.`,
      });
    }
  }
}

export function prepareProject(
  input: PlanInput,
  project: ComposeProject,
  warnings: PlanWarning[],
): PreparedProject {
  const config = input.config;
  checkTopLevel(project.model, warnings);
  const primary = config.service;
  if (primary === undefined || primary === '') {
    failAt(
      input,
      ['dockerComposeFile'],
      'A Compose config needs "service": the service the editor connects to.',
    );
  }
  const services = servicesOf(input, project);
  if (!services.has(primary)) {
    failAt(
      input,
      ['service'],
      `The service "${primary}" is not in the Compose files (${project.files.join(', ')}); the services there are ${[...services.keys()].join(', ')}.`,
    );
  }
  const name = projectName({
    env: project.hostEnv,
    workspaceEnvProjectName: project.workspaceEnvProjectName,
    composeName:
      scalarText(project.model.entries.get('name')) ||
      project.env.COMPOSE_PROJECT_NAME ||
      composeNormalizedName(path.posix.basename(project.projectDir)),
    declaresName: project.declaresName,
    workspaceFolder: input.workspaceFolder,
    composeFiles: project.files,
  });
  const selection = selectServices(services, config.runServices, primary, project.env, warnings);
  for (const service of selection.selected) {
    checkService(service, services.get(service)!, warnings);
  }
  const order = startOrder(selection.selected, selection.dependencies, services);
  const major = macosMajor(input.facts.host?.macosVersion);
  const useNetworks = major === undefined || major >= 26;

  // Real DNS on top of the hosts block, under the first registered container domain.
  const dnsDomain = input.facts.dnsDomains?.[0];
  const containerNames = new Map<string, string>();
  for (const service of order) {
    const node = services.get(service)!;
    const requested = scalarText(node.entries.get('container_name'));
    if (requested !== undefined && !isValidContainerName(requested)) {
      failAtNode(
        keyWhere(node, 'container_name'),
        ['services', service, 'container_name'],
        `"${requested}" is not a valid Apple container name: 2 to 63 letters, digits, "_", "." or "-", starting with a letter or digit.`,
      );
    }
    const dnsName =
      dnsDomain === undefined ? undefined : dnsContainerName(service, name, dnsDomain);
    containerNames.set(service, requested ?? dnsName ?? serviceContainerName(name, service));
  }

  return { primary, services, name, order, containerNames, useNetworks, dnsDomain };
}
