import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildCli, down, slipway, workspace } from './harness';

/**
 * A representative subset against each era of Apple's `container` (issue 13
 * §1): pre-1.0 JSON shapes (0.12.3), the 1.0–1.3 shapes with escaped `/`
 * (1.2.2), and 1.4.1+ (1.5.0: nested `system status`, plain `/`).
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const ERAS = ['0.12.3', '1.2.2', '1.5.0'];

describe('slipway on every era: up, exec, ls, down (integration)', function () {
  this.timeout(240_000);
  const made: string[] = [];

  before(() => buildCli());
  after(() => made.forEach(down));

  for (const version of ERAS) {
    it(`works against container ${version}`, () => {
      const env = { CONTAINER_STANDIN_VERSION: version };
      const folder = workspace(`era-${version}`, {
        '.devcontainer.json': JSON.stringify({
          image: BUSYBOX,
          postCreateCommand: 'echo created > /tmp/era',
        }),
      });
      made.push(folder);
      const up = slipway(['up', '--workspace-folder', folder], { env });
      assert.equal(up.status, 0, up.stderr);
      assert.equal(up.json.outcome, 'success', up.stdout);

      const exec = slipway(['exec', '--workspace-folder', folder, 'cat', '/tmp/era'], { env });
      assert.equal(exec.stdout, 'created\n', exec.stderr);

      const rows = JSON.parse(slipway(['ls', '--json'], { env }).stdout) as Array<{
        workspaceFolder: string;
        state: string;
      }>;
      assert.ok(rows.some((row) => row.workspaceFolder === folder && row.state === 'running'));

      const gone = slipway(['down', '--force', '--workspace-folder', folder], { env });
      assert.equal(gone.status, 0, gone.stderr);
      const remaining = JSON.parse(slipway(['ls', '--json'], { env }).stdout) as Array<{
        workspaceFolder: string;
      }>;
      assert.ok(!remaining.some((row) => row.workspaceFolder === folder));
    });
  }
});
