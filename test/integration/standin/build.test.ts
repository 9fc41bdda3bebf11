import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { cleanUp, container, ok, SCRATCH } from './harness';

/**
 * `container build` on the stand-in: a real podman build from the local test
 * image, with Apple's output (image names on stdout), its builder container,
 * and its errors.
 */

const TAG = 'localhost/slipway/standin-it:latest';

function context(name: string, files: Record<string, string>): string {
  const folder = path.join(SCRATCH, 'build', name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(path.join(folder, file), content);
  }
  return folder;
}

describe('stand-in: build (integration)', function () {
  this.timeout(90_000);
  after(() => {
    container(['image', 'delete', TAG]);
    cleanUp();
  });

  it('builds from the local image with a build arg and a target, then runs the result', () => {
    const folder = context('staged', {
      Dockerfile: [
        'ARG BASE=busybox',
        'FROM ${BASE} AS base',
        'ARG FLAVOUR=plain',
        'RUN echo "$FLAVOUR" > /flavour',
        'FROM base AS dev',
        'RUN echo dev > /stage',
        'FROM base AS prod',
        'RUN echo prod > /stage',
        '',
      ].join('\n'),
    });
    const built = container([
      'build',
      '-t',
      TAG,
      '--build-arg',
      'FLAVOUR=minty',
      '--target',
      'dev',
      folder,
    ]);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stdout, `${TAG}\n`);
    assert.equal(ok(['run', '--rm', TAG, 'cat', '/flavour', '/stage']), 'minty\ndev\n');
    assert.match(ok(['image', 'list']), /^localhost\/slipway\/standin-it +latest +[0-9a-f]{12}$/m);
    // The builder VM shows up in the container list, as Apple's does.
    const listed = JSON.parse(ok(['list', '--format', 'json'])) as Array<{
      id: string;
      configuration: { labels: Record<string, string> };
    }>;
    const builder = listed.find((c) => c.id === 'buildkit');
    assert.equal(builder?.configuration.labels['com.apple.container.resource.role'], 'builder');
  });

  it('reports what fails: a missing context, an unknown base image, a failing step', () => {
    const noContext = container(['build', path.join(SCRATCH, 'missing')]);
    assert.equal(noContext.status, 64);
    assert.match(
      noContext.stderr,
      /^Error: context dir does not exist .*\nUsage: container build /,
    );
    const unknownBase = container([
      'build',
      context('unknown', { Dockerfile: 'FROM ghcr.io/acme/none:1\n' }),
    ]);
    assert.equal(unknownBase.status, 1);
    assert.equal(
      unknownBase.stderr,
      'Error: unknown: "HTTP request to https://ghcr.io/v2/acme/none/manifests/1 ' +
        'failed with response: 404 Not Found. Reason: Unknown"\n',
    );
    const failing = container([
      'build',
      context('failing', { Containerfile: 'FROM busybox\nRUN exit 3\n' }),
    ]);
    assert.equal(failing.status, 1);
    assert.match(
      failing.stderr,
      /\nError: unknown: "failed to solve: process "\/bin\/sh -c exit 3" did not complete successfully: exit code: 3"\n$/,
    );
  });
});
