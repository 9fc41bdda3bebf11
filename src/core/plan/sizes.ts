/**
 * Memory sizes. Docker (`--memory`), Apple (`--memory`) and the spec's
 * `hostRequirements.memory` all count units in powers of 1024, so one parser
 * serves them all; the output is always in Apple's own syntax.
 */

const UNIT_FACTORS: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;

/** Apple's server refuses containers with less memory than this (0.10+). */
export const APPLE_MIN_MEMORY_BYTES = 200 * MIB;

/**
 * Parses `512m`, `4G`, `4gb`, `4GiB`, `1.5g`, `8gb` or a bare number of bytes.
 * Returns the number of bytes, or `undefined` when the text is not a size.
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?\s*$/i.exec(text);
  if (!match) {
    return undefined;
  }
  const [, amount = '', unit = '', suffix] = match;
  // A lone "b" suffix ("512b") means bytes; "ib" needs a unit before it.
  if (suffix?.toLowerCase() === 'ib' && unit === '') {
    return undefined;
  }
  const factor = UNIT_FACTORS[unit.toLowerCase()] ?? 1;
  return Math.floor(Number(amount) * factor);
}

/**
 * Apple's syntax for a byte count: whole GiB as `NG`, otherwise whole MiB as
 * `NM` (Apple truncates to whole MiB anyway, so we round up to keep at least
 * what was asked for).
 */
export function formatAppleMemory(bytes: number): string {
  if (bytes % GIB === 0) {
    return `${bytes / GIB}G`;
  }
  return `${Math.ceil(bytes / MIB)}M`;
}

const PEOPLE_UNITS: ReadonlyArray<[number, string]> = [
  [2 ** 40, 'TiB'],
  [GIB, 'GiB'],
  [MIB, 'MiB'],
  [2 ** 10, 'KiB'],
];

/**
 * A size for people, the one way every message and view writes one: binary
 * units as Apple's own output has them (`4 GiB`, `1.5 GiB`, `45.23 MiB`), at
 * most two decimals, and bytes below 1 KiB (`10 bytes`, not `0 MiB`).
 */
export function describeSize(bytes: number): string {
  for (const [factor, unit] of PEOPLE_UNITS) {
    if (bytes >= factor) {
      return `${Number((bytes / factor).toFixed(2))} ${unit}`;
    }
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
