import { describeSize, formatAppleMemory, GIB, parseSize } from '../plan/sizes';

/**
 * The quick picks of Configure Container Resources. Each choice says why it
 * is there (the config asks for it, the running container has it, it is the
 * workspace setting), so picking is not guesswork about what applies now.
 */

export interface ResourceChoice {
  label: string;
  description?: string;
  detail?: string;
  /** `null`: remove the workspace setting. */
  value: number | string | null;
  picked?: boolean;
}

const USE_CONFIG_LABEL = "Use the config's value or the default";

/** 1, 2, 4, 6, 8, 10, 12, 16, then every 8: the counts people pick. */
function cpuLadder(limit: number): number[] {
  const ladder = [1, 2, 4, 6, 8, 10, 12, 16];
  for (let n = 24; n <= limit; n += 8) {
    ladder.push(n);
  }
  return ladder.filter((n) => n <= limit);
}

/** 1, 2, then 4, 6, 8, 12, 16, 24, ...: each power of two and one and a half times it. */
function memoryLadderGib(limit: number): number[] {
  const ladder = [1, 2];
  for (let n = 4; n <= limit; n *= 2) {
    ladder.push(n, n * 1.5);
  }
  return ladder.filter((n) => n <= limit);
}

interface Candidate {
  amount: number;
  marks: string[];
}

const isCount = (n: number | undefined): n is number =>
  n !== undefined && Number.isInteger(n) && n > 0;
const isBytes = (n: number | undefined): n is number =>
  n !== undefined && Number.isFinite(n) && n > 0;

/**
 * The ladder plus the amounts that matter to this workspace (even beyond the
 * ladder's limit: the config may ask for more than the Mac should give), each
 * once, smallest first, with why it matters.
 */
function candidates(
  ladder: readonly number[],
  marked: ReadonlyArray<[number | undefined, string]>,
  valid: (n: number | undefined) => n is number,
): Candidate[] {
  const byAmount = new Map<number, string[]>(ladder.map((n) => [n, []]));
  for (const [amount, mark] of marked) {
    if (valid(amount)) {
      byAmount.set(amount, [...(byAmount.get(amount) ?? []), mark]);
    }
  }
  return [...byAmount.entries()]
    .sort(([a], [b]) => a - b)
    .map(([amount, marks]) => ({ amount, marks }));
}

/** A choice without the optional fields that are empty, so it reads cleanly in tests and logs. */
function choice(
  label: string,
  value: ResourceChoice['value'],
  extra: { description?: string; detail?: string; picked: boolean },
): ResourceChoice {
  const result: ResourceChoice = { label, value };
  if (extra.description !== undefined && extra.description !== '') {
    result.description = extra.description;
  }
  if (extra.detail !== undefined) {
    result.detail = extra.detail;
  }
  if (extra.picked) {
    result.picked = true;
  }
  return result;
}

/** First in both lists; picked while the workspace has no setting of its own. */
function clearChoice(settingSet: boolean): ResourceChoice {
  return choice(USE_CONFIG_LABEL, null, {
    description: settingSet ? "removes this workspace's setting" : undefined,
    picked: !settingSet,
  });
}

export function cpuChoices(input: {
  hostCpus: number;
  configCpus?: number;
  currentCpus?: number;
  settingCpus?: number;
}): ResourceChoice[] {
  const host = isCount(input.hostCpus) ? input.hostCpus : undefined;
  // Without the host's count, offer the ladder up to 16 rather than nothing.
  const list = candidates(
    cpuLadder(host ?? 16),
    [
      [input.configCpus, 'config asks for this'],
      [input.currentCpus, 'running container has this'],
      [input.settingCpus, "this workspace's setting"],
      [host, "all of this Mac's cores"],
    ],
    isCount,
  );
  const choices = list.map(({ amount, marks }) => {
    const beyond =
      host !== undefined && amount > host ? [`more than this Mac's ${host} cores`] : [];
    return choice(`${amount} CPU${amount === 1 ? '' : 's'}`, amount, {
      description: [...marks, ...beyond].join(' · '),
      picked: amount === input.settingCpus,
    });
  });
  return [clearChoice(input.settingCpus !== undefined), ...choices];
}

