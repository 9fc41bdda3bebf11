import { isRecord } from '../config/validate';
import { ContainerCliError } from './types';

/**
 * Reading `container`'s JSON without trusting it: every field is checked for
 * its type, because the shapes changed at 1.0 and keys come and go between
 * releases. A missing or mistyped optional field reads as `undefined`.
 */

export type JsonRecord = Record<string, unknown>;

/** The start of the output, for error messages that should not carry megabytes. */
function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

export function unexpectedOutput(what: string, problem: string, stdout: string): ContainerCliError {
  const shown = excerpt(stdout);
  return new ContainerCliError(
    'unexpectedOutput',
    `container printed something Slipway cannot read as ${what}: ${problem}${shown ? ` (output: ${shown})` : ''}. ` +
      'This container release may be newer than Slipway understands; please report it with `container --version`.',
  );
}

/** Parses stdout as JSON, or throws `unexpectedOutput` naming what was expected. */
export function parseJsonOutput(stdout: string, what: string): unknown {
  try {
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unexpectedOutput(what, `invalid JSON (${reason})`, stdout);
  }
}

// The config layer's check, so JSON from `container` and from files is read alike.
export { isRecord };

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The strings of an array, skipping anything else; `[]` when it is not an array. */
export function asStringArray(value: unknown): string[] {
  return (asArray(value) ?? []).filter((item): item is string => typeof item === 'string');
}

/** An object's string values, skipping anything else; `{}` when it is not an object. */
export function asStringRecord(value: unknown): Record<string, string> {
  const record = asRecord(value) ?? {};
  const strings: Record<string, string> = {};
  for (const key in record) {
    const entry = record[key];
    if (typeof entry === 'string') {
      strings[key] = entry;
    }
  }
  return strings;
}

/** Foundation's reference date, which pre-1.0 releases count `startedDate` seconds from. */
const FOUNDATION_EPOCH_MS = Date.UTC(2001, 0, 1);

/**
 * An ISO-8601 date from either era: 1.x prints ISO strings (kept as printed),
 * pre-1.0 prints seconds since 2001-01-01T00:00:00Z (converted).
 */
export function asIsoDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(FOUNDATION_EPOCH_MS + value * 1000).toISOString();
  }
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return value;
  }
  return undefined;
}
