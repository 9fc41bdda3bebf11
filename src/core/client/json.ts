import { parseJson } from '../json/read';
import { ContainerCliError } from './types';

/**
 * Reading `container`'s JSON without trusting it: every field is read with
 * the readers of src/core/json/read.ts, because the shapes changed at 1.0 and
 * keys come and go between releases. A missing or mistyped optional field
 * reads as `undefined`. What is particular to `container` lives here: its
 * error for output Slipway cannot read, and its two date formats.
 */

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
  const parsed = parseJson(stdout);
  if (!parsed.ok) {
    throw unexpectedOutput(what, `invalid JSON (${parsed.reason})`, stdout);
  }
  return parsed.value;
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
