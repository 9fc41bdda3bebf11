import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors';
import { checkJsonLimits } from './jsonLimits';
import { moveLegacyProperties, type RawDevContainerConfig } from './legacy';
import type { DevContainerConfig } from './types';
import { kindOf, validateConfig, type JsonPath } from './validate';

/**
 * Reading devcontainer.json: JSON with comments (and, like the reference
 * implementation's parser, trailing commas), checked against the spec's
 * types, with legacy properties moved to where the rest of Slipway reads
 * them. Every mistake is a ConfigError at a 1-based line and column.
 */

export interface TextPosition {
  line: number;
  column: number;
}

export interface ParsedConfig {
  file: string;
  /** The config after validation and `moveLegacyProperties`, before substitution. */
  config: DevContainerConfig;
  /**
   * Where the value at a JSON path starts in the original text. Paths into
   * `build.dockerfile` / `build.context` also find the legacy top-level
   * `dockerFile` / `context` they were moved from.
   */
  locate(path: ReadonlyArray<string | number>): TextPosition | undefined;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function parseConfigText(text: string, file: string): ParsedConfig {
  // Editors do not count a byte order mark as a column, so drop it before
  // computing positions; jsonc-parser would report it as an invalid symbol.
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  checkJsonLimits(source, file);
  const lines = new LineIndex(source);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });

  const first = errors[0];
  if (first !== undefined) {
    const offset = refineErrorOffset(source, first);
    const { line, column } = lines.position(offset);
    throw new ConfigError(describeParseError(source, first, root), file, line, column);
  }

  const name = path.posix.basename(file) || 'devcontainer.json';
  if (root === undefined) {
    throw new ConfigError(
      `${name} must contain a JSON object ({ ... }), but the file is empty.`,
      file,
      1,
      1,
    );
  }
  if (root.type !== 'object') {
    throw new ConfigError(
      `${name} must contain a JSON object ({ ... }), not ${kindOf(nodeValue(root))}.`,
      file,
      1,
      1,
    );
  }

  const raw = nodeValue(root) as Record<string, unknown>;
  const locateRaw = (jsonPath: ReadonlyArray<string | number>): TextPosition | undefined => {
    const node = findValueNode(root, jsonPath);
    return node === undefined ? undefined : lines.position(node.offset);
  };
  validateConfig(raw, file, locateRaw);
  const hadDockerFile = raw['dockerFile'] !== undefined;
  const config = moveLegacyProperties(raw as RawDevContainerConfig);

  return {
    file,
    config,
    locate: (jsonPath) => locateRaw(jsonPath) ?? locateLegacy(jsonPath, hadDockerFile, locateRaw),
  };
}

/** `build.dockerfile` and `build.context` came from `dockerFile` and `context`. */
function locateLegacy(
  jsonPath: ReadonlyArray<string | number>,
  hadDockerFile: boolean,
  locateRaw: (jsonPath: JsonPath) => TextPosition | undefined,
): TextPosition | undefined {
  if (!hadDockerFile || jsonPath[0] !== 'build' || jsonPath.length < 2) {
    return undefined;
  }
  const rest = jsonPath.slice(2);
  if (jsonPath[1] === 'dockerfile') {
    return locateRaw(['dockerFile', ...rest]);
  }
  if (jsonPath[1] === 'context') {
    return locateRaw(['context', ...rest]);
  }
  return undefined;
}

/**
 * The value node at a path. With duplicate keys the last one wins, as it
 * does for the parsed value (jsonc-parser's own `findNodeAtLocation` would
 * find the first).
 */
