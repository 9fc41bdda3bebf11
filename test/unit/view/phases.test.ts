import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { LIFECYCLE_HOOKS } from '../../../src/core/config/types';
import { busyText, phaseGroup, phaseLabel } from '../../../src/core/view/phases';

const ENGINE_PHASES = [
  'plan',
  'initializeCommand',
  'find',
  'remove',
  'start',
  'version',
  'build',
  'image',
  'create',
  'boot',
  'setup',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
  'connect',
];

describe('phase words', () => {
  it('labels every phase for tooltips and the timeline', () => {
    assert.deepEqual(ENGINE_PHASES.map(phaseLabel), [
      'Read config',
      'initializeCommand',
      'Find container',
      'Remove old container',
      'Start VM',
      'Check container version',
      'Build image',
      'Pull and inspect image',
      'Create container',
      'Boot VM',
      'Set up user',
      'onCreateCommand',
      'updateContentCommand',
      'postCreateCommand',
      'postStartCommand',
      'postAttachCommand',
      'Connect window',
    ]);
  });

  it('says what is happening, for the spinner', () => {
    assert.deepEqual(ENGINE_PHASES.map(busyText), [
      'Reading config',
      'Running initializeCommand',
      'Finding container',
      'Removing old container',
      'Starting VM',
      'Checking container',
      'Building image',
      'Reading the image',
      'Creating container',
      'Booting VM',
      'Setting up user',
      'Running onCreateCommand',
      'Running updateContentCommand',
      'Running postCreateCommand',
      'Running postStartCommand',
      'Running postAttachCommand',
      'Connecting',
    ]);
  });

  it('groups phases by where they spend their time', () => {
    assert.deepEqual(Object.fromEntries(ENGINE_PHASES.map((phase) => [phase, phaseGroup(phase)])), {
      plan: 'host',
      initializeCommand: 'host',
      find: 'host',
      remove: 'container',
      start: 'vm',
      version: 'host',
      build: 'container',
      image: 'container',
      create: 'container',
      boot: 'vm',
      setup: 'hook',
      onCreateCommand: 'hook',
      updateContentCommand: 'hook',
      postCreateCommand: 'hook',
      postStartCommand: 'hook',
      postAttachCommand: 'hook',
      connect: 'connect',
    });
  });

  it('knows every lifecycle hook of the config model', () => {
    for (const hook of LIFECYCLE_HOOKS) {
      assert.equal(phaseLabel(hook), hook);
      assert.equal(busyText(hook), `Running ${hook}`);
    }
  });

  it('shows Features by their id', () => {
    const phase = 'feature:ghcr.io/devcontainers/features/node:1';
    assert.equal(phaseLabel(phase), 'Feature ghcr.io/devcontainers/features/node:1');
    assert.equal(busyText(phase), 'Installing Feature ghcr.io/devcontainers/features/node:1');
    assert.equal(phaseGroup(phase), 'hook');
  });

  it('shows unknown phases as they are, even names on Object.prototype', () => {
    for (const phase of ['pullImage', 'constructor', 'toString', '__proto__', '']) {
      assert.equal(phaseLabel(phase), phase);
      assert.equal(busyText(phase), phase);
      assert.equal(phaseGroup(phase), 'host');
    }
  });
});
