import {
  cloneNode,
  scalarText,
  type ComposeNode,
  type KeyPath,
  type MapNode,
  type SeqNode,
} from './tree';

/**
 * Merging Compose files (compose-spec 13-merge.md): mappings merge by key,
 * sequences append, `command`, `entrypoint` and `healthcheck.test` are
 * replaced, `ports` and `volumes` (and `secrets`, `configs`) merge by their
 * key, `!reset` removes a value and `!override` replaces it whole. The same
 * merge, with the extending service as the override, resolves `extends`.
 */

const REPLACED = new Set(['command', 'entrypoint', 'test']);
const KEYED_SEQUENCES = new Set(['ports', 'volumes', 'secrets', 'configs']);
/** Sequences of plain values where a repeat says nothing new. */
const UNIQUE_SEQUENCES = new Set([
  'cap_add',
  'cap_drop',
  'expose',
  'profiles',
  'dns',
  'dns_search',
  'dns_opt',
]);

function last(keyPath: KeyPath): string | number | undefined {
  return keyPath[keyPath.length - 1];
}

/** The identity of a `ports` or `volumes` entry: its target (and published side for ports). */
function entryKey(kind: string, node: ComposeNode): string {
  if (node.kind === 'map') {
    const target = scalarText(node.entries.get('target')) ?? '';
    if (kind === 'ports') {
      const parts = ['host_ip', 'published', 'protocol'].map(
        (k) => scalarText(node.entries.get(k)) ?? '',
      );
      return [parts[0], parts[1], target, parts[2] || 'tcp'].join('|');
    }
    return target;
  }
  const text = scalarText(node) ?? '';
  if (kind === 'volumes') {
    // `source:target[:mode]` or `target`.
    const parts = text.split(':');
    return parts.length === 1 ? text : (parts[1] ?? text);
  }
  return text;
}

function mergeSeq(base: SeqNode, over: SeqNode, keyPath: KeyPath): SeqNode {
  const name = String(last(keyPath));
  if (KEYED_SEQUENCES.has(name)) {
    const items = base.items.map(cloneNode);
    for (const item of over.items) {
      const key = entryKey(name, item);
      const index = items.findIndex((existing) => entryKey(name, existing) === key);
      if (index >= 0) {
        items[index] = cloneNode(item);
      } else {
        items.push(cloneNode(item));
      }
    }
    return { ...over, items };
  }
  const items = [...base.items.map(cloneNode), ...over.items.map(cloneNode)];
  if (UNIQUE_SEQUENCES.has(name)) {
    const seen = new Set<string>();
    return {
      ...over,
      items: items.filter((item) => {
        const text = JSON.stringify(scalarText(item) ?? item.where);
        return seen.has(text) ? false : (seen.add(text), true);
      }),
    };
  }
  return { ...over, items };
}

/** A node with nothing under it to merge with: `!reset` entries go, `!override` is plain. */
function withoutTags(node: ComposeNode): ComposeNode {
  const copy = cloneNode(node);
  delete copy.tag;
  if (copy.kind === 'map') {
    for (const [key, value] of copy.entries) {
      if (value.tag === 'reset') {
        copy.entries.delete(key);
        copy.keys.delete(key);
      } else {
        copy.entries.set(key, withoutTags(value));
      }
    }
  } else if (copy.kind === 'seq') {
    copy.items = copy.items.map(withoutTags);
  }
  return copy;
}

/** The merged node, or `undefined` when `!reset` removes it. */
export function mergeNodes(
  base: ComposeNode | undefined,
  over: ComposeNode,
  keyPath: KeyPath,
): ComposeNode | undefined {
  if (over.tag === 'reset') {
    return undefined;
  }
  if (over.tag === 'override' || base === undefined) {
    return withoutTags(over);
  }
  if (base.kind === 'map' && over.kind === 'map') {
    return mergeMaps(base, over, keyPath);
  }
  if (base.kind === 'seq' && over.kind === 'seq' && !REPLACED.has(String(last(keyPath)))) {
    return mergeSeq(base, over, keyPath);
  }
  return cloneNode(over);
}

export function mergeMaps(base: MapNode, over: MapNode, keyPath: KeyPath): MapNode {
  const result = cloneNode(base);
  for (const [key, value] of over.entries) {
    const merged = mergeNodes(result.entries.get(key), value, [...keyPath, key]);
    if (merged === undefined) {
      result.entries.delete(key);
      result.keys.delete(key);
    } else {
      result.entries.set(key, merged);
      result.keys.set(key, over.keys.get(key) ?? value.where);
    }
  }
  delete result.tag;
  return result;
}
