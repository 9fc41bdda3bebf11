import { ConfigError } from '../errors';

/**
 * Limits on the shape of a JSON (or JSONC) text, checked by one flat scan
 * before anything walks it: the parser, validation and substitution are
 * recursive, and a file nested thousands deep (or an object with a hundred
 * thousand entries, spread into an argument list) overflowed the stack.
 * Real configs nest a dozen levels and hold dozens of entries.
 */
export const MAX_JSON_DEPTH = 100;
export const MAX_JSON_ENTRIES = 10_000;

interface Open {
  kind: 'object' | 'array';
  line: number;
  column: number;
  entries: number;
}

/** Throws a ConfigError at the offending bracket when the text is nested too deep or a container is too large. */
export function checkJsonLimits(text: string, file: string): void {
  const stack: Open[] = [];
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
      lineStart = index + 1;
    } else if (char === '"') {
      // Skip the string; an escaped character is never its end.
      index++;
      while (index < text.length && text[index] !== '"' && text[index] !== '\n') {
        index += text[index] === '\\' ? 2 : 1;
      }
    } else if (char === '/' && text[index + 1] === '/') {
      while (index + 1 < text.length && text[index + 1] !== '\n') {
        index++;
      }
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 1;
      for (let inner = index; inner < stop; inner++) {
        if (text[inner] === '\n') {
          line++;
          lineStart = inner + 1;
        }
      }
      index = stop;
    } else if (char === '{' || char === '[') {
      const column = index - lineStart + 1;
      if (stack.length >= MAX_JSON_DEPTH) {
        throw new ConfigError(
          `Arrays and objects are nested more than ${MAX_JSON_DEPTH} deep here; Slipway reads no deeper. Flatten this value.`,
          file,
          line,
          column,
        );
      }
      stack.push({ kind: char === '{' ? 'object' : 'array', line, column, entries: 1 });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      const open = stack[stack.length - 1];
      if (open !== undefined && ++open.entries > MAX_JSON_ENTRIES) {
        throw new ConfigError(
          `This ${open.kind} has more than ${MAX_JSON_ENTRIES} entries; Slipway reads at most ${MAX_JSON_ENTRIES} in one array or object.`,
          file,
          open.line,
          open.column,
        );
      }
    }
  }
}
