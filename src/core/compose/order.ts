import { failAtNode, keyWhere, type MapNode } from './tree';

/**
 * Start order: dependencies before dependents, otherwise the order the
 * services are written in (so plans are stable). A cycle is an error that
 * names it.
 */

export function startOrder(
  selected: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  services: ReadonlyMap<string, MapNode>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, stack: string[]) => {
    const seen = state.get(name);
    if (seen === 'done') {
      return;
    }
    if (seen === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const from = services.get(cycle[0]!);
      failAtNode(
        from === undefined ? { file: '', line: 1, column: 1 } : keyWhere(from, 'depends_on'),
        ['services', cycle[0]!, 'depends_on'],
        `the services depend on each other in a cycle: ${cycle.join(' → ')}`,
      );
    }
    state.set(name, 'visiting');
    for (const dependency of dependencies.get(name) ?? []) {
      if (selected.includes(dependency)) {
        visit(dependency, [...stack, name]);
      }
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of selected) {
    visit(name, []);
  }
  return order;
}
