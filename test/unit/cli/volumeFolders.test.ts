import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { main } from '../../../src/cli/main';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: '/',
    env: { HOME: '/Users/me' },
  });
  return { code, stdout, stderr };
}

describe('slipway plan --volume-folder', () => {
  let workspace: string;

  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'slipway-vf-'));
    mkdirSync(path.join(workspace, '.devcontainer'));
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{ "image": "node:20", "remoteUser": "node" }',
    );
  });

  after(() => rmSync(workspace, { recursive: true, force: true }));

  it('plans a labelled volume created before the run and mounted over the folder, in JSON', async () => {
    const result = await run([
      'plan',
      '--workspace-folder',
      workspace,
      '--json',
      '--volume-folder',
      'node_modules',
      '--volume-folder',
      'vendor/bundle/',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const plan = JSON.parse(result.stdout);
    const target = `/workspaces/${path.basename(workspace)}`;
    assert.deepEqual(
      plan.commands.map((c: { step: string }) => c.step),
      ['volume', 'volume', 'run'],
    );
    const [volume] = plan.volumeFolders;
    assert.equal(volume.folder, 'node_modules');
    assert.equal(volume.from, '--volume-folder');
    assert.equal(volume.target, `${target}/node_modules`);
    assert.match(volume.volume, /^slipway-[0-9a-v]{12}-node_modules$/);
    assert.deepEqual(plan.commands[0].argv, [
      'container',
      'volume',
      'create',
      '--label',
      'slipway.volumeFolder=node_modules',
      '--label',
      `slipway.workspaceId=${plan.devcontainerId}`,
      volume.volume,
    ]);
    const runArgv = plan.commands[2].argv as string[];
    const mounts = runArgv.flatMap((arg, i) => (runArgv[i - 1] === '--mount' ? [arg] : []));
    // The workspace's bind mount first, the volumes over it after.
    assert.deepEqual(mounts.slice(1), [
      `type=volume,source=${volume.volume},target=${target}/node_modules`,
      `type=volume,source=${plan.volumeFolders[1].volume},target=${target}/vendor/bundle`,
    ]);
    assert.match(mounts[0]!, /^type=virtiofs,/);
  });

  it('shows each folder with where it came from in the text plan', async () => {
    const result = await run(['plan', '--workspace-folder', workspace, '--volume-folder', '.venv']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /\n {2}on volume {2}\.venv -> slipway-[0-9a-v]{12}-venv \(from --volume-folder\)\n/,
    );
    assert.match(
      result.stdout,
      /Create volume slipway-[0-9a-v]{12}-venv for \.venv, unless it exists/,
    );
  });

  it('plans the bind mount alone without the option (reverting is dropping it)', async () => {
    const result = await run(['plan', '--workspace-folder', workspace, '--json']);
    const plan = JSON.parse(result.stdout);
    assert.equal(plan.volumeFolders, undefined);
    assert.ok(!JSON.stringify(plan.commands).includes('type=volume'));
  });

  it('leaves a folder the config mounts itself to the config, with a warning', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'slipway-vf-own-'));
    mkdirSync(path.join(other, '.devcontainer'));
    writeFileSync(
      path.join(other, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({
        image: 'node:20',
        workspaceFolder: '/w',
        workspaceMount: `source=${other},target=/w,type=bind`,
        mounts: ['source=deps,target=/w/node_modules,type=volume'],
      }),
    );
    try {
      const result = await run([
        'plan',
        '--workspace-folder',
        other,
        '--json',
        '--volume-folder',
        'node_modules',
      ]);
      assert.equal(result.code, 0, result.stderr);
      const plan = JSON.parse(result.stdout);
      assert.equal(plan.volumeFolders, undefined);
      assert.deepEqual(
        plan.commands.map((c: { step: string }) => c.step),
        ['run'],
      );
      assert.ok(
        plan.warnings.some((w: { message: string }) =>
          w.message.includes('mounted by the config already'),
        ),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses a folder outside the workspace, naming the option', async () => {
    const result = await run(['plan', '--workspace-folder', workspace, '--volume-folder', '../x']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /--volume-folder: "\.\.\/x" is not a folder inside the workspace/);
    assert.doesNotMatch(result.stderr, /ValueProblem|at .*\.ts:/);
  });
});
