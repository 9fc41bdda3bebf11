import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { HOSTS_MARK, composeKeepAliveScript } from '../../../src/core/compose/process';
import { planJson } from '../../../src/core/engine/planCommand';
import { decodeLabelValue } from '../../../src/core/plan/labels';
import { renderPlan } from '../../../src/core/plan/render';
import { checkAppleArgv } from '../../support/appleGrammar';
import { WORKSPACE } from '../../support/planFixture';
import { COMPOSE, DC, planCompose, PROJECT, runOf, values } from './fixture';

const APP_DB = `services:
  app:
    image: node:22
    command: sleep infinity
    volumes:
      - ..:/workspace:cached
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: secret
    ports:
      - "127.0.0.1:5432:5432"
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 2s
    volumes:
      - data:/var/lib/postgresql/data
volumes:
  data: {}
`;

describe('compose plan: an app and its database', () => {
  it('plans networks, volumes, then each service in dependency order with health waits and hosts syncs', async () => {
    const plan = await planCompose(APP_DB);
    assert.deepEqual(
      plan.commands.map((c) => c.step),
      ['network', 'volume', 'run', 'health', 'hosts', 'run', 'hosts'],
    );
    assert.deepEqual(plan.commands[0]!.argv, [
      'container',
      'network',
      'create',
      '--label',
      `com.docker.compose.project=${PROJECT}`,
      '--label',
      'com.docker.compose.network=default',
      `${PROJECT}_default`,
    ]);
    assert.deepEqual(plan.commands[1]!.argv.slice(-1), [`${PROJECT}_data`]);
    assert.equal(plan.containerName, `${PROJECT}-app-1`);
    assert.equal(plan.compose?.project, PROJECT);
    assert.deepEqual(
      plan.compose?.services.map((s) => [s.name, s.role]),
      [
        ['db', 'dependency'],
        ['app', 'primary'],
      ],
    );
    for (const command of plan.commands) {
      assert.deepEqual(checkAppleArgv(command.argv), [], command.argv.join(' '));
    }
  });

  it('runs the database with its own options and the Compose labels only', async () => {
    const plan = await planCompose(APP_DB);
    const db = runOf(plan, 'db');
    assert.deepEqual(db.slice(0, 11), [
      'container',
      'run',
      '-d',
      '--name',
      `${PROJECT}-db-1`,
      '--platform',
      'linux/arm64',
      '--cpus',
      '2',
      '--memory',
      '1G',
    ]);
    assert.deepEqual(values(db, '-e'), ['POSTGRES_PASSWORD=secret']);
    assert.deepEqual(values(db, '-p'), ['127.0.0.1:5432:5432']);
    assert.deepEqual(values(db, '--mount'), [
      `type=volume,source=${PROJECT}_data,target=/var/lib/postgresql/data`,
    ]);
    assert.deepEqual(values(db, '--network'), [`${PROJECT}_default`]);
    const labels = values(db, '-l').map((l) => l.split('=')[0]);
    assert.deepEqual(labels.slice(0, 4), [
      'com.docker.compose.project',
      'com.docker.compose.service',
      'com.docker.compose.container-number',
      'com.docker.compose.oneoff',
    ]);
    assert.ok(
      !labels.includes('devcontainer.local_folder'),
      'devcontainer labels on the dev container only',
    );
    assert.equal(db.at(-1), 'postgres:16');
  });

  it('wraps the dev container service in the keep-alive that waits for its hosts block, keeping its command', async () => {
    const plan = await planCompose(APP_DB, { containerEnv: { A: '1' } });
    const app = runOf(plan, 'app');
    const image = app.indexOf('node:22');
    assert.deepEqual(app.slice(image - 2), [
      '--entrypoint',
      '/bin/sh',
      'node:22',
      '-c',
      composeKeepAliveScript([]),
      '-',
      'sleep',
      'infinity',
    ]);
    assert.match(composeKeepAliveScript([]), /until slipway_hosts \|\| \[ "\$n" -ge 10 \]/);
    assert.match(composeKeepAliveScript([]), /exec "\$@"/);
    assert.deepEqual(values(app, '--mount'), [
      `type=virtiofs,source=${WORKSPACE},target=/workspace`,
    ]);
    assert.deepEqual(values(app, '-e'), ['A=1']);
    const labels = Object.fromEntries(
      values(app, '-l').map((l) => [
        l.slice(0, l.indexOf('=')),
        decodeLabelValue(l.slice(l.indexOf('=') + 1)),
      ]),
    );
    assert.equal(labels['devcontainer.local_folder'], WORKSPACE);
    assert.equal(labels['devcontainer.config_file'], `${DC}/devcontainer.json`);
    assert.equal(labels['com.docker.compose.service'], 'app');
    assert.equal(plan.shutdownAction, 'stopCompose');
  });

  it('overrideCommand true runs the keep-alive alone', async () => {
    const plan = await planCompose(APP_DB, { overrideCommand: true });
    const app = runOf(plan, 'app');
    assert.deepEqual(app.slice(-4), ['node:22', '-c', composeKeepAliveScript([]), '-']);
  });

  it('waits for health with Compose defaults filled in, and writes every name into /etc/hosts', async () => {
    const plan = await planCompose(APP_DB);
    const db = plan.compose!.services[0]!;
    assert.deepEqual(db.healthcheck, {
      argv: ['container', 'exec', `${PROJECT}-db-1`, '/bin/sh', '-c', 'pg_isready -U postgres'],
      intervalMs: 2000,
      timeoutMs: 30_000,
      retries: 3,
      startPeriodMs: 0,
      startIntervalMs: 5000,
    });
    assert.deepEqual(plan.compose!.hosts[`${PROJECT}-app-1`], [
      `{{ip:${PROJECT}-db-1}} db ${PROJECT}-db-1 ${HOSTS_MARK}`,
      `{{ip:${PROJECT}-app-1}} app ${PROJECT}-app-1 ${HOSTS_MARK}`,
    ]);
    const sync = plan.commands.at(-1)!.argv;
    assert.deepEqual(sync.slice(0, 8), [
      'container',
      'exec',
      '--uid',
      '0',
      `${PROJECT}-app-1`,
      '/bin/sh',
      '-c',
      sync[7],
    ]);
  });

  it('shows the project in the text plan, and its services in --json', async () => {
    const plan = await planCompose(APP_DB);
    const text = renderPlan(plan);
    assert.match(text, new RegExp(`Compose project ${PROJECT} \\(${COMPOSE}\\), in start order:`));
    assert.match(text, /db {2}proj_devcontainer-db-1 {2}2 CPUs, 1G memory/);
    assert.match(text, /after db \(service_healthy\)/);
    assert.match(text, /memory reserved in total: 5 GiB/);
    const json = planJson(plan) as { services: unknown[] };
    assert.deepEqual(json.services[0], {
      name: 'db',
      containerName: `${PROJECT}-db-1`,
      role: 'dependency',
      dependsOn: [],
      cpus: 2,
      memory: '1G',
      ports: ['127.0.0.1:5432:5432'],
    });
  });
});
