import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { anonymousVolumeName } from '../../../src/core/compose/names';
import { renderPlan } from '../../../src/core/plan/render';
import { checkAppleArgv } from '../../support/appleGrammar';
import { WORKSPACE } from '../../support/planFixture';
import { composeError, COMPOSE, DC, planCompose, PROJECT, runOf, values } from './fixture';

function app(lines: string): string {
  return `services:\n  app:\n    image: debian\n${lines}`;
}

function grammarClean(argvs: string[][]): void {
  for (const argv of argvs) {
    assert.deepEqual(checkAppleArgv(argv), [], argv.join(' '));
  }
}

describe('compose translation: per-service options', () => {
  it('translates the process, user, limits, capabilities, DNS and terminal options', async () => {
    const plan = await planCompose(
      [
        'services:',
        '  app:',
        '    image: debian',
        '  worker:',
        '    image: busybox',
        '    entrypoint: ["/bin/run", "--fast"]',
        '    command: "serve \'two words\'"',
        '    user: "1000:1000"',
        '    working_dir: /srv',
        '    init: true',
        '    read_only: true',
        '    shm_size: 256m',
        '    ulimits: {nproc: 512, nofile: {soft: 1024, hard: 2048}}',
        '    cap_add: [sys_ptrace]',
        '    cap_drop: [NET_RAW]',
        '    dns: [1.1.1.1]',
        '    dns_search: [example.test]',
        '    dns_opt: [ndots:2]',
        '    tty: true',
        '    stdin_open: true',
        '    labels: [team=core]',
        '    stop_grace_period: 1m30s',
        '    platform: linux/amd64',
        '    expose: ["9000"]',
      ].join('\n'),
    );
    const worker = runOf(plan, 'worker');
    grammarClean([worker]);
    assert.deepEqual(values(worker, '-u'), ['1000:1000']);
    assert.deepEqual(values(worker, '-w'), ['/srv']);
    assert.deepEqual(values(worker, '--shm-size'), ['256m']);
    assert.deepEqual(values(worker, '--ulimit'), ['nproc=512:512', 'nofile=1024:2048']);
    assert.deepEqual(values(worker, '--cap-add'), ['SYS_PTRACE']);
    assert.deepEqual(values(worker, '--cap-drop'), ['NET_RAW']);
    assert.deepEqual(values(worker, '--dns-option'), ['ndots:2']);
    assert.deepEqual(values(worker, '--platform'), ['linux/amd64']);
    for (const flag of ['--init', '--read-only', '-t', '-i']) {
      assert.ok(worker.includes(flag), flag);
    }
    assert.ok(values(worker, '-l').includes('team=core'));
    assert.deepEqual(worker.slice(worker.indexOf('--entrypoint')), [
      '--entrypoint',
      '/bin/run',
      'busybox',
      '--fast',
      'serve',
      'two words',
    ]);
    const service = plan.compose!.services.find((s) => s.name === 'worker')!;
    assert.equal(service.stopTimeoutSeconds, 90);
    assert.equal(plan.minimumContainerVersion, '1.0.0');
  });

  it('publishes ports in short and long form, and warns about container-only ports', async () => {
    const plan = await planCompose(
      app(
        '    ports:\n      - "8080:80"\n      - 3000\n      - "[::1]:9229:9229/tcp"\n      - target: 53\n        published: "5353"\n        protocol: udp\n        host_ip: 127.0.0.1\n      - target: 7000\n',
      ),
    );
    assert.deepEqual(values(runOf(plan, 'app'), '-p'), [
      '8080:80',
      '[::1]:9229:9229/tcp',
      '127.0.0.1:5353:53/udp',
    ]);
    const notes = plan.warnings.filter((w) => w.message.includes('has no host port'));
    assert.deepEqual(
      notes.map((w) => w.property),
      [`${COMPOSE}:6:9`, `${COMPOSE}:12:9`],
    );
  });

  it('mounts binds relative to the Compose file, named and anonymous volumes, and tmpfs', async () => {
    const plan = await planCompose(
      app(
        '    volumes:\n      - ./src:/src:ro\n      - cache:/cache\n      - /anon\n      - type: tmpfs\n        target: /scratch\n    tmpfs: /run/x\nvolumes:\n  cache:\n    name: shared-cache\n',
      ),
    );
    const argv = runOf(plan, 'app');
    const anonymous = anonymousVolumeName(PROJECT, 'app', '/anon');
    assert.deepEqual(values(argv, '--mount'), [
      `type=virtiofs,source=${DC}/src,target=/src,readonly`,
      'type=volume,source=shared-cache,target=/cache',
      `type=volume,source=${anonymous},target=/anon`,
    ]);
    assert.deepEqual(values(argv, '--tmpfs'), ['/scratch', '/run/x']);
    assert.match(anonymous, new RegExp(`^${PROJECT}_app_anon_[0-9a-f]{12}$`));
    assert.deepEqual(
      plan.compose!.volumes.map((v) => [v.name, v.anonymous]),
      [
        ['shared-cache', false],
        [anonymous, true],
      ],
    );
    grammarClean(plan.commands.map((c) => c.argv));
  });

  it('checks that external volumes and networks exist instead of creating them', async () => {
    const plan = await planCompose(
      app(
        '    volumes: [data:/data]\n    networks: [outside]\nvolumes:\n  data:\n    external: true\nnetworks:\n  outside:\n    external: true\n    name: corp-net\n',
      ),
    );
    assert.deepEqual(
      plan.commands.slice(0, 2).map((c) => c.argv),
      [
        ['container', 'network', 'inspect', 'corp-net'],
        ['container', 'volume', 'inspect', 'data'],
      ],
    );
  });

  it('gives dependency services the dependency defaults, Compose limits or settings, never under 200 MiB', async () => {
    const compose = [
      'services:',
      '  app:',
      '    image: debian',
      '    mem_limit: 6g',
      '  db:',
      '    image: postgres',
      '    cpus: "1.5"',
      '    mem_limit: 100m',
      '  cache:',
      '    image: redis',
      '    deploy: {resources: {limits: {cpus: "1", memory: 512M}}}',
      '  queue:',
      '    image: rabbitmq',
    ].join('\n');
    const plan = await planCompose(
      compose,
      {},
      { settings: { composeServiceMemory: '2G', cpus: 8 }, host: { memoryBytes: 8 * 2 ** 30 } },
    );
    const byName = Object.fromEntries(
      plan.compose!.services.map((s) => [s.name, [s.cpus, s.memory, s.resourcesFrom]]),
    );
    assert.deepEqual(byName, {
      app: [8, '6G', 'cpus:setting,memory:compose'],
      db: [2, '200M', 'cpus:compose,memory:compose'],
      cache: [1, '512M', 'cpus:compose,memory:compose'],
      queue: [2, '2G', 'cpus:default,memory:setting'],
    });
    const messages = plan.warnings.map((w) => w.message);
    assert.ok(
      messages.some((m) =>
        m.includes('services.db.cpus: Apple container gives a VM whole CPUs; 1.5 becomes 2.'),
      ),
    );
    assert.ok(
      messages.some((m) =>
        m.includes("services.db.mem_limit: 100 MiB is under Apple container's minimum"),
      ),
    );
    assert.ok(
      messages.some((m) =>
        m.includes("reserve 8.7 GiB of memory together, more than this Mac's 8 GiB"),
      ),
    );
  });

  it('builds images from build: with context, dockerfile, args and target, and dockerfile_inline', async () => {
    const plan = await planCompose(
      [
        'services:',
        '  app:',
        '    build:',
        '      context: ..',
        '      dockerfile: docker/App.Dockerfile',
        '      args: [VARIANT=18]',
        '      target: dev',
        '  tool:',
        '    build:',
        '      dockerfile_inline: "FROM busybox"',
      ].join('\n'),
    );
    const builds = plan.commands.filter((c) => c.step === 'build').map((c) => c.argv);
    assert.deepEqual(builds[0], [
      'container',
      'build',
      '-f',
      `${WORKSPACE}/docker/App.Dockerfile`,
      '-t',
      `localhost/${PROJECT}-app:latest`,
      '--platform',
      'linux/arm64',
      '--target',
      'dev',
      '--build-arg',
      'VARIANT=18',
      WORKSPACE,
    ]);
    assert.equal(builds[1]![3], '{{slipway-inline-dockerfile}}/tool.Dockerfile');
    assert.deepEqual(plan.compose!.inlineDockerfiles, { tool: 'FROM busybox' });
    // The plan shows the inline Dockerfile's text, since no file in the workspace holds it.
    assert.match(
      renderPlan(plan),
      /tool .*\n {4}dockerfile_inline \(written to a temporary file for the build\):\n {6}FROM busybox\n/,
    );
    assert.equal(plan.image, `localhost/${PROJECT}-app:latest`);
    grammarClean(builds);
  });

  it("puts every service on Apple's default network before macOS 26, with a warning", async () => {
    const plan = await planCompose(
      app('    networks: [back]\nnetworks:\n  back: {}\n'),
      {},
      { host: { macosVersion: '15.6' } },
    );
    assert.deepEqual(values(runOf(plan, 'app'), '--network'), []);
    assert.ok(!plan.commands.some((c) => c.step === 'network'));
    assert.ok(plan.warnings.some((w) => w.message.includes('need macOS 26; this Mac runs 15.6')));
  });

  it('records what network_mode service: declares on each side, and warns about what cannot be bridged', async () => {
    const plan = await planCompose(
      'services:\n  app:\n    image: node\n    network_mode: service:db\n    expose: ["3000", "9229", "5000"]\n  db:\n    image: mongo\n    expose: ["27017", "53/udp", "5000"]\n    ports: ["8000-8001:8000-8001"]\n    networks: [back]\nnetworks:\n  back: {}\n',
      { forwardPorts: [3000, 'db:1433', 'other:80'] },
    );
    const app = plan.compose!.services.find((s) => s.name === 'app')!;
    // Plain forwardPorts may be either side's: the engine decides by who listens on them.
    assert.deepEqual(app.sharesNetworkWith, {
      service: 'db',
      ports: [27017, 5000, 1433],
      ownPorts: [3000, 9229, 5000],
    });
    const messages = plan.warnings
      .filter((w) => w.property === 'network_mode')
      .map((w) => w.message);
    assert.deepEqual(messages, [
      'network_mode service:db: port 8000-8001 of db is not bridged (only single TCP ports are); reach it at db:8000-8001.',
      'network_mode service:db: port 53/udp of db is not bridged (only single TCP ports are); reach it at db:53.',
      'network_mode service:db: port 5000 is declared by both app and db, so it is bridged neither way (one port on one localhost cannot be both); reach it at db:5000 or app:5000.',
    ]);
    assert.match(
      renderPlan(plan),
      /network_mode service:db: bridged both ways once both run: what db listens on \(and its ports 27017, 5000, 1433\) to this container's 127\.0\.0\.1, what this one listens on \(and its ports 3000, 9229, 5000\) to db's/,
    );
    assert.deepEqual(app.networks, [`${PROJECT}_back`]);
    assert.deepEqual(
      plan.compose!.services.map((s) => s.name),
      ['db', 'app'],
    );
  });

  it('runs a one-shot dependency to completion before its dependents', async () => {
    const plan = await planCompose(
      'services:\n  app:\n    image: node\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n  migrate:\n    image: node\n    command: npm run migrate\n',
    );
    const migrate = runOf(plan, 'migrate');
    assert.ok(!migrate.includes('-d'), 'runs in the foreground');
    assert.deepEqual(
      plan.commands.map((c) => c.step),
      ['network', 'run', 'run', 'hosts'],
    );
    assert.match(plan.commands[1]!.description, /to completion; its exit code must be 0/);
  });

  it('adds --cap-add ALL for privileged, with a warning, and leaves out restart with one', async () => {
    const plan = await planCompose(
      app('    privileged: true\n    restart: always\n    logging: {driver: none}\n'),
    );
    assert.deepEqual(values(runOf(plan, 'app'), '--cap-add'), ['ALL']);
    const properties = plan.warnings
      .filter((w) => w.property.startsWith(COMPOSE))
      .map((w) => w.message.split(':')[0]);
    assert.deepEqual(properties, [
      'services.app.privileged',
      'services.app.restart',
      'services.app.logging',
    ]);
  });
});

