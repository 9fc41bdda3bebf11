import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerInfo } from '../../../../src/core/client/types';
import {
  downProject,
  startProject,
  stopProject,
} from '../../../../src/core/engine/compose/projectActions';
import type { PlanRequest } from '../../../../src/core/engine/planWorkspace';
import { isConfigError } from '../../../../src/core/errors';
import { fakeDeps } from '../../../support/fakeEngine';
import {
  APP_DB_CONFIG as CONFIG,
  APP_DB_FILES as FILES,
  stoppedProject,
} from '../../../support/composeProject';

/**
 * The project node's Start, Stop and Remove: dependency order from the config when
 * it is there (through `up`'s Compose path), the creation order the labels
 * give when it is not, and `slipway stop`'s order for Stop.
 */

const request = (workspaceFolder: string, configFile: string): PlanRequest => ({
  workspaceFolder,
  configFile,
  settings: {},
  env: { HOME: '/Users/me', USER: 'me' },
});

function setUp(files: Record<string, string>, containers: ContainerInfo[]) {
  const deps = fakeDeps(files);
  deps.client.cliVersion = '1.5.0';
  for (const c of containers) {
    deps.client.containers.set(c.id, c);
  }
  return deps;
}

const verbs = (deps: ReturnType<typeof setUp>, verb: string) =>
  deps.client.calls.filter((c) => c.verb === verb).map((c) => c.args[0]);

describe('Compose project actions', () => {
  it('starts the stopped services in dependency order through up, with its hosts sync', async () => {
    const { project, containers } = await stoppedProject();
    const deps = setUp(FILES, containers);
    const result = await startProject(deps, { project, request });
    const [app, db] = ['app', 'db'].map((s) => containers.find((c) => c.id.includes(`-${s}-`))!.id);
    assert.deepEqual(verbs(deps, 'start'), [db, app]);
    assert.deepEqual(result.started, [db, app]);
    assert.equal(result.fallback, undefined);
    assert.ok(
      deps.client.calls.some((c) => c.verb === 'execCapture' && c.args.includes(app!)),
      "up's path writes the project's names into the containers",
    );
    assert.ok(
      [...deps.client.containers.values()].every((c) => c.state === 'running'),
      'every service runs',
    );
  });

  it('starts in creation order, the dev container last, and says so when the config is gone', async () => {
    const made = await stoppedProject();
    const project = made.project;
    // A third service, older than db: creation order puts it first.
    const db = made.containers.find((c) => c.id.includes('-db-'))!;
    const containers = [
      ...made.containers,
      { ...db, id: 'proj_devcontainer-cache-1', creationDate: '2026-08-07T09:00:00Z' },
    ];
    const { [CONFIG]: _gone, ...rest } = FILES;
    const deps = setUp(rest, containers);
    const result = await startProject(deps, { project, request });
    const isDev = (c: ContainerInfo) => c.labels['devcontainer.local_folder'] !== undefined;
    const byAge = containers
      .filter((c) => !isDev(c))
      .sort((a, b) => a.creationDate!.localeCompare(b.creationDate!));
    assert.deepEqual(
      verbs(deps, 'start'),
      [...byAge, ...containers.filter(isDev)].map((c) => c.id),
    );
    assert.match(
      result.fallback ?? '',
      /in the order its containers were created \(the dev container last\), since its config .*devcontainer\.json is not there any more/,
    );
    assert.match(result.fallback ?? '', /dependencies were not checked/);
  });

  it('starts in creation order, naming why, when a service has no container', async () => {
    const { project, containers } = await stoppedProject();
    const deps = setUp(
      FILES,
      containers.filter((c) => !c.id.includes('-db-')),
    );
    const result = await startProject(deps, { project, request });
    assert.match(result.fallback ?? '', /the services db have no container/);
    assert.equal(
      deps.client.calls.filter((c) => c.verb === 'run').length,
      0,
      'Start creates nothing',
    );
  });

  it('stops the dev container first, then the others newest first, and only the running ones', async () => {
    const { project, containers } = await stoppedProject();
    const running = containers.map((c) => ({ ...c, state: 'running' as const }));
    const deps = setUp(FILES, [...running, { ...running[0]!, id: 'other', labels: {} }]);
    const stopped = await stopProject(deps, { project });
    const app = running.find((c) => c.labels['devcontainer.local_folder'] !== undefined)!;
    assert.equal(stopped[0], app.id);
    assert.deepEqual([...stopped].sort(), running.map((c) => c.id).sort());
    assert.equal(
      deps.client.containers.get('other')?.state,
      'running',
      'other projects are left alone',
    );
    assert.deepEqual(await stopProject(deps, { project }), [], 'nothing left to stop');
  });

  it('removes the containers, then the networks, and the volumes only when asked', async () => {
    for (const volumes of [false, true]) {
      const { project, containers } = await stoppedProject();
      const deps = setUp(FILES, containers);
      const label = { 'com.docker.compose.project': project };
      const listed = {
        network: [
          {
            id: `${project}_default`,
            configuration: { name: `${project}_default`, labels: label },
          },
        ],
        volume: [
          { name: `${project}_data`, labels: label },
          { name: 'someone_elses', labels: {} },
        ],
      };
      const planned = deps.client.runPlanned.bind(deps.client);
      deps.client.runPlanned = async (args, options) => {
        const kind = args[0] as 'network' | 'volume';
        if (args[1] === 'list') {
          return JSON.stringify(listed[kind]);
        }
        return planned(args, options);
      };
      const removed = await downProject(deps, { project, volumes });
      assert.deepEqual([...removed.containers].sort(), containers.map((c) => c.id).sort());
      assert.deepEqual(removed.networks, [`${project}_default`]);
      assert.deepEqual(removed.volumes, volumes ? [`${project}_data`] : []);
      assert.equal(deps.client.containers.size, 0);
      const order = deps.client.calls
        .filter((c) => c.verb === 'remove' || c.args[1] === 'delete')
        .map((c) => (c.verb === 'remove' ? 'container' : c.args[0]));
      assert.deepEqual(order, [
        'container',
        'container',
        'network',
        ...(volumes ? ['volume'] : []),
      ]);
    }
  });

  it('says a project that is gone is gone, in words', async () => {
    const deps = setUp(FILES, []);
    const error = await stopProject(deps, { project: 'nothing_here' }).catch((e: unknown) => e);
    assert.ok(isConfigError(error));
    assert.match(error.message, /The Compose project nothing_here has no containers any more/);
  });
});
