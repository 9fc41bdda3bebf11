import { parseJsonOutput } from './json';
import { parseContainers } from './parseContainers';
import { DEFAULT_STOP_SECONDS, TIMEOUTS } from './timeouts';
import type { ContainerCommand, ContainerInfo } from './types';

/**
 * Builders for the per-container verbs. Lifecycle verbs print the IDs they
 * acted on; Slipway already knows them, so their stdout is ignored.
 */

const ignoreOutput = (): void => undefined;

/** No IDs is a bug in the caller; Apple would answer with a usage error that blames the user. */
function requireIds(verb: string, ids: readonly string[]): string[] {
  if (ids.length === 0) {
    throw new RangeError(`container ${verb} needs at least one container ID`);
  }
  return [...ids];
}

/** `list --all --format json`: every container, running or not (there is no `--filter`). */
export function listCommand(): ContainerCommand<ContainerInfo[]> {
  return {
    args: ['list', '--all', '--format', 'json'],
    parse: parseContainers,
    timeoutMs: TIMEOUTS.query,
    summary: 'list containers',
  };
}

/**
 * `inspect <id…>`. For an unknown ID, 1.x fails with `containerNotFound` while
 * 0.x printed `[]`; callers that want "maybe" should treat both as absent.
 */
export function inspectCommand(ids: readonly string[]): ContainerCommand<ContainerInfo[]> {
  return {
    args: ['inspect', ...requireIds('inspect', ids)],
    parse: parseContainers,
    timeoutMs: TIMEOUTS.query,
    summary: `inspect ${ids.join(', ')}`,
  };
}

/**
 * `inspect <id>` as Apple printed it, re-indented for reading (Inspect
 * Container shows the CLI's own JSON, not Slipway's reading of it).
 */
export function inspectJsonCommand(id: string): ContainerCommand<string> {
  return {
    args: ['inspect', ...requireIds('inspect', [id])],
    parse: (stdout) => JSON.stringify(parseJsonOutput(stdout, `the inspection of ${id}`), null, 2),
    timeoutMs: TIMEOUTS.query,
    summary: `inspect ${id}`,
  };
}

/** `start <id>`: boots the stopped container's VM again, keeping its root filesystem. */
export function startCommand(id: string): ContainerCommand<void> {
  return {
    args: ['start', id],
    parse: ignoreOutput,
    timeoutMs: TIMEOUTS.start,
    summary: `start ${id}`,
  };
}

/**
 * `stop [-t N] <id>`: the stop signal, then SIGKILL after N seconds (Apple's
 * default 5). The time limit leaves room for the grace period.
 */
export function stopCommand(
  id: string,
  options: { timeSeconds?: number } = {},
): ContainerCommand<void> {
  const time = options.timeSeconds;
  return {
    args: time === undefined ? ['stop', id] : ['stop', '-t', String(time), id],
    parse: ignoreOutput,
    timeoutMs: (time ?? DEFAULT_STOP_SECONDS) * 1000 + TIMEOUTS.stopMargin,
    summary: `stop ${id}`,
  };
}

/** `kill [-s SIG] <id>`; Apple's default signal is KILL. */
export function killCommand(id: string, options: { signal?: string } = {}): ContainerCommand<void> {
  return {
    args: options.signal === undefined ? ['kill', id] : ['kill', '-s', options.signal, id],
    parse: ignoreOutput,
    timeoutMs: TIMEOUTS.query,
    summary: `kill ${id}`,
  };
}

/** `delete [-f] <id>`: without force a running container is refused (`containerRunning`). */
export function deleteCommand(
  id: string,
  options: { force?: boolean } = {},
): ContainerCommand<void> {
  return {
    args: options.force ? ['delete', '-f', id] : ['delete', id],
    parse: ignoreOutput,
    timeoutMs: TIMEOUTS.delete,
    summary: `delete ${id}`,
  };
}

/**
 * `logs [-n N] [--boot] <id>`: the container's output so far (or the VM's boot
 * log). Following (`-f`) never ends, so it belongs to `runAttached`.
 */
export function logsCommand(
  id: string,
  options: { lines?: number; boot?: boolean } = {},
): ContainerCommand<string> {
  const args = ['logs'];
  if (options.boot) {
    args.push('--boot');
  }
  if (options.lines !== undefined) {
    args.push('-n', String(options.lines));
  }
  args.push(id);
  return {
    args,
    parse: (stdout) => stdout,
    timeoutMs: TIMEOUTS.query,
    summary: `read the logs of ${id}`,
  };
}
