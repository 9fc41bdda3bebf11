import { unexpectedOutput } from './json';
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

function lastLine(stdout: string): string {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim());
  return lines.filter((line) => line !== '').pop() ?? '';
}

/**
 * A command from a plan's argv, without its leading `container` (the runner
 * supplies the executable). The result is the container ID for `run -d` and
 * `create`, otherwise stdout as printed. No time limit by default: run,
 * create and build may pull images.
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
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
  };
}
