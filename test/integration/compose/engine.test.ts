import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { buildCli, workspace } from '../slipway/harness';
import { BUSYBOX, composeRun, type ComposeRun } from './harness';

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
});
