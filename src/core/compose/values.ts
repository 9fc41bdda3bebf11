import { ValueProblem } from '../plan/problems';

/**
 * Small value grammars of Compose files: Go durations (`1m30s`), command
 * strings split like a shell would (Compose uses shell words for `command:
 * "a b"`), and booleans written in YAML's many ways.
 */

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A Go duration in milliseconds; a bare number counts as seconds (Compose accepts it). */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    if (match.index !== consumed) {
      break;
    }
    total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
    consumed += match[0].length;
  }
  if (consumed !== trimmed.length || trimmed === '') {
    throw new ValueProblem(`"${text}" is not a duration (such as 30s, 1m30s or 500ms)`);
  }
  return total;
}

/** Splits a command string into words with shell quoting rules (no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote === "'") {
      if (char === "'") {
        quote = undefined;
      } else {
        current += char;
      }
    } else if (quote === '"') {
      if (char === '"') {
        quote = undefined;
      } else if (char === '\\' && /["\\$`]/.test(text[index + 1] ?? '')) {
        current += text[++index];
      } else {
        current += char;
      }
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < text.length) {
      current += text[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) {
        words.push(current);
        current = '';
        inWord = false;
      }
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new ValueProblem(
      `unterminated ${quote === '"' ? 'double' : 'single'} quote in "${text}"`,
    );
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}

export function isTrue(value: string | number | boolean | null | undefined): boolean {
  return (
    value === true ||
    (typeof value === 'string' && ['true', 'yes', 'on', '1'].includes(value.toLowerCase()))
  );
}
