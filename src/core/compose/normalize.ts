import {
  emptyMap,
  failAtNode,
  isMap,
  scalarText,
  type ComposeNode,
  type KeyPath,
  type MapNode,
} from './tree';

/**
 * The short forms Compose allows for some service keys, turned into their
 * mapping forms per file, before merging: so that two files merge by key
 * (`environment: [A=1]` then `environment: {A: 2}`), as Compose does.
 */

function keyValueMap(node: ComposeNode, keyPath: KeyPath, separator: RegExp): MapNode {
  if (node.kind !== 'seq') {
    return node as MapNode;
  }
  const map: MapNode = { ...emptyMap(node.where), ...(node.tag ? { tag: node.tag } : {}) };
  node.items.forEach((item, index) => {
    const text = scalarText(item);
    if (text === undefined) {
      failAtNode(item.where, [...keyPath, index], 'expected a "KEY=value" string');
    }
    const match = separator.exec(text);
    const key = match ? text.slice(0, match.index) : text;
    const value = match ? text.slice(match.index + match[0].length) : null;
    map.entries.set(key, { kind: 'scalar', value, where: item.where });
    map.keys.set(key, item.where);
  });
  return map;
}

function namesToMap(node: ComposeNode, keyPath: KeyPath, value: () => ComposeNode | null): MapNode {
  if (node.kind !== 'seq') {
    return node as MapNode;
  }
  const map: MapNode = { ...emptyMap(node.where), ...(node.tag ? { tag: node.tag } : {}) };
  node.items.forEach((item, index) => {
    const name = scalarText(item);
    if (name === undefined) {
      failAtNode(item.where, [...keyPath, index], 'expected a name');
    }
    const entry = value();
    map.entries.set(name, entry ?? { kind: 'scalar', value: null, where: item.where });
    map.keys.set(name, item.where);
  });
  return map;
}

/** `depends_on: [db]` means `db: {condition: service_started}`; it sits where the list was written. */
function startedCondition(where: MapNode['where']): MapNode {
  const map = emptyMap(where);
  map.entries.set('condition', { kind: 'scalar', value: 'service_started', where });
  return map;
}

export function normalizeService(service: MapNode, keyPath: KeyPath): void {
  const set = (key: string, node: ComposeNode) => service.entries.set(key, node);
  for (const [key, node] of service.entries) {
    const path = [...keyPath, key];
    switch (key) {
      case 'environment':
      case 'labels':
      case 'annotations':
        set(key, keyValueMap(node, path, /=/));
        break;
      case 'extra_hosts':
        // `host:ip` (IPv6 addresses hold colons, so the first one splits) or `host=ip`.
        set(key, keyValueMap(node, path, /[=:]/));
        break;
      case 'depends_on':
        set(
          key,
          namesToMap(node, path, () => startedCondition(node.where)),
        );
        break;
      case 'networks':
        set(
          key,
          namesToMap(node, path, () => null),
        );
        break;
      case 'build':
        if (node.kind === 'scalar') {
          const map: MapNode = { ...emptyMap(node.where), ...(node.tag ? { tag: node.tag } : {}) };
          map.entries.set('context', { kind: 'scalar', value: node.value, where: node.where });
          map.keys.set('context', node.where);
          set(key, map);
        }
        if (isMap(service.entries.get(key))) {
          const build = service.entries.get(key) as MapNode;
          const args = build.entries.get('args');
          if (args !== undefined) {
            build.entries.set('args', keyValueMap(args, [...path, 'args'], /=/));
          }
        }
        break;
      default:
        break;
    }
  }
}

export function normalizeFile(root: MapNode): void {
  const services = root.entries.get('services');
  if (services === undefined || (services.kind === 'scalar' && services.value === null)) {
    return;
  }
  if (!isMap(services)) {
    failAtNode(services.where, ['services'], 'expected a mapping of service names to services');
  }
  for (const [name, service] of services.entries) {
    if (service.kind === 'scalar' && service.value === null) {
      services.entries.set(name, emptyMap(service.where));
      continue;
    }
    if (!isMap(service)) {
      failAtNode(service.where, ['services', name], 'expected a mapping');
    }
    normalizeService(service, ['services', name]);
  }
}
