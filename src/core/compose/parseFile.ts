import {
  isAlias,
  isMap as isYamlMap,
  isPair,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { interpolate, InterpolationProblem, type Lookup } from './interpolate';
import type { PlanWarning } from '../plan/problems';
import {
  emptyMap,
  failAtNode,
  formatKeyPath,
  type ComposeNode,
  type KeyPath,
  type MapNode,
  type MergeTag,
  type Where,
} from './tree';

/**
 * One Compose file, from text to our tree: parsed with the `yaml` package
 * (positions for every node, duplicate keys refused), anchors and `<<` merge
 * keys resolved, and every string value interpolated. Keys are not
 * interpolated, as the Compose specification says.
 */

const MERGE_TAGS: Record<string, MergeTag> = { '!reset': 'reset', '!override': 'override' };

interface Context {
  file: string;
  doc: Document;
  lines: LineCounter;
  lookup: Lookup;
  warnings: PlanWarning[];
  /** Aliases being expanded, so a self-referencing anchor is an error, not a loop. */
  expanding: Set<YamlNode>;
}

function whereOf(context: Context, node: { range?: [number, number, number] | null }): Where {
  const offset = node.range?.[0] ?? 0;
  const { line, col } = context.lines.linePos(offset);
  return { file: context.file, line, column: col };
}

function tagOf(node: YamlNode): MergeTag | undefined {
  return node.tag === undefined ? undefined : MERGE_TAGS[node.tag];
}

function isMergeKey(key: unknown): boolean {
  if (!isYamlScalar(key)) {
    return false;
  }
  return key.value === '<<' || typeof key.value === 'symbol' || key.source === '<<';
}

function convertScalar(context: Context, node: YamlNode, keyPath: KeyPath): ComposeNode {
  const where = whereOf(context, node);
  const tag = tagOf(node);
  const raw = isYamlScalar(node) ? node.value : null;
  let value: string | number | boolean | null;
  if (typeof raw === 'string') {
    try {
      const result = interpolate(raw, context.lookup);
      for (const name of result.unset) {
        context.warnings.push({
          property: `${context.file}:${where.line}:${where.column}`,
          message: `${formatKeyPath(keyPath)}: the variable ${name} is not set; it is replaced by an empty string.`,
        });
      }
      value = result.value;
    } catch (error) {
      if (error instanceof InterpolationProblem) {
        failAtNode(where, keyPath, error.message);
      }
      throw error;
    }
  } else if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) {
    value = raw;
  } else {
    value = raw === undefined ? null : String(raw);
  }
  return { kind: 'scalar', value, where, ...(tag ? { tag } : {}) };
}

function convert(
  context: Context,
  node: YamlNode | null,
  keyPath: KeyPath,
  at: Where,
): ComposeNode {
  if (node === null) {
    return { kind: 'scalar', value: null, where: at };
  }
  if (isAlias(node)) {
    const target = node.resolve(context.doc);
    if (target === undefined || context.expanding.has(target)) {
      failAtNode(whereOf(context, node), keyPath, `the alias *${node.source} cannot be resolved`);
    }
    context.expanding.add(target);
    try {
      return convert(context, target, keyPath, whereOf(context, node));
    } finally {
      context.expanding.delete(target);
    }
  }
  if (isYamlMap(node)) {
    const map: MapNode = { ...emptyMap(whereOf(context, node)) };
    const tag = tagOf(node);
    if (tag) {
      map.tag = tag;
    }
    const merged: MapNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) {
        continue;
      }
      const keyNode = pair.key as YamlNode | null;
      const valueNode = pair.value as YamlNode | null;
      if (isMergeKey(keyNode)) {
        const sources = valueNode !== null && isYamlSeq(valueNode) ? valueNode.items : [valueNode];
        for (const source of sources) {
          const converted = convert(context, source as YamlNode | null, keyPath, map.where);
          if (converted.kind !== 'map') {
            failAtNode(
              converted.where,
              keyPath,
              'a "<<" merge key needs a mapping or a list of mappings',
            );
          }
          merged.push(converted);
        }
        continue;
      }
      const key = isYamlScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyWhere = keyNode ? whereOf(context, keyNode) : map.where;
      map.keys.set(key, keyWhere);
      map.entries.set(key, convert(context, valueNode, [...keyPath, key], keyWhere));
    }
    // Keys written in the map win over those brought in by `<<` (YAML merge-key rules).
    for (const source of merged) {
      for (const [key, value] of source.entries) {
        if (!map.entries.has(key)) {
          map.entries.set(key, value);
          map.keys.set(key, source.keys.get(key) ?? source.where);
        }
      }
    }
    return map;
  }
  if (isYamlSeq(node)) {
    const tag = tagOf(node);
    return {
      kind: 'seq',
      where: whereOf(context, node),
      items: node.items.map((item, index) =>
        convert(context, item as YamlNode | null, [...keyPath, index], whereOf(context, node)),
      ),
      ...(tag ? { tag } : {}),
    };
  }
  return convertScalar(context, node, keyPath);
}

/** Parses and interpolates one file; the root must be a mapping. */
export function parseComposeFile(
  text: string,
  file: string,
  lookup: Lookup,
  warnings: PlanWarning[],
): MapNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const start = lines.linePos(error.pos[0]);
    failAtNode(
      { file, line: start.line, column: start.col },
      [],
      `${error.message.split('\n')[0]} (YAML)`,
    );
  }
  for (const warning of doc.warnings) {
    const known =
      warning.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(warning.message);
    if (!known) {
      const start = lines.linePos(warning.pos[0]);
      warnings.push({ property: `${file}:${start.line}:${start.col}`, message: warning.message });
    }
  }
  const context: Context = { file, doc, lines, lookup, warnings, expanding: new Set() };
  const top: Where = { file, line: 1, column: 1 };
  const root = convert(context, doc.contents as YamlNode | null, [], top);
  if (root.kind === 'scalar' && root.value === null) {
    return emptyMap(top);
  }
  if (root.kind !== 'map') {
    failAtNode(root.where, [], 'a Compose file must be a mapping (with "services:" and so on)');
  }
  return root;
}
