import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { up } from '../../../src/core/engine/up';
import { fakeDeps } from '../../support/fakeEngine';
import { planCompose } from './fixture';
import { planFiles, WORKSPACE } from '../../support/planFixture';

/**
 * `forwardPorts` naming a Compose service (`"db:5432"`) reach that service
 * through the dev container's SSH connection; a name the project does not
 * start is said in the plan's warnings, for `slipway plan` and Reopen alike.
 */

const PAIR =
  'services:\n  app:\n    image: node\n    depends_on: [db]\n  db:\n    image: postgres\n';

describe('Compose forwardPorts', () => {
  it('warns in the plan for a name that is not a service of the project', async () => {
    const plan = await planCompose(PAIR, { forwardPorts: [3000, 'db:5432', 'redis:6379'] });
    // What makes "db:5432" work: the dev container's own hosts block names db.
    const primary = plan.compose!.services.find((s) => s.role === 'primary')!;
    assert.ok(plan.compose!.hosts[primary.containerName]!.some((line) => / db /.test(line)));
    const notes = plan.warnings.filter((w) => w.property === 'forwardPorts');
    assert.equal(notes.length, 1, JSON.stringify(plan.warnings));
    assert.match(
      notes[0]!.message,
      /"redis:6379" is not forwarded: "redis" is not a service this Compose project starts \(db, app\)/,
    );
  });

  it('warns for a service name in a single-container config', async () => {
    const plan = await planFiles({
      [`${WORKSPACE}/.devcontainer/devcontainer.json`]: JSON.stringify({
        image: 'node:20',
        forwardPorts: ['db:5432'],
      }),
    });
    assert.ok(
      plan.warnings.some(
        (w) =>
          w.property === 'forwardPorts' && /this config is not a Compose config/.test(w.message),
      ),
      JSON.stringify(plan.warnings),
    );
  });

  it('hands the window a forward to db:5432 by name, resolved inside the dev container', async () => {
    const dir = `${WORKSPACE}/.devcontainer`;
    const deps = fakeDeps({
      [`${dir}/devcontainer.json`]: JSON.stringify({
        dockerComposeFile: 'compose.yml',
        service: 'app',
        workspaceFolder: '/workspace',
        forwardPorts: [3000, 'db:5432', 'app:8080'],
      }),
      [`${dir}/compose.yml`]: PAIR,
    });
    const { result, background } = await up(deps, {
      workspaceFolder: WORKSPACE,
      settings: {},
      env: { HOME: '/Users/me' },
      trusted: true,
    });
    await background;
    assert.deepEqual(result.portForwards, [
      { port: 3000, host: '127.0.0.1' },
      { port: 5432, host: 'db' },
      { port: 8080, host: '127.0.0.1' },
    ]);
  });
});
