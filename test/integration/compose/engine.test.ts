import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { buildCli, workspace } from '../slipway/harness';
import { BUSYBOX, composeRun, DEBIAN, type ComposeRun } from './harness';

/**
 * The rest of the Compose engine on the stand-in: a service built from
 * `dockerfile_inline`, bridging for `network_mode: service:<name>` of ports
 * nothing declares, and the dev container's service with Features still
 * running its image's own ENTRYPOINT and CMD.
 */

function config(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    dockerComposeFile: 'compose.yml',
    service: 'app',
    workspaceFolder: '/workspaces/app',
    ...extra,
  });
}

/** Every file and folder under a folder, relative. */
function tree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

describe('Compose engine: inline builds, bridged ports, Features (integration)', function () {
  this.timeout(300_000);
  let run: ComposeRun;

  before(() => {
    buildCli();
    run = composeRun('engine');
  });

  after(() => run?.cleanUp());

  it('builds a service from dockerfile_inline without writing into the workspace', () => {
    const folder = workspace('inline', {
      '.devcontainer/devcontainer.json': config(),
      '.devcontainer/compose.yml': `
services:
  app:
    build:
      context: .
      dockerfile_inline: |
        FROM ${BUSYBOX}
        RUN echo inline > /marker
    command: ["sleep", "1000000"]
`,
    });
    const before = tree(folder);
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      run.container(['exec', 'inline_devcontainer-app-1', 'cat', '/marker']).stdout,
      'inline\n',
    );
    assert.deepEqual(tree(folder), before);
    const build = run.calls().find((call) => call.startsWith('build '));
    assert.match(build ?? '', /-f \S*slipway-build-\w+\/app\.Dockerfile /);
    assert.equal(run.run(['down'], folder).status, 0);
  });

  it("network_mode service:db bridges both ways: a port db listens on but declares nowhere, and the app's port to db", () => {
    // db (busybox) answers on 5433, which no ports, expose or forwardPorts names; the app
    // (Debian: perl for the forwarder, bash for the client) serves 8080, declared by expose.
    // (`$$` is Compose's escape for a literal `$`.)
    const appServer =
      'my $l=IO::Socket::INET->new(LocalPort=>8080,Listen=>5,ReuseAddr=>1) or die; while (my $c=$l->accept) { print $c "app\\n"; close $c }';
    const folder = workspace('bridged', {
      '.devcontainer/devcontainer.json': config(),
      '.devcontainer/compose.yml': `
services:
  app:
    image: ${DEBIAN}
    command: ["perl", "-MIO::Socket::INET", "-e", ${JSON.stringify(appServer.replaceAll('$', '$$$$'))}]
    network_mode: service:db
    expose: ["8080"]
  db:
    image: ${BUSYBOX}
    command: ["nc", "-ll", "-p", "5433", "-e", "echo", "ok"]
`,
    });
    const plan = run.run(['plan', '--json'], folder);
    assert.equal(plan.status, 0, plan.stderr);
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      (result.json.warnings as Array<{ property: string; message: string }>)
        .filter((w) => w.property === 'network_mode')
        .map((w) => w.message),
      [],
    );
    const app = 'bridged_devcontainer-app-1';
    const db = 'bridged_devcontainer-db-1';
    assert.equal(
      run.container(['exec', app, 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/5433; head -n 1 <&3'])
        .stdout,
      'ok\n',
    );
    assert.equal(
      run.container(['exec', db, 'sh', '-c', 'echo | nc -w 3 127.0.0.1 8080']).stdout,
      'app\n',
    );
    assert.equal(run.run(['down'], folder).status, 0);
  });

  it("runs the dev container service's own ENTRYPOINT and CMD from its base image under Features", () => {
    // Compose sets no entrypoint or command, and overrideCommand is false (Compose's default):
    // the Features image is built on the service's image, whose ENTRYPOINT and CMD must still run.
    const folder = workspace('featured', {
      '.devcontainer/devcontainer.json': config({ features: { './marker': {} } }),
      '.devcontainer/marker/devcontainer-feature.json': JSON.stringify({
        id: 'marker',
        version: '1.0.0',
      }),
      '.devcontainer/marker/install.sh': '#!/bin/sh\nset -e\necho installed > /feature-marker\n',
      '.devcontainer/app.Dockerfile': [
        `FROM ${BUSYBOX}`,
        `RUN printf '#!/bin/sh\\necho "entrypoint $*" > /tmp/ran\\nexec "$@"\\n' > /ep && chmod +x /ep`,
        'ENTRYPOINT ["/ep"]',
        'CMD ["sleep", "1000000"]',
        '',
      ].join('\n'),
      '.devcontainer/compose.yml': `
services:
  app:
    build:
      context: .
      dockerfile: app.Dockerfile
`,
    });
    const result = run.up(folder);
    assert.equal(result.status, 0, result.stderr);
    const app = 'featured_devcontainer-app-1';
    assert.equal(run.container(['exec', app, 'cat', '/feature-marker']).stdout, 'installed\n');
    assert.equal(
      run.container(['exec', app, 'cat', '/tmp/ran']).stdout,
      'entrypoint sleep 1000000\n',
    );
    assert.equal(run.run(['down'], folder).status, 0);
  });
});
