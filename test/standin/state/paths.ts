/**
 * Where the stand-in keeps its state: one folder per "machine", so test runs
 * can each have their own (CONTAINER_STANDIN_STATE) while podman's store is
 * shared. Everything podman-side is named after a hash of this folder, so two
 * state folders never see each other's containers or volumes.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export interface StatePaths {
  readonly root: string;
  readonly containers: string;
  readonly lock: string;
  readonly service: string;
  /** Where Apple would keep volume images; reported in `mounts[].source`, never used. */
  readonly volumes: string;
  /** A short tag identifying this state folder in podman names and labels. */
  readonly tag: string;
}

/** The repository root, found from the bundle's place: test/standin/dist/container.js. */
function repoRoot(): string {
  return resolve(__dirname, '..', '..', '..');
}

export function statePaths(env: NodeJS.ProcessEnv): StatePaths {
  const configured = env.CONTAINER_STANDIN_STATE;
  const root = resolve(
    configured !== undefined && configured !== ''
      ? configured
      : join(repoRoot(), '.test-state', 'standin'),
  );
  const tag = createHash('sha256').update(root).digest('hex').slice(0, 8);
  return {
    root,
    containers: join(root, 'containers'),
    lock: join(root, 'lock'),
    service: join(root, 'service.json'),
    volumes: join(root, 'volumes'),
    tag,
  };
}
