import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseConfigText, type TextPosition } from '../config/parse';
import { checkJsonLimits } from '../config/jsonLimits';
import { ConfigError } from '../errors';
import type { Locate } from './site';

/**
 * A JSON file that is not a config (devcontainer-lock.json): its value and
 * the positions of its values, so that mistakes get a line and column.
 * Syntax errors are reported by the devcontainer.json reader, which words
 * them for people.
 */

export interface JsonDocument {
  value: unknown;
  locate: Locate;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function readJsonDocument(text: string, file: string): JsonDocument {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  checkJsonLimits(source, file);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || root === undefined) {
    // Throws the first syntax error at its position.
    parseConfigText(text, file);
    throw new ConfigError('The file is not valid JSON.', file, 1, 1);
  }
  const starts = lineStarts(source);
  return {
    value: plainValue(root),
    locate: (jsonPath) => {
      const node = findNodeAtLocation(root, [...jsonPath]);
      return node === undefined ? undefined : position(starts, node.offset);
    },
  };
}

/** Keys become own data properties, so a `__proto__` key cannot change a prototype. */
function plainValue(node: Node): unknown {
  if (node.type === 'object') {
    const result: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key !== undefined && value !== undefined) {
        Object.defineProperty(result, String(key.value), {
          value: plainValue(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return result;
  }
  if (node.type === 'array') {
    return (node.children ?? []).map(plainValue);
  }
  return node.value as unknown;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\n') {
      starts.push(index + 1);
    }
  }
  return starts;
}

function position(starts: readonly number[], offset: number): TextPosition {
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) {
    line++;
  }
  return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
}