describe('compose translation: which services, in which order', () => {
  const PROFILED = [
    'services:',
    '  app:',
    '    image: node',
    '    depends_on: [api]',
    '  api:',
    '    image: api',
    '    depends_on: [db]',
    '  db:',
    '    image: postgres',
    '  debug:',
    '    image: tools',
    '    profiles: [debug]',
    '  docs:',
    '    image: docs',
  ].join('\n');

  it('orders by depends_on and starts the services of active profiles', async () => {
    const plan = await planCompose(PROFILED);
    assert.deepEqual(
      plan.compose!.services.map((s) => s.name),
      ['db', 'api', 'app', 'docs'],
    );
    const withDebug = await planCompose(PROFILED, {}, { env: { COMPOSE_PROFILES: 'debug' } });
    assert.deepEqual(
      withDebug.compose!.services.map((s) => s.name),
      ['db', 'api', 'app', 'debug', 'docs'],
    );
  });

  it('limits to runServices plus the dev container and their dependencies, profiles or not', async () => {
    const plan = await planCompose(PROFILED, { runServices: ['debug'] });
    assert.deepEqual(
      plan.compose!.services.map((s) => s.name),
      ['db', 'api', 'app', 'debug'],
    );
  });

  it('finds the dev container service even in an inactive profile', async () => {
    const plan = await planCompose(
      'services:\n  app:\n    image: node\n    profiles: [dev]\n  other:\n    image: x\n',
    );
    assert.deepEqual(
      plan.compose!.services.map((s) => s.name),
      ['app', 'other'],
    );
  });

  it('names a depends_on cycle', async () => {
    const error = await composeError(
      'services:\n  app:\n    image: a\n    depends_on: [b]\n  b:\n    image: b\n    depends_on: [app]\n',
    );
    assert.equal(
      error.message,
      'services.app.depends_on: the services depend on each other in a cycle: app → b → app',
    );
    assert.deepEqual([error.file, error.line, error.column], [COMPOSE, 4, 5]);
  });

  it('refuses a missing service, a missing dependency and a service_healthy target without a healthcheck', async () => {
    const missing = await composeError('services:\n  web:\n    image: a\n');
    assert.match(
      missing.message,
      /The service "app" is not in the Compose files .*the services there are web/,
    );
    assert.equal(missing.file, `${DC}/devcontainer.json`);
    const dependency = await composeError(
      'services:\n  app:\n    image: a\n    depends_on: [nope]\n',
    );
    assert.equal(
      dependency.message,
      'services.app.depends_on.nope: the service "nope" does not exist',
    );
    const health = await composeError(
      'services:\n  app:\n    image: a\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: b\n',
    );
    assert.match(
      health.message,
      /^services.db.healthcheck: another service waits for db to be healthy/,
    );
  });
});

