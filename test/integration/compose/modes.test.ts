import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildCli, workspace } from '../slipway/harness';
import {
  BUSYBOX,
  composeRun,
  DEBIAN,
  RESPONDER,
  RESPONDER_HEALTH,
  type ComposeRun,
} from './harness';

/**
 * The other shapes of Compose dev containers on the stand-in:
 * `network_mode: service:db` (the app reaches db at localhost, through
 * Slipway's forwarder), a one-shot migration that must complete, and
 * `runServices`.
 */

function config(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    dockerComposeFile: 'compose.yml',
    service: 'app',
    workspaceFolder: '/workspaces/app',
    ...extra,
  });
}

describe('Compose: network_mode, one-shot services, runServices (integration)', function () {
  this.timeout(300_000);
  let run: ComposeRun;

  before(() => {
    buildCli();
    run = composeRun('modes');
  });

  after(() => run?.cleanUp());

  it('network_mode service:db: the app reaches db at localhost:5432', () => {
    // Debian has perl (the forwarder) and bash (the client), no nc.
    const folder = workspace('shared', {
      '.devcontainer/devcontainer.json': config({
        postCreateCommand: "bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432; head -n 1 <&3 > /tmp/reply'",
        waitFor: 'postCreateCommand',
      }),
      '.devcontainer/compose.yml': `
services:
  app:
    image: ${DEBIAN}
    command: ["sleep", "1000000"]
    network_mode: service:db
    volumes:
      - ..:/workspaces/app
    depends_on:
      db:
        condition: service_healthy
  db:
    image: ${BUSYBOX}
    command: ${RESPONDER}
    expose: ["5432"]${RESPONDER_HEALTH}
`,
    });
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      (result.json.warnings as Array<{ property: string }>).filter(
        (w) => w.property === 'network_mode',
      ),
      [],
    );
    assert.equal(
      run.container(['exec', 'shared_devcontainer-app-1', 'cat', '/tmp/reply']).stdout,
      'ok\n',
    );
    // A second up does not start a second forwarder, and the bridge still answers.
    assert.equal(run.up(folder).status, 0);
    assert.equal(
      run.container([
        'exec',
        'shared_devcontainer-app-1',
        'bash',
        '-c',
        'exec 3<>/dev/tcp/127.0.0.1/5432; head -n 1 <&3',
      ]).stdout,
      'ok\n',
    );
    assert.equal(run.run(['down'], folder).status, 0);
  });

  it('service_completed_successfully: runs the migration first; a failing one stops up, naming it', () => {
    const compose = (exit: number) => `
services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: ${BUSYBOX}
    command: ["sh", "-c", "echo migrating; exit ${exit}"]
`;
    const good = workspace('migrate', {
      '.devcontainer/devcontainer.json': config(),
      '.devcontainer/compose.yml': compose(0),
    });
    const result = run.up(good);
    assert.equal(result.status, 0, result.stderr);
    assert.ok('run:migrate' in (result.json.timings as Record<string, number>));
    assert.match(result.stderr, /migrating/);
    assert.equal(run.run(['down'], good).status, 0);

    const bad = workspace('migratebad', {
      '.devcontainer/devcontainer.json': config(),
      '.devcontainer/compose.yml': compose(3),
    });
    const failed = run.up(bad);
    assert.equal(failed.status, 1);
    assert.match(
      String(failed.json.message),
      /The service migrate \(run to completion for depends_on condition service_completed_successfully\) exited with 3\. Its last output:\nmigrating/,
    );
    // The dev container was never created.
    assert.doesNotMatch(run.container(['list', '--all']).stdout, /migratebad_devcontainer-app-1/);
    run.container(['delete', '--force', 'migratebad_devcontainer-migrate-1']);
  });

  it('runServices: only the named services, the dev container and its dependencies start', () => {
    const folder = workspace('some', {
      '.devcontainer/devcontainer.json': config({ runServices: ['cache'] }),
      '.devcontainer/compose.yml': `
services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
  cache:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
  extra:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
`,
    });
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    const listed = run.container(['list', '--all', '--quiet']).stdout.split('\n').sort();
    assert.deepEqual(
      listed.filter((id) => id.startsWith('some_')),
      ['some_devcontainer-app-1', 'some_devcontainer-cache-1'],
    );
    run.assertContained();
    assert.equal(run.run(['down'], folder).status, 0);
  });
});
