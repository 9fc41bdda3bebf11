import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { main } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../..');

async function run(
  argv: string[],
  cwd = '/',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env: { HOME: '/Users/me' },
  });
  return { code, stdout, stderr };
}

describe('slipway plan', () => {
  let workspace: string;
  let configFile: string;

  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'slipway-cli-'));
    mkdirSync(path.join(workspace, '.devcontainer'));
    configFile = path.join(workspace, '.devcontainer', 'devcontainer.json');
  });

  after(() => rmSync(workspace, { recursive: true, force: true }));

  it('prints one JSON object with --json', async () => {
    writeFileSync(
      configFile,
      '// hi\n{ "image": "node:20", "forwardPorts": [3000], "postCreateCommand": "npm ci", }',
    );
    const result = await run(['plan', '--workspace-folder', workspace, '--json', '--cpus', '6']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const plan = JSON.parse(lines[0]!);
    assert.equal(plan.outcome, 'success');
    assert.equal(plan.configFile, configFile);
    assert.equal(plan.workspaceFolder, workspace);
    assert.equal(plan.remoteWorkspaceFolder, `/workspaces/${path.basename(workspace)}`);
    assert.match(plan.containerName, /^slipway-cli-[a-z0-9]+-[0-9a-v]{8}$/);
    assert.equal(plan.labels['devcontainer.config_file'], configFile);
    assert.deepEqual(
      plan.commands.map((c: { step: string }) => c.step),
      ['run'],
    );
    assert.equal(plan.commands[0].argv[0], 'container');
    assert.ok(plan.commands[0].argv.includes('6'));
    assert.deepEqual(plan.forwardPorts, [3000]);
    assert.equal(plan.lifecycle.postCreateCommand.commands[0].command, 'npm ci');
    assert.deepEqual(plan.warnings, []);
  });

  it('prints readable text by default', async () => {
    writeFileSync(configFile, '{ "image": "node:20", "runArgs": ["--gpus", "all"] }');
    const result = await run(['plan'], workspace);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Slipway plan for /);
    assert.match(result.stdout, /container run -d --name /);
    assert.match(result.stdout, /Warnings:\n {2}- runArgs: Left out --gpus/);
  });

  it('reports a broken config as JSON with file, line and column, exit 1', async () => {
    writeFileSync(configFile, '{\n  "image": "node:20"\n  "runArgs": []\n}');
    const result = await run(['plan', '--workspace-folder', workspace, '--json']);
    assert.equal(result.code, 1);
    const error = JSON.parse(result.stdout);
    assert.equal(error.outcome, 'error');
    assert.equal(error.file, configFile);
    assert.equal(error.line, 3);
    assert.equal(error.column, 3);
    assert.ok(error.message.length > 10);
  });

  it('reports a broken config as file:line:column text on stderr without --json', async () => {
    writeFileSync(configFile, '{ "image": "node:20", "runArgs": "--init" }');
    const result = await run(['plan', '--workspace-folder', workspace]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      new RegExp(`${configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: .*runArgs`),
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('says when there is no config at all', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'slipway-empty-'));
    const result = await run(['plan', '--workspace-folder', empty, '--json']);
    rmSync(empty, { recursive: true });
    assert.equal(result.code, 1);
    assert.match(JSON.parse(result.stdout).message, /devcontainer\.json/);
  });

  it('exits 2 on usage mistakes', async () => {
    for (const argv of [
      [],
      ['launch'],
      ['plan', '--cpus', 'many'],
      ['plan', '--platform', 'linux/s390x'],
      ['plan', '--nope'],
      ['plan', 'extra'],
      ['plan', '--memory', 'lots'],
    ]) {
      const result = await run(argv);
      assert.equal(result.code, 2, argv.join(' '));
      // The mistake and one line on where help is, as git and npm do; not the whole help.
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, result.stderr);
      assert.match(lines[0]!, /^slipway: \S/);
      assert.equal(lines[1], "Run 'slipway --help' for usage.");
      assert.equal(result.stdout, '');
    }
    const unknown = await run(['plan', '--nope']);
    assert.equal(unknown.stderr.split('\n')[0], "slipway: Unknown option '--nope'.");
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: slipway/);
  });

  it("blames --memory, not a setting, for a size under Apple's minimum", async () => {
    writeFileSync(configFile, '{ "image": "node:20" }');
    const result = await run(['plan', '--workspace-folder', workspace, '--memory', '10']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "slipway: 10 bytes of memory (from --memory) is under Apple container's minimum of 200 MiB. Run it again with another --memory.\n",
    );
  });

  it('runs as the bundled dist/cli.js executable', () => {
    execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
    writeFileSync(configFile, '{ "image": "node:20" }');
    const cli = path.join(root, 'dist', 'cli.js');
    const ok = spawnSync(
      process.execPath,
      [cli, 'plan', '--workspace-folder', workspace, '--json'],
      { encoding: 'utf8' },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).outcome, 'success');
    const usage = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^slipway \d+\.\d+\.\d+\n$/);
  });
});

describe('slipway plan and up on a Compose config', () => {
  let workspace: string;

  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'slipway-compose-'));
    mkdirSync(path.join(workspace, '.devcontainer'));
    writeFileSync(
      path.join(workspace, '.devcontainer', 'devcontainer.json'),
      '{ "dockerComposeFile": "compose.yml", "service": "app", "workspaceFolder": "/w" }',
    );
    writeFileSync(
      path.join(workspace, '.devcontainer', 'compose.yml'),
      'services:\n  app:\n    image: node:22\n    depends_on: [db]\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n',
    );
  });

  after(() => rmSync(workspace, { recursive: true, force: true }));

  it('plans the whole project, its services listed in --json', async () => {
    const result = await run(['plan', '--workspace-folder', workspace, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const plan = JSON.parse(result.stdout);
    const project = `${path.basename(workspace).toLowerCase()}_devcontainer`;
    assert.deepEqual(
      plan.services.map((s: { name: string; role: string; containerName: string }) => [
        s.name,
        s.role,
        s.containerName,
      ]),
      [
        ['db', 'dependency', `${project}-db-1`],
        ['app', 'primary', `${project}-app-1`],
      ],
    );
    assert.deepEqual(plan.services[1].dependsOn, [
      { service: 'db', condition: 'service_started', required: true },
    ]);
    assert.deepEqual(plan.services[0].ports, ['5432:5432']);
  });
});
