import { ContainerCliError } from '../../client/types';
import { PROJECT_LABEL } from '../../compose/network';
import type { PlanCommand } from '../../plan/types';
import type { EngineDeps } from '../deps';

/**
 * The project's networks and volumes as Apple lists them (`network list` /
 * `volume list --format json`, both JSON eras: 1.x `{id, configuration}`,
 * before `{id, config}` or the bare volume), so `up` creates only what is
 * missing and `down` removes only what carries the project's label.
 */

export interface AppleResource {
  name: string;
  labels: Record<string, string>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function parseResources(stdout: string, what: string): AppleResource[] {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim() === '' ? '[]' : stdout);
  } catch {
    throw new ContainerCliError('unexpectedOutput', `container ${what} list printed no JSON.`);
  }
  if (!Array.isArray(value)) {
    throw new ContainerCliError(
      'unexpectedOutput',
      `container ${what} list printed no JSON array.`,
    );
  }
  return value.flatMap((item) => {
    const entry = record(item);
    const config = record(entry?.configuration) ?? record(entry?.config) ?? entry;
    const name = config?.name ?? entry?.name ?? entry?.id;
    if (typeof name !== 'string') {
      return [];
    }
    const labels: Record<string, string> = {};
    for (const [key, label] of Object.entries(record(config?.labels) ?? {})) {
      if (typeof label === 'string') {
        labels[key] = label;
      }
    }
    return [{ name, labels }];
  });
}

export async function listResources(
  deps: EngineDeps,
  kind: 'network' | 'volume',
  signal?: AbortSignal,
): Promise<AppleResource[]> {
  return parseResources(
    await deps.client.runPlanned([kind, 'list', '--format', 'json'], { signal }),
    kind,
  );
}

/** The last argument of a planned `network`/`volume` command: the resource's name. */
function nameOf(command: PlanCommand): string {
  return command.argv.at(-1) ?? '';
}

/**
 * Creates the networks and volumes the plan has that do not exist yet; an
 * external one (planned as `inspect`) must exist: a clear error otherwise.
 */
export async function ensureResources(
  deps: EngineDeps,
  commands: readonly PlanCommand[],
  signal?: AbortSignal,
): Promise<void> {
  for (const kind of ['network', 'volume'] as const) {
    const planned = commands.filter((command) => command.step === kind);
    if (planned.length === 0) {
      continue;
    }
    const existing = new Set((await listResources(deps, kind, signal)).map((r) => r.name));
    for (const command of planned) {
      const name = nameOf(command);
      if (existing.has(name)) {
        continue;
      }
      if (command.argv[2] === 'inspect') {
        throw new ContainerCliError(
          'failed',
          `The external ${kind} ${name} does not exist (the Compose file says \`external: true\`). Create it with \`container ${kind} create ${name}\`, or drop \`external\`.`,
        );
      }
      deps.log(`${command.description}...\n`);
      await deps.client.runPlanned(command.argv.slice(1), { signal });
    }
  }
}

/** Deletes the project's networks (and volumes, when asked), by label; returns their names. */
export async function removeProjectResources(
  deps: EngineDeps,
  kind: 'network' | 'volume',
  project: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const mine = (await listResources(deps, kind, signal)).filter(
    (resource) => resource.labels[PROJECT_LABEL] === project,
  );
  for (const resource of mine) {
    deps.log(`Removing ${kind} ${resource.name}...\n`);
    await deps.client.runPlanned([kind, 'delete', resource.name], { signal });
  }
  return mine.map((resource) => resource.name);
}