const FRACTIONS: ReadonlyArray<[number, string]> = [
  [1 / 8, 'an eighth'],
  [1 / 4, 'a quarter'],
  [1 / 3, 'a third'],
  [3 / 8, 'three eighths'],
  [1 / 2, 'half'],
  [5 / 8, 'five eighths'],
  [2 / 3, 'two thirds'],
  [3 / 4, 'three quarters'],
  [1, 'all'],
];

/** 'half of this Mac's 32 GiB', or a percentage where no simple fraction fits. */
export function memoryShare(bytes: number, hostBytes: number): string {
  const host = `this Mac's ${describeSize(hostBytes)}`;
  const ratio = bytes / hostBytes;
  if (ratio > 1) {
    return `more than ${host}`;
  }
  const fraction = FRACTIONS.find(([value]) => Math.abs(value - ratio) < 1e-9);
  if (fraction !== undefined) {
    return `${fraction[1]} of ${host}`;
  }
  const percent = Math.round(ratio * 100);
  return percent < 1 ? `under 1% of ${host}` : `${percent}% of ${host}`;
}

/** The memory pick's placeholder: the running container's peak against its limit, and the suggestion. */
export function memoryPlaceholder(input: {
  peakBytes?: number;
  currentMemoryBytes?: number;
  suggestedBytes?: number;
}): string {
  const parts = ['Memory of the container VM'];
  if (isBytes(input.peakBytes)) {
    parts.push(
      isBytes(input.currentMemoryBytes)
        ? `peak ${describeSize(input.peakBytes)} of its ${describeSize(input.currentMemoryBytes)}`
        : `peak ${describeSize(input.peakBytes)}`,
    );
  }
  if (isBytes(input.suggestedBytes)) {
    parts.push(`suggested ${describeSize(input.suggestedBytes)}`);
  }
  return parts.join(' · ');
}

export function memoryChoices(input: {
  hostMemoryBytes: number;
  configMemoryBytes?: number;
  currentMemoryBytes?: number;
  settingMemory?: string;
  /** The running container's highest use seen. */
  peakBytes?: number;
  /** The size to offer first (after an out-of-memory kill, or from the peak). */
  suggestedBytes?: number;
  /** Why it is suggested, e.g. `ran out of 4 GiB`. */
  suggestedBecause?: string;
}): ResourceChoice[] {
  const host = isBytes(input.hostMemoryBytes) ? input.hostMemoryBytes : undefined;
  const setting = input.settingMemory === undefined ? undefined : parseSize(input.settingMemory);
  // macOS and the editor need the rest; a bigger VM would only make the Mac swap.
  const limitGib = host === undefined ? 16 : (host * 3) / 4 / GIB;
  const list = candidates(
    memoryLadderGib(limitGib).map((gib) => gib * GIB),
    [
      [input.configMemoryBytes, 'config asks for this'],
      [
        input.currentMemoryBytes,
        isBytes(input.peakBytes)
          ? `running container has this, peak ${describeSize(input.peakBytes)}`
          : 'running container has this',
      ],
      [setting, "this workspace's setting"],
      [
        input.suggestedBytes,
        input.suggestedBecause === undefined ? 'suggested' : `suggested: ${input.suggestedBecause}`,
      ],
    ],
    isBytes,
  );
  const choices = list.map(({ amount, marks }) =>
    choice(describeSize(amount), formatAppleMemory(amount), {
      description: marks.join(' · '),
      detail: host === undefined ? undefined : memoryShare(amount, host),
      picked: amount === setting,
    }),
  );
  const all = [clearChoice(input.settingMemory !== undefined), ...choices];
  // The suggestion goes first, where the pick opens: Enter takes it.
  const suggested = isBytes(input.suggestedBytes)
    ? all.findIndex((c) => c.value === formatAppleMemory(input.suggestedBytes ?? 0))
    : -1;
  return suggested < 0 ? all : [...all.splice(suggested, 1), ...all];
}
