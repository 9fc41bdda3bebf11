import {
  compareFeatures,
  describeNode,
  sameFeature,
  satisfiesSoftDependency,
} from './featureCompare';
import type { FeatureNode } from './featureGraph';
import { parseFeatureRef, type FeatureRef, type FeatureRefContext } from './featureRef';
import { errorAt, type FeatureWarning, type Locate } from './site';

/**
 * The install order of a complete Feature graph (featureGraph.ts), by the
 * spec's round-based algorithm as the reference CLI computes it
 * (`computeDependsOnInstallationOrder` and `applyOverrideFeatureInstallOrder`
 * in containerFeaturesOrder.ts):
 *
 * 1. `installsAfter` edges to Features that are not installed are dropped;
 * 2. each of the N ids in `overrideFeatureInstallOrder` gives the Features
 *    it names the round priority N, N-1, ... 1 (others have 0);
 * 3. each round takes every Feature whose hard and soft dependencies are
 *    installed, keeps those with the highest priority (the rest wait for a
 *    later round), sorts them with compareFeatures and installs them;
 * 4. a round that can take nothing means a cycle: a ConfigError naming it.
 */

export interface InstallOrderOptions {
  /** The config's `overrideFeatureInstallOrder`. */
  overrideFeatureInstallOrder?: readonly string[];
  /** To parse the override's ids like `features` keys. */
  context: FeatureRefContext;
  /** Positions in devcontainer.json, for errors. */
  locate?: Locate;
  /**
   * The ids (current and legacy, lower-case) of the Feature a soft
   * dependency names, when the fetcher happens to know them. Optional: the
   * installed Features' own `legacyIds` already match renamed Features.
   */
  aliasesOf?: (ref: FeatureRef) => readonly string[] | undefined;
}

export interface InstallOrder {
  order: FeatureNode[];
  warnings: FeatureWarning[];
}

export function computeInstallOrder(
  nodes: readonly FeatureNode[],
  options: InstallOrderOptions,
): InstallOrder {
  const warnings: FeatureWarning[] = [];
  const aliasesOf = (ref: FeatureRef): readonly string[] => options.aliasesOf?.(ref) ?? [];
  const priority = overridePriorities(nodes, options, aliasesOf, warnings);
  const softDependencies = new Map(
    nodes.map((node) => [
      node,
      node.installsAfter.filter((dependency) =>
        nodes.some((other) => satisfiesSoftDependency(other, dependency, aliasesOf(dependency))),
      ),
    ]),
  );
  const waitsFor = (node: FeatureNode, installed: readonly FeatureNode[]): boolean =>
    node.dependsOn.some((dependency) => !installed.some((done) => sameFeature(done, dependency))) ||
    (softDependencies.get(node) ?? []).some(
      (dependency) =>
        !installed.some((done) => satisfiesSoftDependency(done, dependency, aliasesOf(dependency))),
    );

  let worklist = [...nodes];
  const order: FeatureNode[] = [];
  while (worklist.length > 0) {
    const round = worklist.filter((node) => !waitsFor(node, order));
    if (round.length === 0) {
      throw cycleError(worklist, softDependencies, aliasesOf, options);
    }
    const highest = Math.max(...round.map((node) => priority.get(node) ?? 0));
    const committed = round.filter((node) => (priority.get(node) ?? 0) === highest);
    worklist = worklist.filter((node) => !committed.some((done) => sameFeature(done, node)));
    // Array.prototype.sort is stable, so equal Features keep worklist order.
    committed.sort(compareFeatures);
    order.push(...committed);
  }
  return { order, warnings };
}

/** A written version in an override id: `:tag` or `@digest` after the last slash. */
const VERSION_SUFFIX = /[:@][^/]*$/;

