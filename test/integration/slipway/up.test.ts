import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  buildCli,
  container,
  down,
  removeBuiltImages,
  slipway,
  slipwayAsync,
  workspace,
} from './harness';

/**
 * The real flows, end to end: `slipway up/exec/stop/down/ls` with a real
 * `container` (the stand-in here, Apple's on a Mac) running real containers.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const DEBIAN = 'docker.io/library/debian:bookworm';
const made: string[] = [];

function ws(name: string, files: Record<string, string>): string {
  const folder = workspace(name, files);
  made.push(folder);
  return folder;
}

function config(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

describe('slipway up, exec, stop, down, ls (integration)', function () {
  this.timeout(240_000);

  before(() => buildCli());
  after(() => {
    made.forEach(down);
    removeBuiltImages();
  });

  it('brings an image config up and runs commands in it', () => {
    const folder = ws('image', {
      '.devcontainer/devcontainer.json': config({
        image: BUSYBOX,
        containerEnv: { GREETING: 'hello' },
      }),
    });
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.status, 0, upRun.stderr);
    assert.equal(upRun.json.outcome, 'success');
    assert.equal(upRun.json.action, 'created');
    assert.equal(upRun.json.remoteWorkspaceFolder, '/workspaces/image');
    assert.equal(typeof (upRun.json.timings as Record<string, number>).create, 'number');
    const exec = slipway([
      'exec',
      '--workspace-folder',
      folder,
      'sh',
      '-c',
      'echo "$GREETING from $(pwd)"; exit 7',
    ]);
    assert.equal(exec.status, 7);
    assert.equal(exec.stdout, 'hello from /workspaces/image\n');
    const ls = slipway(['ls', '--json']);
    const rows = JSON.parse(ls.stdout) as Array<{
      id: string;
      workspaceFolder: string;
      state: string;
    }>;
    assert.ok(rows.some((row) => row.workspaceFolder === folder && row.state === 'running'));
  });

  it('shows config warnings in the progress on stderr, not only in the JSON', () => {
    const folder = ws('warned', {
      '.devcontainer.json': config({ image: BUSYBOX, runArgs: ['--gpus', 'all'] }),
    });
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.status, 0, upRun.stderr);
    const warnings = upRun.json.warnings as Array<{ property: string; message: string }>;
    assert.ok(warnings.length > 0, 'the config has a warning');
    for (const warning of warnings) {
      assert.ok(
        upRun.stderr.includes(`Warning: ${warning.property}: ${warning.message}\n`),
        upRun.stderr,
      );
    }
  });

  it('passes stdin through exec', () => {
    const folder = ws('stdin', { '.devcontainer.json': config({ image: BUSYBOX }) });
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    const exec = slipway(['exec', '--workspace-folder', folder, 'cat'], { input: 'from stdin\n' });
    assert.equal(exec.stdout, 'from stdin\n');
  });

  it('builds a Dockerfile config with build args and a target', () => {
    const folder = ws('dockerfile', {
      '.devcontainer/Dockerfile': `FROM ${BUSYBOX} AS base\nARG FLAVOUR=plain\nRUN echo "$FLAVOUR" > /flavour\nFROM base AS dev\nRUN echo dev > /stage\nFROM base AS prod\nRUN echo prod > /stage\n`,
      '.devcontainer/devcontainer.json': config({
        build: { dockerfile: 'Dockerfile', target: 'dev', args: { FLAVOUR: 'minty' } },
      }),
    });
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.status, 0, upRun.stderr);
    const exec = slipway(['exec', '--workspace-folder', folder, 'cat', '/flavour', '/stage']);
    assert.equal(exec.stdout, 'minty\ndev\n');
  });

  it('runs all six hooks in order, once per create and once per start, across stop and start', () => {
    const log = (hook: string) => `echo ${hook} >> \${containerWorkspaceFolder}/hooks.log`;
    const folder = ws('hooks', {
      '.devcontainer/devcontainer.json': config({
        image: BUSYBOX,
        initializeCommand: ['sh', '-c', 'echo initializeCommand >> hooks.log'],
        onCreateCommand: log('onCreateCommand'),
        updateContentCommand: log('updateContentCommand'),
        postCreateCommand: {
          one: log('postCreateCommand'),
          two: ['sh', '-c', 'echo parallel-two >> /workspaces/hooks/parallel.log'],
        },
        postStartCommand: log('postStartCommand'),
        postAttachCommand: log('postAttachCommand'),
      }),
    });
    const read = (file: string) => readFileSync(path.join(folder, file), 'utf8').trim().split('\n');
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    assert.deepEqual(read('hooks.log'), [
      'initializeCommand',
      'onCreateCommand',
      'updateContentCommand',
      'postCreateCommand',
      'postStartCommand',
      'postAttachCommand',
    ]);
    assert.deepEqual(read('parallel.log'), ['parallel-two']);
    const again = slipway(['up', '--workspace-folder', folder]);
    assert.equal(again.json.action, 'reused');
    assert.deepEqual(read('hooks.log').slice(6), ['initializeCommand', 'postAttachCommand']);
    assert.equal(slipway(['stop', '--workspace-folder', folder]).status, 0);
    const restarted = slipway(['up', '--workspace-folder', folder]);
    assert.equal(restarted.json.action, 'started', restarted.stderr);
    assert.deepEqual(read('hooks.log').slice(8), [
      'initializeCommand',
      'postStartCommand',
      'postAttachCommand',
    ]);
  });

  it('keeps arguments and environment values unchanged: spaces, quotes, $, backticks, newlines, non-ASCII', () => {
    const torture = `a b  "c" 'd' $HOME \`id\` \\e\nsecond line ünïcødé ✓`;
    const folder = ws('quoting', {
      '.devcontainer/devcontainer.json': config({
        image: BUSYBOX,
        containerEnv: { TORTURE: torture },
        remoteEnv: { REMOTE: torture },
      }),
    });
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    const printed = slipway([
      'exec',
      '--workspace-folder',
      folder,
      'sh',
      '-c',
      'printf "%s|%s|%s" "$TORTURE" "$REMOTE" "$1"',
      'sh',
      torture,
    ]);
    assert.equal(printed.stdout, `${torture}|${torture}|${torture}`);
  });

  it('runs as remoteUser', () => {
    const folder = ws('remote-user', {
      '.devcontainer/devcontainer.json': config({
        image: DEBIAN,
        remoteUser: 'vscode',
        containerEnv: { FOR_LATER_SESSIONS: 'kept' },
        postCreateCommand: 'id -un > /tmp/who',
      }),
    });
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.status, 0, upRun.stderr);
    assert.equal(upRun.json.remoteUser, 'vscode');
    assert.equal(
      slipway([
        'exec',
        '--workspace-folder',
        folder,
        'sh',
        '-c',
        'id -un; cat /tmp/who; echo $HOME',
      ]).stdout,
      'vscode\nvscode\n/home/vscode\n',
    );
  });

  it("applies the image's devcontainer.metadata label: its user and hooks, first, also on reuse", () => {
    const metadata = [{ remoteUser: 'vscode', postCreateCommand: 'echo image >> /tmp/hooks' }];
    const folder = ws('image-metadata', {
      // As on mcr.microsoft.com/devcontainers images, whose label says remoteUser.
      '.devcontainer/Dockerfile': `FROM ${DEBIAN}\nLABEL devcontainer.metadata='${JSON.stringify(metadata)}'\n`,
      '.devcontainer/devcontainer.json': config({
        build: { dockerfile: 'Dockerfile' },
        postCreateCommand: 'id -un >> /tmp/hooks',
      }),
    });
    const upRun = slipway(['up', '--workspace-folder', folder]);
    assert.equal(upRun.status, 0, upRun.stderr);
    assert.equal(upRun.json.remoteUser, 'vscode');
    const again = slipway(['up', '--workspace-folder', folder]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.remoteUser, 'vscode');
    const hooks = slipway(['exec', '--workspace-folder', folder, 'cat', '/tmp/hooks']);
    assert.equal(hooks.stdout, 'image\nvscode\n');
  });

  it('leaves the container environment where a fresh login session (like SSH) finds it', () => {
    const folder = made.find((f) => f.endsWith('remote-user'))!;
    const fresh = slipway([
      'exec',
      '--workspace-folder',
      folder,
      'env',
      '-i',
      '/bin/bash',
      '-lc',
      'echo "$FOR_LATER_SESSIONS"',
    ]);
    assert.equal(fresh.stdout, 'kept\n', fresh.stderr);
  });

  it('ends with one container when two ups race', async () => {
    const folder = ws('race', { '.devcontainer.json': config({ image: BUSYBOX }) });
    const [a, b] = await Promise.all([
      slipwayAsync(['up', '--workspace-folder', folder]),
      slipwayAsync(['up', '--workspace-folder', folder]),
    ]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.deepEqual([a.json.action, b.json.action].sort(), ['created', 'reused']);
    const rows = JSON.parse(slipway(['ls', '--json']).stdout) as Array<{ workspaceFolder: string }>;
    assert.equal(rows.filter((row) => row.workspaceFolder === folder).length, 1);
  });

  it('rebuilds with --remove-existing-container', () => {
    const folder = ws('rebuild', {
      '.devcontainer.json': config({ image: BUSYBOX, onCreateCommand: 'touch /created-here' }),
    });
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    assert.equal(slipway(['exec', '--workspace-folder', folder, 'touch', '/old-rootfs']).status, 0);
    const rebuilt = slipway(['up', '--workspace-folder', folder, '--remove-existing-container']);
    assert.equal(rebuilt.json.action, 'created', rebuilt.stderr);
    assert.equal(
      slipway(['exec', '--workspace-folder', folder, 'ls', '/old-rootfs']).status,
      1,
      'a fresh root filesystem',
    );
    assert.equal(
      slipway(['exec', '--workspace-folder', folder, 'ls', '/created-here']).status,
      0,
      'onCreateCommand ran again',
    );
  });

  it('down asks for --force on a running container, then removes it', () => {
    const folder = ws('down', { '.devcontainer.json': config({ image: BUSYBOX }) });
    assert.equal(slipway(['up', '--workspace-folder', folder]).status, 0);
    const refused = slipway(['down', '--workspace-folder', folder]);
    assert.equal(refused.status, 1);
    assert.match(String(refused.json.message), /--force/);
    assert.equal(slipway(['down', '--force', '--workspace-folder', folder]).status, 0);
    assert.equal(slipway(['exec', '--workspace-folder', folder, 'true']).status, 1);
  });

  describe('failures say what to do', () => {
    it('a failing hook names the hook and its exit code', () => {
      const folder = ws('failing-hook', {
        '.devcontainer.json': config({ image: BUSYBOX, onCreateCommand: 'exit 42' }),
      });
      const run = slipway(['up', '--workspace-folder', folder]);
      assert.equal(run.status, 1);
      assert.match(
        String(run.json.message),
        /onCreateCommand from devcontainer\.json failed with exit code 42/,
      );
    });

    it('an unknown image gives the registry error', () => {
      const folder = ws('unknown-image', {
        '.devcontainer.json': config({ image: 'docker.io/nobody/does-not-exist:1' }),
      });
      const run = slipway(['up', '--workspace-folder', folder]);
      assert.equal(run.status, 1);
      assert.match(String(run.json.message), /does-not-exist/);
      assert.match(String(run.json.message), /404|not found/i);
    });

    it('a taken name says so', () => {
      const other = ws('name-owner', {
        '.devcontainer.json': config({ image: BUSYBOX, runArgs: ['--name', 'taken-name'] }),
      });
      assert.equal(slipway(['up', '--workspace-folder', other]).status, 0);
      const folder = ws('name-taker', {
        '.devcontainer.json': config({ image: BUSYBOX, runArgs: ['--name', 'taken-name'] }),
      });
      const run = slipway(['up', '--workspace-folder', folder]);
      assert.equal(run.status, 1);
      assert.match(String(run.json.message), /taken-name/);
      assert.match(String(run.json.message), /already exists/);
    });

    it('an old container is refused before anything runs, naming the option', () => {
      const folder = ws('too-old', {
        '.devcontainer.json': config({ image: BUSYBOX, init: true }),
      });
      const run = slipway(['up', '--workspace-folder', folder], {
        env: { CONTAINER_STANDIN_VERSION: '0.9.0' },
      });
      assert.equal(run.status, 1);
      assert.match(String(run.json.message), /needs container 0\.10\.0 or newer for --init/);
    });

    it('a stopped service says how to start it', () => {
      const folder = ws('service-down', { '.devcontainer.json': config({ image: BUSYBOX }) });
      assert.equal(container(['system', 'stop']).status, 0);
      try {
        const run = slipway(['up', '--workspace-folder', folder]);
        assert.equal(run.status, 1);
        assert.match(String(run.json.message), /container system start/);
      } finally {
        assert.equal(container(['system', 'start', '--enable-kernel-install']).status, 0);
      }
      assert.ok(!existsSync(path.join(folder, 'never')));
    });
  });
});
