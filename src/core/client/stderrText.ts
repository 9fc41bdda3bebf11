/**
 * Picking Apple's own words out of `container`'s stderr. Errors print as
 * `Error: <message>` (0.10+) or `Error: <code>: "<message>"` (0.5–0.9), parse
 * errors add a usage block, and debug builds add a warning line; none of that
 * should reach the user twice.
 */

const DEBUG_BUILD_WARNING = /^Warning! Running debug build/;

/** Non-empty stderr lines, without the debug-build warning. */
export function stderrLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !DEBUG_BUILD_WARNING.test(line));
}

/** `code: "message"` with nothing else around it: the pre-0.10 form of a simple error. */
const CODED_MESSAGE = /^[A-Za-z]+: "(.*)"$/;

/**
 * Apple's main message: the first `Error:` line without the prefix, or the
 * last line when there is none. A bare `code: "message"` is unwrapped to the
 * message; wrapped errors (`… (cause: …)`) stay whole, since the cause is the
 * useful part.
 */
export function appleMessage(stderr: string): string {
  const lines = stderrLines(stderr);
  const errorLine = lines.find((line) => line.startsWith('Error:'));
  const chosen = errorLine ?? lines[lines.length - 1] ?? '';
  const message = chosen.replace(/^Error:\s*/, '').trim();
  return CODED_MESSAGE.exec(message)?.[1] ?? message;
}

/** The last few lines of stderr, without the usage block or `Error:` prefixes, for a generic failure. */
export function stderrTail(stderr: string, count = 5): string {
  const lines = stderrLines(stderr);
  const usageStart = lines.findIndex((line) => line.startsWith('Usage:'));
  const relevant = usageStart > 0 ? lines.slice(0, usageStart) : lines;
  return relevant
    .slice(-count)
    .map((line) => line.replace(/^Error:\s*/, ''))
    .join('\n');
}

const TWO_WORD_GROUPS = new Set([
  'image',
  'i',
  'system',
  's',
  'builder',
  'network',
  'n',
  'volume',
  'v',
  'registry',
  'r',
  'machine',
  'm',
]);

/** `container image pull`, `container run`: the verb of an argument list, for messages. */
export function describeCommand(args: readonly string[]): string {
  const verbs = args.filter((arg) => !arg.startsWith('-'));
  const [first, second] = verbs;
  if (first === undefined) {
    return ['container', ...args].join(' ');
  }
  if (TWO_WORD_GROUPS.has(first) && second !== undefined) {
    return `container ${first} ${second}`;
  }
  return `container ${first}`;
}
