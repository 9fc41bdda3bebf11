import { interpolate, InterpolationProblem, type Lookup } from './interpolate';

/**
 * `.env` and `env_file` files by Compose's rules (compose-spec 05-services.md,
 * `env_file` format), not dotenv's: `VAR=VAL`, an optional `export `, `#`
 * comments, unquoted and double-quoted values interpolated, single-quoted
 * values literal, an inline ` #` comment only after an unquoted value,
 * `\n \t \r \\ \"` escapes in double quotes, quoted values over several lines,
 * and `VAR` alone leaving the variable unset.
 */

export class EnvFileProblem extends Error {
  override readonly name = 'SlipwayEnvFileProblem';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', $: '$' };

interface Cursor {
  lines: string[];
  index: number;
}

/** A quoted value, possibly over several lines; returns the raw body and what follows the quote. */
function quoted(cursor: Cursor, first: string, quote: string, lineNo: number): [string, string] {
  let text = first;
  for (;;) {
    let position = 0;
    while (position < text.length) {
      const char = text[position];
      if (quote === '"' && char === '\\') {
        position += 2;
        continue;
      }
      if (char === quote) {
        return [text.slice(0, position), text.slice(position + 1)];
      }
      position++;
    }
    cursor.index++;
    if (cursor.index >= cursor.lines.length) {
      throw new EnvFileProblem(
        `the ${quote === '"' ? 'double' : 'single'} quote is not closed`,
        lineNo,
        1,
      );
    }
    text += '\n' + cursor.lines[cursor.index];
  }
}

function unescape(body: string): string {
  return body.replace(/\\(.)/gs, (whole, char: string) => ESCAPES[char] ?? whole);
}

export function parseEnvFile(text: string, lookup: Lookup): Map<string, string> {
  const vars = new Map<string, string>();
  const ownFirst: Lookup = (name) => vars.get(name) ?? lookup(name);
  const expand = (value: string, lineNo: number, column: number): string => {
    try {
      return interpolate(value, ownFirst).value;
    } catch (error) {
      if (error instanceof InterpolationProblem) {
        throw new EnvFileProblem(error.message, lineNo, column);
      }
      throw error;
    }
  };
  const cursor: Cursor = { lines: text.replace(/\r\n/g, '\n').split('\n'), index: 0 };
  for (; cursor.index < cursor.lines.length; cursor.index++) {
    const lineNo = cursor.index + 1;
    const raw = cursor.lines[cursor.index] ?? '';
    const line = raw.trimStart();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const indent = raw.length - line.length;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const equals = body.indexOf('=');
    const key = (equals < 0 ? body : body.slice(0, equals)).trim();
    if (!KEY.test(key)) {
      throw new EnvFileProblem(
        `"${key}" is not a variable name (letters, digits, "_", "." and "-", not starting with a digit)`,
        lineNo,
        indent + 1,
      );
    }
    if (equals < 0) {
      // `VAR` alone: the variable is not set, as in Compose.
      continue;
    }
    const valueColumn = indent + (line.length - body.length) + equals + 2;
    const rest = body.slice(equals + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const [inner, after] = quoted(cursor, rest.slice(1), quote, lineNo);
      if (after.trim() !== '' && !after.trim().startsWith('#')) {
        throw new EnvFileProblem(
          `unexpected text after the closing quote of ${key}`,
          lineNo,
          valueColumn,
        );
      }
      vars.set(key, quote === "'" ? inner : expand(unescape(inner), lineNo, valueColumn));
      continue;
    }
    const comment = rest.search(/\s#/);
    const value = (comment < 0 ? rest : rest.slice(0, comment)).trim();
    vars.set(key, expand(value, lineNo, valueColumn));
  }
  return vars;
}
