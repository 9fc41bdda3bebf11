/**
 * Reading JSON that came from outside Slipway (`container`'s output, a
 * registry's answers, Docker's config.json) without trusting its shape: each
 * reader takes any value and gives the type asked for or `undefined`, so a
 * parser reads a field as `asString(record?.digest)` and decides once what a
 * missing or mistyped field means, instead of checking and casting inline.
 * devcontainer.json is checked more strictly, with positions, in
 * src/core/config/validate.ts.
 */

export type JsonRecord = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string with something in it: an empty token or helper name means "none". */
export function asNonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number (JSON has no NaN or Infinity, but a parsed value may be anything). */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A whole number from 0 up that a double holds exactly: sizes, counts. */
export function asCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
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

/** `JSON.parse` that says why instead of throwing, for callers with their own error to raise. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