function findValueNode(root: Node, jsonPath: ReadonlyArray<string | number>): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of jsonPath) {
    if (node === undefined) {
      return undefined;
    }
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else if (node.type === 'object') {
      let found: Node | undefined;
      for (const property of node.children ?? []) {
        if (property.children?.[0]?.value === segment) {
          found = property.children[1];
        }
      }
      node = found;
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * The plain value of a tree. Keys are defined as own properties, so a key
 * such as `__proto__` stays data instead of changing the object's prototype.
 */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key !== undefined && value !== undefined) {
          Object.defineProperty(result, String(key.value), {
            value: nodeValue(value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

type ParseErrorName = ReturnType<typeof printParseErrorCode>;

/** Plain-language messages for every jsonc-parser error code. */
const PARSE_ERROR_MESSAGES: Record<ParseErrorName, string> = {
  InvalidSymbol:
    'Unexpected text: values must be strings in double quotes, numbers, true, false, null, objects or arrays',
  InvalidNumberFormat: 'This is not a valid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon (:) after the property name',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: 'Expected a closing brace (}) to end the object',
  CloseBracketExpected: 'Expected a closing bracket (]) to end the array',
  EndOfFileExpected: 'Unexpected text after the end of the JSON object',
  InvalidCommentToken: 'A comment is not allowed here',
  UnexpectedEndOfComment: 'This block comment is not closed: "*/" is missing',
  UnexpectedEndOfString: 'This string is not closed: the closing double quote is missing',
  UnexpectedEndOfNumber: 'This number is incomplete',
  InvalidUnicode: 'Invalid \\u escape in a string: it needs exactly four hexadecimal digits',
  InvalidEscapeCharacter:
    'Invalid escape in a string: a backslash must be followed by one of " \\ / b f n r t u',
  InvalidCharacter:
    'A string cannot contain a control character such as a tab or line break; write it as an escape (\\t, \\n)',
  '<unknown ParseErrorCode>': 'The JSON is not valid here',
};

function describeParseError(source: string, error: ParseError, root: Node | undefined): string {
  const name = printParseErrorCode(error.error);
  const container = root === undefined ? undefined : innermostContainer(root, error.offset);
  const found = source.charAt(error.offset);
  // `[1, 2}` or `{"a": 1]`: the real mistake is the unclosed container, not
  // the missing comma or value jsonc-parser reports first.
  if (
    (name === 'CommaExpected' || name === 'ValueExpected' || name === 'PropertyNameExpected') &&
    container !== undefined &&
    (found === '}' || found === ']') &&
    found !== (container.type === 'array' ? ']' : '}')
  ) {
    return container.type === 'array'
      ? `Expected a closing bracket (]) to end the array, not ${found}.`
      : `Expected a closing brace (}) to end the object, not ${found}.`;
  }
  if (name === 'CommaExpected') {
    return container?.type === 'array'
      ? 'Expected a comma between array items.'
      : container?.type === 'object'
        ? 'Expected a comma between properties.'
        : 'Expected a comma.';
  }
  if (name === 'InvalidSymbol') {
    const symbol = source.slice(error.offset, error.offset + Math.min(error.length, 40));
    if (symbol.startsWith("'")) {
      return 'Strings and property names must use double quotes, not single quotes.';
    }
    if (/^\s*:/.test(source.slice(error.offset + error.length))) {
      return `Property names must be in double quotes: ${JSON.stringify(symbol)}.`;
    }
    return `${PARSE_ERROR_MESSAGES[name]}, not ${JSON.stringify(symbol)}.`;
  }
  return `${PARSE_ERROR_MESSAGES[name]}.`;
}

/** The deepest object or array whose text spans the offset. */
function innermostContainer(node: Node, offset: number): Node | undefined {
  if (offset <= node.offset || offset > node.offset + node.length) {
    return undefined;
  }
  for (const child of node.children ?? []) {
    const inner = innermostContainer(child, offset);
    if (inner !== undefined) {
      return inner;
    }
  }
  return node.type === 'object' || node.type === 'array' ? node : undefined;
}

/**
 * jsonc-parser reports string errors at the start of the string; point at
 * the offending escape or character instead, which is what needs fixing.
 */
function refineErrorOffset(source: string, error: ParseError): number {
  const name = printParseErrorCode(error.error);
  if (
    name !== 'InvalidEscapeCharacter' &&
    name !== 'InvalidUnicode' &&
    name !== 'InvalidCharacter'
  ) {
    return error.offset;
  }
  const end = error.offset + error.length;
  for (let index = error.offset + 1; index < end; index++) {
    const char = source.charCodeAt(index);
    if (name === 'InvalidCharacter' && char < 0x20) {
      return index;
    }
    if (char === 0x5c /* backslash */) {
      const next = source[index + 1] ?? '';
      if (name === 'InvalidEscapeCharacter' && !'"\\/bfnrtu'.includes(next)) {
        return index;
      }
      if (name === 'InvalidUnicode' && next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(source.slice(index + 2, index + 6))) {
          return index;
        }
      }
      index++;
    }
  }
  return error.offset;
}

/** Offsets to 1-based lines and columns (columns in UTF-16 units, as editors count). */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (char === '\r' && text[index + 1] === '\n') {
        index++;
        this.starts.push(index + 1);
      } else if (char === '\n' || char === '\r') {
        this.starts.push(index + 1);
      }
    }
  }

  position(offset: number): TextPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}
