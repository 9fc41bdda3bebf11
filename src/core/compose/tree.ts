import { ConfigError } from '../errors';

/**
 * A Compose file as a small tree of our own: every node keeps the file, line
 * and column it came from, through interpolation, merging and `extends`, so
 * any later step can say exactly where a value was written.
 */

export interface Where {
  file: string;
  line: number;
  column: number;
}

/** `!reset` and `!override` from the Compose merge rules; other tags are dropped. */
export type MergeTag = 'reset' | 'override';

interface NodeBase {
  where: Where;
  tag?: MergeTag;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: ComposeNode[];
}

export interface MapNode extends NodeBase {
  kind: 'map';
  /** In file order; keys are never interpolated (the Compose rule). */
  entries: Map<string, ComposeNode>;
  /** Where each key was written: refusals point at the key. */
  keys: Map<string, Where>;
}

export type ComposeNode = ScalarNode | SeqNode | MapNode;

/** A path into the model, for messages: `services.db.network_mode`. */
export type KeyPath = ReadonlyArray<string | number>;

export function formatKeyPath(keyPath: KeyPath): string {
  return keyPath
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}

/** A ConfigError at a node: `compose.yml:12:5: services.db.network_mode: ...`. */
export function composeError(where: Where, keyPath: KeyPath, message: string): ConfigError {
  const prefix = keyPath.length > 0 ? `${formatKeyPath(keyPath)}: ` : '';
  return new ConfigError(`${prefix}${message}`, where.file, where.line, where.column);
}

export function failAtNode(where: Where, keyPath: KeyPath, message: string): never {
  throw composeError(where, keyPath, message);
}

export function emptyMap(where: Where): MapNode {
  return { kind: 'map', entries: new Map(), keys: new Map(), where };
}

export function isMap(node: ComposeNode | undefined): node is MapNode {
  return node?.kind === 'map';
}

export function isSeq(node: ComposeNode | undefined): node is SeqNode {
  return node?.kind === 'seq';
}

export function isScalar(node: ComposeNode | undefined): node is ScalarNode {
  return node?.kind === 'scalar';
}

/** Where a key of a map was written, else where the map is. */
export function keyWhere(map: MapNode, key: string): Where {
  return map.keys.get(key) ?? map.entries.get(key)?.where ?? map.where;
}

/** A scalar as text (`null` and absent as undefined), as Compose reads most values. */
export function scalarText(node: ComposeNode | undefined): string | undefined {
  if (node === undefined || node.kind !== 'scalar' || node.value === null) {
    return undefined;
  }
  return String(node.value);
}

/** A deep copy that keeps positions; merges never share nodes between inputs. */
export function cloneNode<T extends ComposeNode>(node: T): T {
  switch (node.kind) {
    case 'scalar':
      return { ...node };
    case 'seq':
      return { ...node, items: node.items.map(cloneNode) };
    case 'map':
      return {
        ...node,
        entries: new Map([...node.entries].map(([k, v]) => [k, cloneNode(v)])),
        keys: new Map(node.keys),
      };
  }
}

/** Plain JSON for hashing and display. */
export function toPlain(node: ComposeNode | undefined): unknown {
  if (node === undefined) {
    return undefined;
  }
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries([...node.entries].map(([k, v]) => [k, toPlain(v)]));
  }
}
