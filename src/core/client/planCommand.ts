import { unexpectedOutput } from './json';
import { TIMEOUTS } from './timeouts';
import type { ContainerCommand } from './types';

/**
 * Pass-through for argv the planner already built (`container run …`,
 * `container build …`): the planner owns the options, this only makes the
 * argv runnable and says how to read what it prints.
 */

const SUMMARIES: Readonly<Record<string, string>> = {
  run: 'run the dev container',
  create: 'create the dev container',
  build: 'build the dev container image',
  exec: 'run a command in the dev container',
};

/** `run -d` and `create` print the new container's ID and nothing else on stdout. */
function printsId(args: readonly string[]): boolean {
  const [verb] = args;
  return (
    verb === 'create' || (verb === 'run' && (args.includes('-d') || args.includes('--detach')))
  );
}

/**
 * The bound of a planned call that never downloads: a Compose project's
 * networks and volumes (list, inspect, create, delete) answer at once from
 * the service, so one that does not is the wedged service of reference §7,
 * reported instead of waited for. Builds, runs, creates and pulls may
 * download: they are bounded by the user's Cancel, not a clock.
 */
export function plannedTimeoutMs(args: readonly string[]): number | undefined {
  const [group, verb] = args;
  if (group !== 'network' && group !== 'volume') {
    return undefined;
  }
  if (verb === 'delete' || verb === 'rm' || verb === 'prune') {
    return TIMEOUTS.delete;
  }
  return TIMEOUTS.query;
}

function lastLine(stdout: string): string {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim());
  return lines.filter((line) => line !== '').pop() ?? '';
}

/**
 * A command from a plan's argv, without its leading `container` (the runner
 * supplies the executable). The result is the container ID for `run -d` and
 * `create`, otherwise stdout as printed. No time limit by default for run,
 * create and build, which may pull images (see plannedTimeoutMs).
 */
export function commandFromArgv(
  argv: readonly string[],
  options: { timeoutMs?: number; summary?: string; input?: string } = {},
): ContainerCommand<string> {
  const first = argv[0];
  const dropFirst = first !== undefined && (first === 'container' || first.endsWith('/container'));
  const args = dropFirst ? argv.slice(1) : [...argv];
  const verb = args[0];
  if (verb === undefined) {
    throw new RangeError('commandFromArgv needs at least a verb after `container`');
  }
  const id = printsId(args);
  const timeoutMs = options.timeoutMs ?? plannedTimeoutMs(args);
  return {
    args,
    parse: (stdout) => {
      if (!id) {
        return stdout;
      }
      const containerId = lastLine(stdout);
      if (containerId === '') {
        throw unexpectedOutput('a container ID', `\`container ${verb}\` printed no ID`, stdout);
      }
      return containerId;
    },
    summary: options.summary ?? SUMMARIES[verb] ?? `container ${verb}`,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
  };
}
