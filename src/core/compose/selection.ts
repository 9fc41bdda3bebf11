import type { PlanWarning } from '../plan/problems';
import type { ComposeDependency, DependsCondition } from './types';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';
import { isTrue } from './values';

/**
 * Which services start: the profiles Compose has active (a service without
 * `profiles` always is; others when COMPOSE_PROFILES names one of theirs),
 * or `runServices` when the config says, plus the dev container's service,
 * plus everything those depend on.
 */

const CONDITIONS = new Set<DependsCondition>([
  'service_started',
  'service_healthy',
  'service_completed_successfully',
]);

export function dependenciesOf(
  service: MapNode,
  name: string,
): Array<ComposeDependency & { where: MapNode['where'] }> {
  const node = service.entries.get('depends_on');
  if (!isMap(node)) {
    return [];
  }
  return [...node.entries].map(([dependency, settings]) => {
    const where = keyWhere(node, dependency);
    const condition =
      (isMap(settings) ? scalarText(settings.entries.get('condition')) : undefined) ??
      'service_started';
    if (!CONDITIONS.has(condition as DependsCondition)) {
      failAtNode(
        where,
        ['services', name, 'depends_on', dependency, 'condition'],
        `"${condition}" is not a depends_on condition (service_started, service_healthy or service_completed_successfully)`,
      );
    }
    const required = isMap(settings) ? settings.entries.get('required') : undefined;
    return {
      service: dependency,
      condition: condition as DependsCondition,
      required:
        required === undefined || isTrue(required.kind === 'scalar' ? required.value : null),
      where,
    };
  });
}

/** The services a service needs running first: depends_on, `network_mode: service:`, links. */
export function implicitDependencies(service: MapNode): string[] {
  const result: string[] = [];
  const mode = scalarText(service.entries.get('network_mode'));
  if (mode?.startsWith('service:')) {
    result.push(mode.slice('service:'.length));
  }
  const links = service.entries.get('links');
  for (const link of links?.kind === 'seq' ? links.items : []) {
    const target = (scalarText(link) ?? '').split(':')[0];
    if (target) {
      result.push(target);
    }
  }
  return result;
}

export function activeProfiles(env: Readonly<Record<string, string>>): Set<string> {
  return new Set(
    (env.COMPOSE_PROFILES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  );
}

function isActive(service: MapNode, profiles: ReadonlySet<string>): boolean {
  const node = service.entries.get('profiles');
  const own = node?.kind === 'seq' ? node.items.map((item) => scalarText(item) ?? '') : [];
  return own.length === 0 || own.some((profile) => profiles.has(profile) || profiles.has('*'));
}

export interface Selection {
  selected: string[];
  dependencies: Map<string, string[]>;
}

export function selectServices(
  services: ReadonlyMap<string, MapNode>,
  named: readonly string[] | undefined,
  primary: string,
  env: Readonly<Record<string, string>>,
  warnings: PlanWarning[],
): Selection {
  const profiles = activeProfiles(env);
  const roots =
    named ??
    [...services].filter(([, service]) => isActive(service, profiles)).map(([name]) => name);
  const selected = new Set<string>();
  const dependencies = new Map<string, string[]>();
  const visit = (name: string) => {
    if (selected.has(name)) {
      return;
    }
    const service = services.get(name)!;
    selected.add(name);
    const needed: string[] = [];
    for (const dependency of dependenciesOf(service, name)) {
      if (!services.has(dependency.service)) {
        if (dependency.required) {
          failAtNode(
            dependency.where,
            ['services', name, 'depends_on', dependency.service],
            `the service "${dependency.service}" does not exist`,
          );
        }
        continue;
      }
      needed.push(dependency.service);
    }
    for (const dependency of implicitDependencies(service)) {
      if (!services.has(dependency)) {
        failAtNode(
          service.where,
          ['services', name],
          `"${dependency}" (network_mode or links) is not a service of this project`,
        );
      }
      needed.push(dependency);
    }
    dependencies.set(name, needed);
    needed.forEach(visit);
  };
  for (const name of [...roots, primary]) {
    if (services.has(name)) {
      visit(name);
    } else {
      warnings.push({
        property: 'runServices',
        message: `The service "${name}" is not in the Compose files; it is left out.`,
      });
    }
  }
  // Keep the written order: stable plans, and the order Compose lists them in.
  return { selected: [...services.keys()].filter((name) => selected.has(name)), dependencies };
}
