import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildCli, workspace } from '../slipway/harness';
import { BUSYBOX, composeRun, RESPONDER, RESPONDER_HEALTH, type ComposeRun } from './harness';

/**
 * An app + db Compose project on the stand-in, with real networking inside
 * a namespace the run owns: db is a TCP responder with a healthcheck, and
 * the app's postCreateCommand reaches it by name through Slipway's managed
 * /etc/hosts block.
 */

const COMPOSE = `
services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "1000000"]
    volumes:
      - ..:/workspaces/app
    depends_on:
      db:
        condition: service_healthy
  db:
    image: ${BUSYBOX}
    command: ${RESPONDER}
    volumes:
      - data:/data${RESPONDER_HEALTH}
volumes:
  data:
`;

const CONFIG = JSON.stringify({
  dockerComposeFile: 'compose.yml',
  service: 'app',
  workspaceFolder: '/workspaces/app',
  postCreateCommand: 'echo | nc -w 3 db 5432 > /tmp/reply',
  waitFor: 'postCreateCommand',
});

describe('Compose: app + db (integration)', function () {
  this.timeout(300_000);
  let run: ComposeRun;
  let folder: string;
  const app = 'app_devcontainer-app-1';
  const db = 'app_devcontainer-db-1';

  before(() => {
    buildCli();
    run = composeRun('appdb');
    folder = workspace('app', {
      '.devcontainer/devcontainer.json': CONFIG,
      '.devcontainer/compose.yml': COMPOSE,
    });
  });

  after(() => run?.cleanUp());

  const reply = () => run.container(['exec', app, 'sh', '-c', 'echo | nc -w 3 db 5432']).stdout;

  it('creates the network and volume, waits for db to be healthy, and the hook reaches db by name', () => {
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.json.action, 'created');
    const timings = result.json.timings as Record<string, number>;
    for (const phase of ['service:db', 'health:db', 'service:app', 'hosts']) {
      assert.ok(phase in timings, `phase ${phase} in ${JSON.stringify(timings)}`);
    }
    assert.equal(run.container(['exec', app, 'cat', '/tmp/reply']).stdout, 'ok\n');
    assert.match(run.container(['network', 'ls']).stdout, /app_devcontainer_default/);
    assert.match(run.container(['volume', 'ls']).stdout, /app_devcontainer_data/);
    const hosts = run.container(['exec', db, 'cat', '/etc/hosts']).stdout;
    assert.match(hosts, /^\S+ app app_devcontainer-app-1 # slipway-compose$/m);
  });

  it('a second up on the running project makes one container call', () => {
    run.resetCalls();
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.json.action, 'reused');
    assert.deepEqual(run.calls(), ['list --all --format json']);
  });

  it('a restarted db is found by name again after up', () => {
    assert.equal(run.container(['stop', db]).status, 0);
    assert.equal(run.container(['start', db]).status, 0);
    // Its own /etc/hosts lost the block at the restart.
    assert.doesNotMatch(run.container(['exec', db, 'cat', '/etc/hosts']).stdout, /slipway-compose/);
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    const [inspected] = JSON.parse(run.container(['inspect', db]).stdout) as Array<{
      status: { networks: Array<{ ipv4Address: string }> };
    }>;
    const ip = inspected?.status.networks[0]?.ipv4Address.split('/')[0];
    assert.ok(ip);
    assert.match(
      run.container(['exec', app, 'cat', '/etc/hosts']).stdout,
      new RegExp(`^${ip.replace(/\./g, '\\.')} db `, 'm'),
    );
    assert.match(run.container(['exec', db, 'cat', '/etc/hosts']).stdout, /slipway-compose/);
    assert.equal(reply(), 'ok\n');
  });

  it('stop stops every service; up starts them again', () => {
    const stopped = run.run(['stop'], folder);
    assert.equal(stopped.status, 0, stopped.stderr);
    const listed = run.container(['list', '--all']).stdout;
    assert.match(listed, new RegExp(`${app}\\s.*stopped`));
    assert.match(listed, new RegExp(`${db}\\s.*stopped`));
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.json.action, 'started');
    assert.equal(reply(), 'ok\n');
  });

  it('ls shows one row per service with the project', () => {
    const ls = run.run(['ls', '--json'], folder);
    const rows = JSON.parse(ls.stdout) as Array<{ id: string; project: string; service: string }>;
    assert.deepEqual(rows.map((r) => `${r.project}/${r.service}`).sort(), [
      'app_devcontainer/app',
      'app_devcontainer/db',
    ]);
  });

  it('keeps every packet inside the namespace', () => {
    run.assertContained();
  });

  it('down removes the containers and the network and keeps the volume; --volumes removes it', () => {
    const down = run.run(['down'], folder);
    assert.equal(down.status, 0, down.stderr);
    assert.equal(run.container(['list', '--all', '--quiet']).stdout, '');
    assert.doesNotMatch(run.container(['network', 'ls']).stdout, /app_devcontainer_default/);
    assert.match(run.container(['volume', 'ls']).stdout, /app_devcontainer_data/);
    assert.equal(run.up(folder).status, 0);
    const all = run.run(['down', '--volumes'], folder);
    assert.equal(all.status, 0, all.stderr);
    assert.doesNotMatch(run.container(['volume', 'ls']).stdout, /app_devcontainer_data/);
  });
});