describe('compose translation: refused before anything is created', () => {
  const cases: Array<[string, string, number, number, RegExp]> = [
    [
      'network_mode host',
      app('    network_mode: host\n'),
      4,
      5,
      /^services.app.network_mode: "host" needs a network namespace shared with the Mac/,
    ],
    [
      'pid',
      app('    pid: host\n'),
      4,
      5,
      /^services.app.pid: Apple container VMs cannot share a process namespace/,
    ],
    ['ipc', app('    ipc: host\n'), 4, 5, /^services.app.ipc: /],
    [
      'devices',
      app('    devices: [/dev/fuse]\n'),
      4,
      5,
      /^services.app.devices: Apple container has no device passthrough/,
    ],
    ['gpus', app('    gpus: all\n'), 4, 5, /^services.app.gpus: /],
    ['volumes_from', app('    volumes_from: [other]\n'), 4, 5, /^services.app.volumes_from: /],
    ['userns_mode', app('    userns_mode: host\n'), 4, 5, /^services.app.userns_mode: /],
    ['sysctls', app('    sysctls: {net.core.somaxconn: 1024}\n'), 4, 5, /^services.app.sysctls: /],
    [
      'replicas',
      app('    deploy:\n      replicas: 3\n'),
      5,
      7,
      /^services.app.deploy.replicas: Slipway runs one container per service/,
    ],
    ['scale', app('    scale: 2\n'), 4, 5, /^services.app.scale: /],
    [
      'a static address',
      app('    networks:\n      back:\n        ipv4_address: 10.0.0.5\nnetworks:\n  back: {}\n'),
      6,
      9,
      /^services.app.networks.back.ipv4_address: Apple container assigns addresses itself/,
    ],
    [
      'an overlay network',
      app('    networks: [back]\nnetworks:\n  back:\n    driver: overlay\n'),
      7,
      5,
      /^networks.back.driver: Apple container networks have no "overlay" driver/,
    ],
    [
      'another hostname',
      app('    hostname: box\n'),
      4,
      5,
      /^services.app.hostname: Apple container has no option to set the hostname, so it cannot be "box"/,
    ],
    [
      'an undeclared volume',
      app('    volumes: [data:/data]\n'),
      4,
      15,
      /^services.app.volumes\[0\]: the volume "data" is not declared/,
    ],
    [
      'an invalid container_name',
      app('    container_name: "-bad"\n'),
      4,
      5,
      /^services.app.container_name: "-bad" is not a valid Apple container name/,
    ],
  ];
  for (const [what, compose, line, column, message] of cases) {
    it(what, async () => {
      const error = await composeError(compose);
      assert.match(error.message, message);
      assert.deepEqual([error.file, error.line, error.column], [COMPOSE, line, column]);
    });
  }

  it('include, which would bring services from elsewhere', async () => {
    const error = await composeError(`include: [other.yml]\n${app('')}`);
    assert.match(error.message, /^include: Slipway does not read "include" yet/);
    assert.deepEqual([error.file, error.line, error.column], [COMPOSE, 1, 1]);
  });

  it('a named volume mounted read-write by two services, but not read-only by both', async () => {
    const shared = (mode: string) =>
      `services:\n  app:\n    image: a\n    volumes: ["data:/data${mode}"]\n  db:\n    image: b\n    volumes: ["data:/var/data:ro"]\nvolumes:\n  data: {}\n`;
    const error = await composeError(shared(''));
    assert.match(
      error.message,
      /^services.db.volumes: the volume "data" is also mounted by app, and Apple container cannot attach a volume to two running containers/,
    );
    assert.deepEqual([error.line, error.column], [7, 15]);
    const plan = await planCompose(shared(':ro'));
    assert.equal(plan.compose!.services.length, 2);
  });

  it('leaves refused keys of services that do not start alone', async () => {
    const plan = await planCompose(
      app('  gpu-job:\n    image: cuda\n    gpus: all\n    profiles: [gpu]\n'),
    );
    assert.deepEqual(
      plan.compose!.services.map((s) => s.name),
      ['app'],
    );
  });
});
