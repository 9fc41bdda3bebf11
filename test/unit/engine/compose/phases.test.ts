import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { Timings } from '../../../../src/core/engine/timings';
import { up, type UpRequest } from '../../../../src/core/engine/up';
import { busyText, phaseLabel } from '../../../../src/core/view/phases';
import { phasesFromTimings } from '../../../../src/core/view/startupHistory';
import { timelineHtml } from '../../../../src/core/view/timelineHtml';
import { fakeDeps } from '../../../support/fakeEngine';

/**
 * Reopen of a Compose config shows each service's start and each health
 * wait as its own phase: the engine's Timings announce them as they begin
 * (the status bar's spinner) and keep their times (the Startup Timeline).
 */

const WS = '/Users/me/shop';
const DIR = `${WS}/.devcontainer`;

const COMPOSE = `
services:
  app:
    image: img:1
    command: ["sleep", "infinity"]
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
  db:
    image: db:1
    healthcheck:
      test: ["CMD", "true"]
  migrate:
    image: db:1
    command: ["true"]
    depends_on: [db]
  docs:
    image: docs:1
`;

/** The silence bound each one-shot service's attached run was given. */
const oneShotIdleBounds: Array<number | undefined> = [];

function setup(config: Record<string, unknown> = {}) {
  const deps = fakeDeps({
    [`${DIR}/devcontainer.json`]: JSON.stringify({
      dockerComposeFile: 'compose.yml',
      service: 'app',
      workspaceFolder: '/workspaces/shop',
      runServices: ['app'],
      ...config,
    }),
    [`${DIR}/compose.yml`]: COMPOSE,
  });
  // A one-shot service runs attached (`container run` without -d) and is left stopped.
  const client = deps.client;
  const stream = client.execStreaming.bind(client);
  client.execStreaming = async (args, options) => {
    if (args[0] !== 'run') {
      return stream(args, options);
    }
    oneShotIdleBounds.push((options as { idleTimeoutMs?: number }).idleTimeoutMs);
    const name = (await client.runPlanned(args, {})).trim();
    client.containers.set(name, { ...client.containers.get(name)!, state: 'stopped' });
    options.onStdout?.('migrated\n');
    return 0;
  };
  return deps;
}

const request: UpRequest = {
  workspaceFolder: WS,
  settings: {},
  env: { HOME: '/Users/me' },
  trusted: true,
};

/** Runs `up` with a clock that notes each phase as it is announced. */
async function phasesOfUp(deps: ReturnType<typeof setup>) {
  const announced: string[] = [];
  const timings = new Timings(
    () => performance.now(),
    (phase) => announced.push(phase),
  );
  const { result, background } = await up(deps, { ...request, timings });
  await background;
  return { announced, recorded: Object.keys(result.timings), timings: result.timings };
}

const compose = (phases: string[]) =>
  phases.filter((phase) => /^(service|health|run):/.test(phase));

describe('Compose phases (engine Timings)', () => {
  it('announces each service start and health wait, in dependency order', async () => {
    const { announced, recorded } = await phasesOfUp(setup());
    const started = compose(announced);
    assert.deepEqual(started, ['service:db', 'health:db', 'run:migrate', 'service:app']);
    // The one-shot run is streamed under the hooks' silence bound, never unbounded.
    assert.ok(oneShotIdleBounds.length > 0 && oneShotIdleBounds.every((ms) => (ms ?? 0) > 0));
    // runServices: docs is neither started nor waited for.
    assert.ok(!announced.some((phase) => phase.endsWith(':docs')), announced.join(', '));
    for (const phase of started) {
      assert.ok(recorded.includes(phase), `${phase} recorded in ${recorded.join(', ')}`);
    }
    // Every start is followed by a hosts sync, shown as its own phase.
    assert.equal(announced.filter((phase) => phase === 'hosts').length, 2);
  });

  it('draws each service phase in the Startup Timeline', async () => {
    const { timings } = await phasesOfUp(setup());
    const html = timelineHtml({
      history: [
        {
          at: '2026-12-04T18:00:00.000Z',
          containerName: 'shop_devcontainer-app-1',
          action: 'created',
          outcome: 'ready',
          totalMs: 1000,
          phases: phasesFromTimings(timings),
        },
      ],
      nonce: 'n',
      cspSource: 'c',
    });
    for (const label of ['Start db', 'Wait for db to be healthy', 'Run migrate to completion']) {
      assert.ok(html.includes(`>${label}<`), `${label} in the waterfall`);
    }
  });

  it('a second up on the running project starts nothing and waits for nothing', async () => {
    const deps = setup();
    await phasesOfUp(deps);
    const { announced } = await phasesOfUp(deps);
    assert.deepEqual(compose(announced), []);
  });

  it('after the dev container stopped, checks its dependencies again and starts only it', async () => {
    const deps = setup();
    await phasesOfUp(deps);
    await deps.client.stop('shop_devcontainer-app-1');
    const { announced } = await phasesOfUp(deps);
    assert.deepEqual(compose(announced), ['health:db', 'run:migrate', 'service:app']);
  });

  it('words the phases for the status bar and the timeline', () => {
    assert.equal(busyText('service:db'), 'Starting db');
    assert.equal(phaseLabel('service:db'), 'Start db');
    assert.equal(busyText('health:db'), 'Waiting for db to be healthy');
    assert.equal(phaseLabel('health:db'), 'Wait for db to be healthy');
    assert.equal(busyText('run:migrate'), 'Running migrate to completion');
    assert.equal(phaseLabel('run:migrate'), 'Run migrate to completion');
    assert.equal(busyText('hosts'), 'Writing /etc/hosts blocks');
    assert.equal(busyText('resources'), 'Creating networks and volumes');
  });
});
