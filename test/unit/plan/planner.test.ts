import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { computeDevcontainerId } from '../../../src/core/config/devcontainerId';
import { decodeLabelValue } from '../../../src/core/plan/labels';
import { keepAliveScript } from '../../../src/core/plan/keepAlive';
import {
  optionValues,
  planConfig,
  planError,
  planFiles,
  runArgv,
  WORKSPACE,
} from '../../support/planFixture';

const CONFIG = `${WORKSPACE}/.devcontainer/devcontainer.json`;
const ID = computeDevcontainerId({
  'devcontainer.local_folder': WORKSPACE,
  'devcontainer.config_file': CONFIG,
});

describe('planner: an image config', () => {
  it('emits the exact container run command', async () => {
    const plan = await planConfig({ image: 'mcr.microsoft.com/devcontainers/base:ubuntu' });
    const name = `proj-${ID.slice(-8)}`;
    assert.equal(plan.containerName, name);
    assert.equal(plan.remoteWorkspaceFolder, '/workspaces/proj');
    assert.equal(plan.commands.length, 1);
    const metadata = JSON.stringify([{}]);
    assert.deepEqual(runArgv(plan), [
      'container',
      'run',
      '-d',
      '--name',
      name,
      '--platform',
      'linux/arm64',
      '--cpus',
      '4',
      '--memory',
      '4G',
      '-l',
      `devcontainer.local_folder=${WORKSPACE}`,
      '-l',
      `devcontainer.config_file=${CONFIG}`,
      '-l',
      `devcontainer.metadata=${metadata}`,
      '-l',
      'slipway.resources.from=cpus:default,memory:default',
      '--mount',
      `type=virtiofs,source=${WORKSPACE},target=/workspaces/proj`,
      '--entrypoint',
      '/bin/sh',
      'mcr.microsoft.com/devcontainers/base:ubuntu',
      '-c',
      keepAliveScript([]),
      '-',
    ]);
    assert.equal(plan.minimumContainerVersion, '0.5.0');
    assert.deepEqual(plan.warnings, []);
  });

  it('maps containerEnv, containerUser, init, capAdd and appPort', async () => {
    const plan = await planConfig({
      image: 'node:20',
      containerEnv: { A: '1', B: 'x=y' },
      containerUser: 'node',
      init: true,
      capAdd: ['SYS_PTRACE'],
      appPort: [3000, '8080:80'],
    });
    const argv = runArgv(plan);
    assert.deepEqual(optionValues(argv, '-e'), ['A=1', 'B=x=y']);
    assert.deepEqual(optionValues(argv, '-u'), ['node']);
    assert.ok(argv.includes('--init'));
    assert.deepEqual(optionValues(argv, '--cap-add'), ['SYS_PTRACE']);
    assert.deepEqual(optionValues(argv, '-p'), ['127.0.0.1:3000:3000', '8080:80']);
    assert.deepEqual(plan.commands[0]?.requires, [
      { flag: '--init', since: '0.10.0' },
      { flag: '--cap-add', since: '0.12.0' },
    ]);
    assert.equal(plan.minimumContainerVersion, '0.12.0');
  });

  it("keeps the image's own entrypoint and command with overrideCommand false", async () => {
    const argv = runArgv(await planConfig({ image: 'postgres:16', overrideCommand: false }));
    assert.equal(argv.at(-1), 'postgres:16');
    assert.ok(!argv.includes('--entrypoint'));
  });

  it('passes values with spaces, quotes, $, backticks and newlines through unchanged', async () => {
    const tricky = 'a b "c" \'d\' $HOME `id` \\e\nline two';
    const plan = await planConfig({
      image: 'x:1',
      containerEnv: { TRICKY: tricky },
      postCreateCommand: tricky,
    });
    assert.deepEqual(optionValues(runArgv(plan), '-e'), [`TRICKY=${tricky}`]);
    assert.equal(plan.lifecycle.postCreateCommand?.commands[0]?.command, tricky);
  });
});

