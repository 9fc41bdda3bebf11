import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { featuresPlanLines } from '../../../src/core/features/featuresPlan';
import { LOCAL, NODE, toInstall } from './buildFixtures';

describe('featuresPlanLines', () => {
  it('lists the Features in install order with version, digest and options', () => {
    const common = toInstall('ghcr.io/devcontainers/features/common-utils:2', {
      id: 'common-utils',
      version: '2.5.1',
      digest: `sha256:${'0123456789abcdef'.repeat(4)}`,
      options: { installZsh: { type: 'boolean', default: true } },
    });
    assert.deepEqual(featuresPlanLines([common, NODE(), LOCAL()]), [
      'Features (installed in this order):',
      '  1. ghcr.io/devcontainers/features/common-utils:2  (2.5.1, sha256:0123456789ab)',
      '     defaults  installZsh=true',
      '  2. ghcr.io/devcontainers/features/node:1  (1.0.0, sha256:node00000000)',
      '     options   version="18"',
      '     defaults  nodeGypDependencies=true',
      '  3. ./local-tool  (0.1.0, local folder)',
    ]);
  });

  it('shows a version string as the version option, and who added a Feature', () => {
    const node = toInstall('ghcr.io/devcontainers/features/node:1', {
      id: 'node',
      options: { version: { type: 'string', default: 'lts' } },
      value: '20',
    });
    const parent = NODE();
    node.node.requiredBy = parent.node;
    node.node.origin = 'dependsOn';
    assert.deepEqual(featuresPlanLines([node]).slice(1), [
      '  1. ghcr.io/devcontainers/features/node:1  (1.0.0, sha256:node00000000)',
      '     options   version="20"',
      '     added by ghcr.io/devcontainers/features/node:1 (dependsOn)',
    ]);
  });

  it('names tarballs, quotes odd option values, and ends with the build', () => {
    const tarball = toInstall('https://example.test/devcontainer-feature-tool.tgz', {
      id: 'tool',
      digest: `sha256:${'f'.repeat(64)}`,
      options: { greeting: { type: 'string' } },
      value: { greeting: 'hello "you"\nthere' },
    });
    assert.deepEqual(
      featuresPlanLines([tarball], {
        tag: 'localhost/slipway/proj-features:abc',
        layout: 'script',
        baseImage: 'debian:12',
      }),
      [
        'Features (installed in this order):',
        '  1. https://example.test/devcontainer-feature-tool.tgz  (1.0.0, tarball sha256:ffffffffffff)',
        '     options   greeting="hello \\"you\\"\\nthere"',
        '  Built as localhost/slipway/proj-features:abc on debian:12 (Features grouped into a script)',
      ],
    );
  });

  it('says nothing without Features', () => {
    assert.deepEqual(featuresPlanLines([]), []);
  });
});
