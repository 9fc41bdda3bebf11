/**
 * JSON exactly as Foundation's JSONEncoder writes it (swift-foundation's
 * JSONWriter), because parsers are tested against these bytes:
 * - `/` is escaped as `\/` before 1.4.1; 1.4.1 stopped escaping it (#2205),
 *   so the writer follows the release the process plays (`setEscapeSlashes`);
 * - control characters other than \b \f \n \r \t become `\u00xx` (lower-case hex);
 * - pretty printing indents by two spaces and writes `"key" : value`;
 *   an empty array is `[`, newline, newline, indent, `]` (likewise `{}`);
 * - `sortedKeys` orders keys by their UTF-8 bytes; without it, keys keep the
 *   order the object was built in (Swift's is its Codable declaration order,
 *   give or take Dictionary hashing).
 * Keys whose value is `undefined` are left out, as Swift's encodeIfPresent does.
 */

/** A number written verbatim, for values past 2^53 such as UInt64.max rlimits. */
export class RawNumber {
  constructor(readonly digits: string) {}
}

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | RawNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

export interface JsonStyle {
  readonly pretty: boolean;
  readonly sortedKeys: boolean;
}

export const COMPACT_SORTED: JsonStyle = { pretty: false, sortedKeys: true };
export const PRETTY_SORTED: JsonStyle = { pretty: true, sortedKeys: true };
/** Before 1.0: `JSONEncoder()` with no options. */
export const COMPACT_UNSORTED: JsonStyle = { pretty: false, sortedKeys: false };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** One stand-in process plays one release, so this is set once, at start-up. */
let escapeSlashes = true;

export function setEscapeSlashes(escape: boolean): void {
  escapeSlashes = escape;
}

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const special = escapeSlashes ? /["\\/\u0000-\u001f]/g : /["\\\u0000-\u001f]/g;
  const escaped = text.replace(special, (char) => {
    return SIMPLE_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function indent(level: number): string {
  return '  '.repeat(level);
}

function write(value: JsonValue, style: JsonStyle, level: number): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error('JSONEncoder refuses non-finite numbers');
    }
    return String(value);
  }
  if (typeof value === 'string') {
    return quote(value);
  }
  if (value instanceof RawNumber) {
    return value.digits;
  }
  if (Array.isArray(value)) {
    const items = (value as readonly JsonValue[]).map((item) => write(item, style, level + 1));
    if (!style.pretty) {
      return `[${items.join(',')}]`;
    }
    const body = items.map((item) => indent(level + 1) + item).join(',\n');
    return `[\n${body}\n${indent(level)}]`;
  }
  const object = value as { readonly [key: string]: JsonValue | undefined };
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  if (style.sortedKeys) {
    keys.sort(compareUtf8);
  }
  const members = keys.map((key) => {
    const member = write(object[key] as JsonValue, style, level + 1);
    return style.pretty ? `${quote(key)} : ${member}` : `${quote(key)}:${member}`;
  });
  if (!style.pretty) {
    return `{${members.join(',')}}`;
  }
  const body = members.map((member) => indent(level + 1) + member).join(',\n');
  return `{\n${body}\n${indent(level)}}`;
}

export function encodeJson(value: JsonValue, style: JsonStyle): string {
  return write(value, style, 0);
}
