import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  imageInspectCommand,
  imagePullCommand,
  parseImageInspect,
} from '../../../src/core/client/imageCommands';
import { isContainerCliError } from '../../../src/core/client/types';
import { IMAGE_0X, IMAGE_1X, METADATA } from './fixtures';

const REF = 'mcr.microsoft.com/devcontainers/base:ubuntu';

describe('image inspect', () => {
  it('builds `image inspect <ref>` with a query time limit', () => {
    const command = imageInspectCommand(REF);
    assert.deepEqual(command.args, ['image', 'inspect', REF]);
    assert.ok(command.timeoutMs !== undefined && command.timeoutMs > 0);
  });

  it('reads the 1.x shape, preferring the native arm64 variant (with a `v8` variant suffix)', () => {
    const info = imageInspectCommand(REF).parse(IMAGE_1X);
    assert.deepEqual(info, {
      reference: REF,
      id: 'f3a1',
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      labels: { 'devcontainer.metadata': METADATA, arch: 'arm64' },
      env: ['PATH=/usr/bin', 'ARCH=arm64'],
      user: 'vscode',
      entrypoint: ['/bin/sh', '-c'],
      cmd: ['bash'],
      workingDir: '/home/vscode',
    });
  });

  it('reads the config of the platform asked for', () => {
    const info = imageInspectCommand(REF, { platform: 'linux/amd64' }).parse(IMAGE_1X);
    assert.equal(info.user, 'root');
    assert.equal(info.labels.arch, 'amd64');
    assert.deepEqual(info.env, ['PATH=/usr/bin', 'ARCH=amd64']);
    assert.equal(info.entrypoint, undefined);
  });

  it('reads the 0.x shape ({name, index, variants})', () => {
    const info = parseImageInspect(IMAGE_0X, 'alpine');
    assert.deepEqual(info, {
      reference: 'docker.io/library/alpine:latest',
      id: 'sha256:dd',
      platforms: ['linux/arm64'],
      labels: {},
      env: ['PATH=/bin'],
      cmd: ['/bin/sh'],
    });
  });

  it('reads a single object as well as an array', () => {
    const single = JSON.stringify(JSON.parse(IMAGE_0X)[0]);
    assert.equal(parseImageInspect(single, 'alpine').reference, 'docker.io/library/alpine:latest');
  });

  it('decodes Slipway-encoded label values', () => {
    const stdout = JSON.stringify([
      {
        name: 'x',
        variants: [
          {
            platform: { os: 'linux', architecture: 'arm64' },
            config: { config: { Labels: { m: 'slipway-b64:YT1i' } } },
          },
        ],
      },
    ]);
    assert.deepEqual(parseImageInspect(stdout, 'x').labels, { m: 'a=b' });
  });

  it('answers imageNotFound for an empty array and unexpectedOutput for garbage', () => {
    assert.throws(
      () => parseImageInspect('[]', 'nope'),
      (error: unknown) => isContainerCliError(error) && error.kind === 'imageNotFound',
    );
    for (const stdout of ['not json', '[{"name":"x"}]']) {
      assert.throws(
        () => parseImageInspect(stdout, 'x'),
        (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
      );
    }
  });

  it('builds `image pull <ref>` without a time limit', () => {
    const command = imagePullCommand('alpine:3.20');
    assert.deepEqual(command.args, ['image', 'pull', 'alpine:3.20']);
    assert.equal(command.timeoutMs, undefined);
    assert.equal(command.parse('progress\n'), undefined);
  });
});