function overridePriorities(
  nodes: readonly FeatureNode[],
  options: InstallOrderOptions,
  aliasesOf: (ref: FeatureRef) => readonly string[],
  warnings: FeatureWarning[],
): Map<FeatureNode, number> {
  const priority = new Map<FeatureNode, number>();
  const ids = options.overrideFeatureInstallOrder ?? [];
  ids.forEach((id, index) => {
    const site = {
      file: options.context.configFile,
      locate: options.locate,
      path: ['overrideFeatureInstallOrder', index],
    };
    const ref = parseFeatureRef(id, options.context, site);
    const rank = ids.length - index;
    const matched = nodes.filter((node) => satisfiesSoftDependency(node, ref, aliasesOf(ref)));
    for (const node of matched) {
      priority.set(node, Math.max(priority.get(node) ?? 0, rank));
    }
    if (matched.length === 0) {
      warnings.push({
        feature: id,
        message: `overrideFeatureInstallOrder names ${JSON.stringify(id)}, which is not among the Features to install; it has no effect.`,
      });
    } else if (ref.kind === 'oci' && VERSION_SUFFIX.test(id)) {
      warnings.push({
        feature: id,
        message: `overrideFeatureInstallOrder names Features without a version; the version in ${JSON.stringify(id)} is ignored, and every version of ${ref.resource} moves.`,
      });
    }
  });
  return priority;
}

/**
 * A ConfigError naming one cycle among the Features that wait, and which
 * kind of dependency each step is. Every waiting Feature waits for another
 * waiting one, so following them must come back to a Feature already seen.
 */
function cycleError(
  waiting: readonly FeatureNode[],
  softDependencies: ReadonlyMap<FeatureNode, readonly FeatureRef[]>,
  aliasesOf: (ref: FeatureRef) => readonly string[],
  options: InstallOrderOptions,
): Error {
  const hardBlockers = (node: FeatureNode): FeatureNode[] =>
    waiting.filter((other) => node.dependsOn.some((dependency) => sameFeature(other, dependency)));
  const softBlockers = (node: FeatureNode): FeatureNode[] =>
    waiting.filter((other) =>
      (softDependencies.get(node) ?? []).some((dependency) =>
        satisfiesSoftDependency(other, dependency, aliasesOf(dependency)),
      ),
    );
  const cycle = findCycle(waiting, (node) => [...hardBlockers(node), ...softBlockers(node)]);
  const steps = cycle.map((node, index) => {
    const next = cycle[(index + 1) % cycle.length] as FeatureNode;
    const kind = hardBlockers(node).includes(next) ? 'dependsOn' : 'installsAfter';
    return `${describeNode(node)} ${kind} ${describeNode(next)}`;
  });
  const chain = [...cycle, cycle[0] as FeatureNode].map((node) => node.userId).join(' → ');
  const others = waiting.filter((node) => !cycle.includes(node));
  const alsoWaiting =
    others.length > 0
      ? ` ${others.map(describeNode).join(', ')} ${others.length === 1 ? 'waits' : 'wait'} for them too.`
      : '';
  const root = rootOf(cycle[0] as FeatureNode);
  const message =
    `The Features depend on each other in a cycle, so none of them can be installed first: ${chain} (${steps.join('; ')}).${alsoWaiting} ` +
    "Remove one of these dependencies from the Features' devcontainer-feature.json, or, for published Features, report it to their authors.";
  return errorAt(
    { file: options.context.configFile, locate: options.locate, path: ['features', root.userId] },
    message,
  );
}

function findCycle(
  nodes: readonly FeatureNode[],
  next: (node: FeatureNode) => FeatureNode[],
): FeatureNode[] {
  const done = new Set<FeatureNode>();
  const visit = (node: FeatureNode, path: FeatureNode[]): FeatureNode[] | undefined => {
    const seen = path.indexOf(node);
    if (seen >= 0) {
      return path.slice(seen);
    }
    if (done.has(node)) {
      return undefined;
    }
    for (const following of next(node)) {
      const cycle = visit(following, [...path, node]);
      if (cycle !== undefined) {
        return cycle;
      }
    }
    done.add(node);
    return undefined;
  };
  for (const node of nodes) {
    const cycle = visit(node, []);
    if (cycle !== undefined) {
      return cycle;
    }
  }
  return [...nodes];
}

/** The user's Feature that (through dependsOn) brought this one in. */
function rootOf(node: FeatureNode): FeatureNode {
  let current = node;
  while (current.requiredBy !== undefined) {
    current = current.requiredBy;
  }
  return current;
}
