/**
 * Sizes as Apple reads them (`--memory`, `--shm-size`, tmpfs `size=`). The
 * parser is public: the `container` stand-in uses it too.
 */

import { type GrammarProblem, runtimeError } from './problems';

export const MIB = 1024 * 1024;
const UNIT_EXPONENT: Readonly<Record<string, number>> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * A size as Apple reads `--memory`, `--shm-size` and tmpfs `size=`: a number,
 * then optionally a unit b/k/m/g/t/p followed by nothing, `b` or `ib`. Case and
 * surrounding blanks don't matter, every unit is binary, and no unit means bytes.
 */
export function parseAppleSize(text: string): { bytes: number } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') {
    return { error: 'invalid size' };
  }
  const numberPart = /^[0-9.]*/.exec(trimmed)?.[0] ?? '';
  const unit = trimmed.slice(numberPart.length).trim();
  if (!/^(\d+\.?\d*|\.\d+)$/.test(numberPart)) {
    return { error: 'invalid size' };
  }
  const symbol = unit === '' ? 'b' : unit.charAt(0);
  const exponent = UNIT_EXPONENT[symbol];
  if (exponent === undefined || !['', 'b', 'ib'].includes(unit.slice(1))) {
    return { error: `invalid symbol: ${unit}` };
  }
  return { bytes: Number(numberPart) * 1024 ** exponent };
}

export function sizeProblems(value: string): GrammarProblem[] {
  const size = parseAppleSize(value);
  return 'error' in size ? [runtimeError(size.error)] : [];
}