describe('planner: resources', () => {
  it('uses the defaults: 4 CPUs and 4G', async () => {
    const plan = await planConfig({ image: 'x:1' });
    assert.deepEqual([plan.resources.cpus, plan.resources.memory], [4, '4G']);
    assert.deepEqual([plan.resources.cpusFrom, plan.resources.memoryFrom], ['default', 'default']);
  });

  it('raises the default to hostRequirements', async () => {
    const plan = await planConfig({ image: 'x:1', hostRequirements: { cpus: 8, memory: '16gb' } });
    assert.deepEqual(optionValues(runArgv(plan), '--cpus'), ['8']);
    assert.deepEqual(optionValues(runArgv(plan), '--memory'), ['16G']);
    assert.equal(plan.resources.cpusFrom, 'hostRequirements');
  });

  it('keeps a default above hostRequirements', async () => {
    const plan = await planConfig({ image: 'x:1', hostRequirements: { cpus: 2, memory: '1gb' } });
    assert.deepEqual([plan.resources.cpus, plan.resources.memory], [4, '4G']);
  });

  it('prefers runArgs over hostRequirements and the default, with a warning when under the floor', async () => {
    const plan = await planConfig({
      image: 'x:1',
      runArgs: ['--cpus=2', '--memory', '3g'],
      hostRequirements: { cpus: 4 },
    });
    assert.deepEqual([plan.resources.cpus, plan.resources.memory], [2, '3G']);
    assert.equal(plan.resources.cpusFrom, 'runArgs');
    assert.ok(plan.warnings.some((w) => w.property === 'hostRequirements.cpus'));
  });

  it('lets the workspace setting win over everything', async () => {
    const plan = await planConfig(
      {
        image: 'x:1',
        runArgs: ['--cpus=2', '--memory=3g'],
        hostRequirements: { cpus: 6, memory: '12gb' },
      },
      { settings: { cpus: 10, memory: '20g', defaultCpus: 1, defaultMemory: '1G' } },
    );
    assert.deepEqual([plan.resources.cpus, plan.resources.memory], [10, '20G']);
    assert.deepEqual([plan.resources.cpusFrom, plan.resources.memoryFrom], ['setting', 'setting']);
  });

  it("normalises sizes to Apple's syntax", async () => {
    const plan = await planConfig({ image: 'x:1' }, { settings: { memory: '1.5GiB' } });
    assert.deepEqual(optionValues(runArgv(plan), '--memory'), ['1536M']);
  });

  it("refuses memory under Apple's 200 MiB minimum, saying where it came from", async () => {
    const fromRunArgs = await planError(
      '{\n  "image": "x:1",\n  "runArgs": ["--memory", "128m"]\n}',
    );
    assert.match(fromRunArgs.message, /under Apple container's minimum of 200 MiB/);
    assert.equal(fromRunArgs.line, 3);
    const fromSetting = await planError({ image: 'x:1' }, { settings: { memory: '100M' } });
    assert.match(fromSetting.message, /slipway\.memory/);
    const badSetting = await planError({ image: 'x:1' }, { settings: { memory: 'lots' } });
    assert.match(badSetting.message, /slipway\.memory "lots" is not a size/);
  });

  it('blames the flag or setting a too-small memory came from, in bytes when under 1 KiB', async () => {
    const fromRunArgs = await planError(
      '{\n  "image": "x:1",\n  "runArgs": [\n    "--init",\n    "--memory",\n    "10"\n  ]\n}',
    );
    assert.match(fromRunArgs.message, /^10 bytes of memory \(from --memory in runArgs\)/);
    assert.equal(fromRunArgs.line, 5, 'at the --memory flag, not at runArgs');
    const fromOption = await planError(
      { image: 'x:1', hostRequirements: { memory: '1gb' } },
      { settings: { memory: '10', givenAs: 'options' } },
    );
    assert.match(fromOption.message, /^10 bytes of memory \(from --memory\)/);
    assert.match(fromOption.message, /Run it again with another --memory\.$/);
    assert.doesNotMatch(fromOption.message, /slipway\.memory|setting/);
    const fromSetting = await planError({ image: 'x:1' }, { settings: { memory: '10' } });
    assert.match(
      fromSetting.message,
      /\(from slipway\.memory\).*Change the setting slipway\.memory\.$/,
    );
    const fromHost = await planError(
      { image: 'x:1', hostRequirements: { memory: '100mb' } },
      {
        settings: { defaultMemory: '10' },
      },
    );
    assert.match(fromHost.message, /100 MiB of memory \(from hostRequirements\.memory\)/);
    const cpus = await planError({ image: 'x:1' }, { settings: { cpus: 0, givenAs: 'options' } });
    assert.match(cpus.message, /^--cpus must be a whole number/);
  });
});

describe('planner: platform and Rosetta', () => {
  it('runs arm64 by default', async () => {
    const plan = await planConfig({ image: 'x:1' });
    assert.deepEqual(plan.platform, { platform: 'linux/arm64', rosetta: false, from: 'default' });
  });

  it('runs amd64 from runArgs through Rosetta, which Apple turns on by itself', async () => {
    const plan = await planConfig({ image: 'x:1', runArgs: ['--platform', 'linux/amd64'] });
    const argv = runArgv(plan);
    assert.deepEqual(optionValues(argv, '--platform'), ['linux/amd64']);
    assert.ok(!argv.includes('--rosetta'));
    assert.equal(plan.platform.rosetta, true);
  });

  it('lets the setting win over runArgs', async () => {
    const plan = await planConfig(
      { image: 'x:1', runArgs: ['--platform', 'linux/amd64'] },
      { settings: { platform: 'linux/arm64' } },
    );
    assert.deepEqual(optionValues(runArgv(plan), '--platform'), ['linux/arm64']);
  });

  it('adds --rosetta to arm64 containers when asked (container 0.7+)', async () => {
    const plan = await planConfig({ image: 'x:1' }, { settings: { rosetta: true } });
    assert.ok(runArgv(plan).includes('--rosetta'));
    assert.deepEqual(plan.commands[0]?.requires, [{ flag: '--rosetta', since: '0.7.0' }]);
  });

  it('picks amd64 for an image known to be amd64-only, and for image platforms that say so', async () => {
    assert.equal(
      (await planConfig({ image: 'mcr.microsoft.com/mssql/server:2022-latest' })).platform.platform,
      'linux/amd64',
    );
    const plan = await planConfig({ image: 'x:1' }, { imagePlatforms: ['linux/amd64'] });
    assert.equal(plan.platform.platform, 'linux/amd64');
    const both = await planConfig(
      { image: 'x:1' },
      { imagePlatforms: ['linux/amd64', 'linux/arm64/v8'] },
    );
    assert.equal(both.platform.platform, 'linux/arm64');
  });

  it('refuses platforms Apple cannot run', async () => {
    const error = await planError({ image: 'x:1', runArgs: ['--platform', 'linux/s390x'] });
    assert.match(error.message, /cannot run "linux\/s390x"/);
  });
});

describe('planner: workspace mount and folder', () => {
  it('mounts the Git root and opens the sub-folder inside it', async () => {
    const plan = await planFiles(
      {
        '/Users/me/repo/.git/HEAD': 'x',
        '/Users/me/repo/app/.devcontainer.json': '{"image":"x:1"}',
      },
      { workspaceFolder: '/Users/me/repo/app' },
    );
    assert.deepEqual(optionValues(runArgv(plan), '--mount'), [
      'type=virtiofs,source=/Users/me/repo,target=/workspaces/repo',
    ]);
    assert.equal(plan.remoteWorkspaceFolder, '/workspaces/repo/app');
  });

  it('honours workspaceMount and workspaceFolder, and "" as no mount', async () => {
    const custom = await planConfig({
      image: 'x:1',
      workspaceMount:
        'source=${localWorkspaceFolder},target=/src/${localWorkspaceFolderBasename},type=bind,consistency=cached',
      workspaceFolder: '/src/${localWorkspaceFolderBasename}',
    });
    assert.deepEqual(optionValues(runArgv(custom), '--mount'), [
      `type=virtiofs,source=${WORKSPACE},target=/src/proj`,
    ]);
    assert.equal(custom.remoteWorkspaceFolder, '/src/proj');
    const none = await planConfig({ image: 'x:1', workspaceMount: '', workspaceFolder: '/w' });
    assert.deepEqual(optionValues(runArgv(none), '--mount'), []);
  });
});

describe('planner: mounts', () => {
  it('translates string and object mounts with variables, using only keys Apple accepts', async () => {
    const plan = await planConfig({
      image: 'x:1',
      mounts: [
        'source=${localEnv:HOME}/.aws,target=/home/vscode/.aws,type=bind,consistency=cached',
        'source=history-${devcontainerId},target=/commandhistory,type=volume',
        { type: 'volume', target: '/cache' },
      ],
    });
    assert.deepEqual(optionValues(runArgv(plan), '--mount').slice(1), [
      'type=virtiofs,source=/Users/me/.aws,target=/home/vscode/.aws',
      `type=volume,source=history-${ID},target=/commandhistory`,
      'type=volume,target=/cache',
    ]);
    assert.ok(
      plan.warnings.some((w) => /does not exist yet/.test(w.message)),
      'the missing ~/.aws is pointed out',
    );
  });

  it('points at the mount that Apple cannot take', async () => {
    const error = await planError(
      '{\n "image": "x:1",\n "mounts": [\n  "type=bind,source=relative,target=/x"\n ]\n}',
    );
    assert.match(error.message, /absolute host path/);
    assert.deepEqual([error.line, error.column], [4, 3]);
  });
});

describe('planner: labels and name', () => {
  it('records the raw config metadata, encoded where Apple would reject "="', async () => {
    const config = {
      image: 'x:1',
      containerEnv: { HOME_COPY: '${localEnv:HOME}', EQ: 'a=b' },
      remoteUser: 'vscode',
    };
    const plan = await planConfig(config);
    const metadata = JSON.parse(plan.labels['devcontainer.metadata'] ?? '');
    assert.deepEqual(metadata, [
      { containerEnv: { HOME_COPY: '${localEnv:HOME}', EQ: 'a=b' }, remoteUser: 'vscode' },
    ]);
    const label = optionValues(runArgv(plan), '-l').find((l) =>
      l.startsWith('devcontainer.metadata='),
    )!;
    const value = label.slice('devcontainer.metadata='.length);
    assert.ok(!value.includes('='));
    assert.equal(decodeLabelValue(value), plan.labels['devcontainer.metadata']);
  });

  it('honours --name from runArgs, and refuses a name Apple would reject', async () => {
    assert.equal(
      (await planConfig({ image: 'x:1', runArgs: ['--name', 'my-dev'] })).containerName,
      'my-dev',
    );
    const error = await planError('{"image": "x:1",\n "runArgs": ["--name", "a"]}');
    assert.match(error.message, /not a valid Apple container name/);
    assert.equal(error.line, 2);
  });

  it('keeps its identity labels over user labels of the same name', async () => {
    const plan = await planConfig({
      image: 'x:1',
      runArgs: ['--label', 'devcontainer.local_folder=/elsewhere', '-l', 'team=web'],
    });
    assert.equal(plan.labels['devcontainer.local_folder'], WORKSPACE);
    assert.equal(plan.labels.team, 'web');
    assert.ok(plan.warnings.some((w) => w.message.includes('devcontainer.local_folder')));
  });
});

describe('planner: what Apple cannot honour', () => {
  it('maps privileged to --cap-add ALL with a warning', async () => {
    const plan = await planConfig({ image: 'x:1', privileged: true });
    assert.deepEqual(optionValues(runArgv(plan), '--cap-add'), ['ALL']);
    assert.ok(
      plan.warnings.some((w) => w.property === 'privileged' && /--cap-add ALL/.test(w.message)),
    );
  });

  it('warns once for each property it cannot honour', async () => {
    const plan = await planConfig({
      image: 'x:1',
      securityOpt: ['seccomp=unconfined'],
      hostRequirements: { gpu: true, storage: '64gb' },
      shutdownAction: 'stopCompose',
      features: { 'ghcr.io/devcontainers/features/node:1': {}, './local': {} },
    });
    const properties = plan.warnings.map((w) => w.property).sort();
    assert.deepEqual(properties, [
      'features',
      'features',
      'hostRequirements.gpu',
      'hostRequirements.storage',
      'securityOpt',
      'shutdownAction',
    ]);
    assert.ok(
      plan.warnings.some((w) => w.message.includes('ghcr.io/devcontainers/features/node:1')),
    );
    assert.ok(!runArgv(plan).includes('--security-opt'));
  });

  it('stops on a Compose config whose Compose file is missing, at dockerComposeFile', async () => {
    const error = await planError(
      '{\n  "name": "x",\n  "dockerComposeFile": "docker-compose.yml",\n  "service": "app"\n}',
    );
    assert.match(error.message, /The Compose file .*docker-compose.yml does not exist/);
    assert.deepEqual([error.file, error.line, error.column], [CONFIG, 3, 24]);
  });

  it('stops on a config with nothing to run', async () => {
    const error = await planError({ name: 'nothing' });
    assert.match(error.message, /neither "image" nor "build.dockerfile"/);
  });
});

describe('planner: Dockerfile configs', () => {
  const dockerfile = `${WORKSPACE}/.devcontainer/Dockerfile`;

  it('builds with container build, then runs the built image', async () => {
    const plan = await planConfig(
      {
        build: {
          dockerfile: 'Dockerfile',
          context: '..',
          args: { VARIANT: '20-bookworm' },
          target: 'dev',
          options: ['--label', 'a=b', '--network=host'],
        },
      },
      {},
      { [dockerfile]: 'FROM debian\n' },
    );
    const tag = `localhost/slipway/proj-${ID.slice(-8)}:latest`;
    assert.equal(plan.commands[0]?.step, 'build');
    assert.deepEqual(plan.commands[0]?.argv, [
      'container',
      'build',
      '-f',
      dockerfile,
      '-t',
      tag,
      '--platform',
      'linux/arm64',
      '--target',
      'dev',
      '--build-arg',
      'VARIANT=20-bookworm',
      '--label',
      'a=b',
      WORKSPACE,
    ]);
    assert.equal(plan.image, tag);
    assert.ok(runArgv(plan).includes(tag));
    assert.ok(
      plan.warnings.some((w) => w.property === 'build.options' && w.message.includes('--network')),
    );
  });

  it("uses the Dockerfile's folder as the context when none is given, and reads the legacy dockerFile", async () => {
    const plan = await planConfig(
      { dockerFile: 'Dockerfile' },
      {},
      { [dockerfile]: 'FROM debian\n' },
    );
    assert.equal(plan.commands[0]?.argv.at(-1), `${WORKSPACE}/.devcontainer`);
  });

  it('builds for the platform the container runs on', async () => {
    const plan = await planConfig(
      { build: { dockerfile: 'Dockerfile', options: ['--platform', 'linux/amd64'] } },
      {},
      { [dockerfile]: 'FROM debian\n' },
    );
    assert.deepEqual(optionValues(plan.commands[0]!.argv, '--platform'), ['linux/amd64']);
    assert.deepEqual(optionValues(runArgv(plan), '--platform'), ['linux/amd64']);
  });

  it('says when the Dockerfile is missing, or too big for Apple', async () => {
    const missing = await planError('{\n  "build": { "dockerfile": "Dockerfile" }\n}');
    assert.match(missing.message, /does not exist/);
    assert.equal(missing.line, 2);
    const big = await planError(
      { build: { dockerfile: 'Dockerfile' } },
      {},
      { [dockerfile]: 'FROM debian\n'.padEnd(16 * 1024, '#') },
    );
    assert.match(big.message, /16 KB/);
    const justUnder = await planConfig(
      { build: { dockerfile: 'Dockerfile' } },
      {},
      { [dockerfile]: 'FROM debian\n'.padEnd(16 * 1024 - 1, '#') },
    );
    assert.equal(justUnder.commands[0]?.step, 'build');
  });

  it('says a Dockerfile that is a folder is a folder, not that it does not exist', async () => {
    const error = await planError(
      '{\n  "build": { "dockerfile": "Dockerfile" }\n}',
      {},
      { [`${dockerfile}/`]: '' },
    );
    assert.equal(error.message, `The Dockerfile ${dockerfile} is a folder, not a file.`);
    assert.equal(`${error.line}:${error.column}`, '2:28');
  });

  it('refuses a missing build context when planning, at build.context', async () => {
    const config =
      '{\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": "../app"\n  }\n}';
    const missing = await planError(config, {}, { [dockerfile]: 'FROM debian\n' });
    assert.equal(missing.message, `The build context ${WORKSPACE}/app does not exist.`);
    assert.equal(missing.file, `${WORKSPACE}/.devcontainer/devcontainer.json`);
    assert.equal(`${missing.line}:${missing.column}`, '4:16');
    const aFile = await planError(
      config,
      {},
      { [dockerfile]: 'FROM debian\n', [`${WORKSPACE}/app`]: 'not a folder' },
    );
    assert.match(aFile.message, /app is a file, not a folder\.$/);
    const there = await planConfig(
      { build: { dockerfile: 'Dockerfile', context: '../app' } },
      {},
      { [dockerfile]: 'FROM debian\n', [`${WORKSPACE}/app/`]: '' },
    );
    assert.equal(there.commands[0]?.argv.at(-1), `${WORKSPACE}/app`);
  });
});

describe('planner: lifecycle', () => {
  it('lists each hook with where it runs, its form and its origin, image metadata first', async () => {
    const plan = await planConfig(
      {
        image: 'x:1',
        initializeCommand: ['echo', 'host'],
        postCreateCommand: { a: 'make a', b: ['make', 'b'] },
        postAttachCommand: '',
        waitFor: 'postCreateCommand',
      },
      { imageMetadata: [{ postCreateCommand: 'from-image' }] },
    );
    assert.deepEqual(plan.lifecycle.initializeCommand, {
      runsOn: 'host',
      when: 'every up',
      commands: [
        {
          origin: 'devcontainer.json',
          form: 'array',
          command: ['echo', 'host'],
          // Where the file writes it, for a failure's Open devcontainer.json.
          location: { file: plan.configFile, line: 3, column: 24 },
        },
      ],
    });
    assert.deepEqual(
      plan.lifecycle.postCreateCommand?.commands.map((c) => c.location?.line),
      [undefined, 7],
      "the image's hook is not in the file",
    );
    assert.deepEqual(
      plan.lifecycle.postCreateCommand?.commands.map((c) => [c.origin, c.form]),
      [
        ['image metadata #1', 'string'],
        ['devcontainer.json', 'parallel'],
      ],
    );
    assert.equal(plan.lifecycle.postCreateCommand?.runsOn, 'container');
    assert.equal(plan.lifecycle.postAttachCommand, undefined, 'an empty command is no command');
    assert.equal(plan.lifecycle.waitFor, 'postCreateCommand');
  });

  it('keeps ${containerEnv:...} for when the container is running', async () => {
    const plan = await planConfig({
      image: 'x:1',
      postStartCommand: 'echo ${containerEnv:PATH} ${localEnv:USER}',
    });
    assert.equal(
      plan.lifecycle.postStartCommand?.commands[0]?.command,
      'echo ${containerEnv:PATH} me',
    );
  });
});
