import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerInfo } from '../../../src/core/client/types';
import { parseResourcesFromLabel, resourcesFromLabel } from '../../../src/core/plan/resources';
import { terminalExecArgs } from '../../../src/core/view/terminal';

const base: ContainerInfo = {
  id: 'proj-1234abcd',
  state: 'running',
  image: 'docker.io/library/debian:bookworm',
  rosetta: false,
  labels: { 'devcontainer.local_folder': '/Users/me/proj' },
  publishedPorts: [],
  environment: [],
};
const memo = {
  containerId: 'proj-1234abcd',
  remoteUser: 'vscode',
  home: '/home/vscode',
  shell: '/bin/bash',
  probedEnv: {},
  remoteWorkspaceFolder: '/workspaces/my proj',
};

describe('terminal in a container', () => {
  it('opens the remote user’s login shell in the workspace folder of a dev container', () => {
    assert.deepEqual(terminalExecArgs(base, memo), [
      'exec',
      '-i',
      '-t',
      '-u',
      'vscode',
      '-w',
      '/workspaces/my proj',
      'proj-1234abcd',
      '/bin/bash',
      '-l',
    ]);
  });

  it('falls back to sh for a user without a login shell, and for other containers', () => {
    assert.deepEqual(terminalExecArgs(base, { ...memo, shell: '/usr/sbin/nologin' }).slice(-2), [
      '/bin/sh',
      '-l',
    ]);
    assert.deepEqual(terminalExecArgs({ ...base, labels: {} }, memo), [
      'exec',
      '-i',
      '-t',
      'proj-1234abcd',
      '/bin/sh',
    ]);
  });
});

describe('the resources-source label', () => {
  it('round-trips where the CPUs and memory came from', () => {
    const label = resourcesFromLabel({ cpusFrom: 'setting', memoryFrom: 'hostRequirements' });
    assert.equal(label, 'cpus:setting,memory:hostRequirements');
    assert.deepEqual(parseResourcesFromLabel(label), {
      cpus: 'setting',
      memory: 'hostRequirements',
    });
  });

  it('ignores what it does not know', () => {
    assert.deepEqual(parseResourcesFromLabel('cpus:magic,disk:setting,memory'), {});
    assert.deepEqual(parseResourcesFromLabel(undefined), {});
  });
});
