import type { FeatureMetadata } from '../../../src/core/features/featureMetadata';
import { FakeFeatures, digestOf, metadata } from './fixtures';

/**
 * What the registries and release pages behind the reference CLI's Feature
 * tests serve, as far as ordering and the lockfile need it (ids, versions,
 * dependsOn, installsAfter, legacyIds), so the corpus configs that name
 * published Features can be resolved without a network:
 *
 * - `ghcr.io/codspace/dependson/*` and the tarballs of
 *   `codspace/tgz-features-with-dependson` 0.0.2: the Features in
 *   devcontainers/cli `src/test/container-features/example-v2-features-sets/dependsOn/src/`;
 * - `ghcr.io/codspace/dependsOnAndInstallsAfter/*`: `.../dependsOn-and-installsAfter/src/`;
 * - `ghcr.io/codspace/features/{hello,fruit,new-color,flower}`: codspace/features `src/`;
 *   `color` is `new-color` published under its legacy id.
 *
 * Manifest and tarball digests are the ones the reference's tests and
 * expected lockfiles record (containerFeaturesOrder.test.ts,
 * configs/lockfile*); the others are made up, one per artifact.
 */

const magic = {
  options: {
    magicNumber: { type: 'string' as const, default: '0', description: 'The magic number' },
  },
};

function dependsOnSet(
  id: string,
  version: string,
  dependsOn: FeatureMetadata['dependsOn'] = {},
): FeatureMetadata {
  return metadata({ id, version, dependsOn, ...magic });
}

const DEPENDSON = 'ghcr.io/codspace/dependson';
const A_201 = 'sha256:932027ef71da186210e6ceb3294c3459caaf6b548d2b547d5d26be3fc4b2264a';
const E_200 = 'sha256:9f36f159c70f8bebff57f341904b030733adb17ef12a5d58d4b3d89b2a6c7d5a';
const A = dependsOnSet('A', '2.0.1', { [`${DEPENDSON}/E`]: { magicNumber: '50' } });
const B = dependsOnSet('B', '2.0.0', {
  [`${DEPENDSON}/C`]: { magicNumber: '20' },
  [`${DEPENDSON}/D`]: { magicNumber: '30' },
});
const E = dependsOnSet('E', '2.0.0');
const AI = 'ghcr.io/codspace/dependsonandinstallsafter';
const NEW_COLOR = metadata({ id: 'new-color', version: '1.0.3', legacyIds: ['color'] });
const TGZ = 'https://github.com/codspace/tgz-features-with-dependson/releases/download/0.0.2';

export function referenceRegistry(): FakeFeatures {
  return new FakeFeatures()
    .add(`${DEPENDSON}/a`, { digest: A_201, metadata: A })
    .add(`${DEPENDSON}/a:2.0.0`, { digest: digestOf('a200'), metadata: dependsOnSet('A', '2.0.0') })
    .add(`${DEPENDSON}/b`, {
      digest: 'sha256:e7e6b52884ae7f349baf207ac59f78857ab64529c890b646bb0282f962bb2941',
      metadata: B,
    })
    .add(`${DEPENDSON}/c`, {
      digest: 'sha256:db651708398b6d7af48f184c358728eaaf959606637133413cb4107b8454a868',
      metadata: dependsOnSet('C', '2.0.0', {
        [`${DEPENDSON}/A`]: { magicNumber: '40' },
        [`${DEPENDSON}/E`]: { magicNumber: '50' },
      }),
    })
    .add(`${DEPENDSON}/d`, {
      digest: 'sha256:3795caa1e32ba6b30a08260039804eed6f3cf40811f0c65c118437743fa15ce8',
      metadata: dependsOnSet('D', '2.0.0'),
    })
    .add(`${DEPENDSON}/e`, { digest: E_200, metadata: E })
    .add(`${DEPENDSON}/e:1`, {
      digest: 'sha256:90b84127edab28ecb169cd6c6f2101ce0ea1d77589cee01951fec7f879f3a11c',
      metadata: dependsOnSet('E', '1.0.0'),
    })
    .add(`${DEPENDSON}/f`, {
      digest: digestOf('f'),
      metadata: dependsOnSet('F', '2.0.0', { [`${DEPENDSON}/G`]: { magicNumber: '10' } }),
    })
    .add(`${DEPENDSON}/g`, {
      digest: digestOf('6'),
      metadata: dependsOnSet('G', '2.0.0', { [`${DEPENDSON}/H`]: { magicNumber: '20' } }),
    })
    .add(`${DEPENDSON}/h`, {
      digest: digestOf('7'),
      metadata: dependsOnSet('H', '2.0.0', { [`${DEPENDSON}/F`]: { magicNumber: '30' } }),
    })
    .add(`${DEPENDSON}/i`, {
      digest: digestOf('8'),
      metadata: dependsOnSet('I', '2.0.0', { [`${DEPENDSON}/E:2.0.0`]: { magicNumber: '50' } }),
    })
    .add(`${DEPENDSON}/j`, {
      digest: digestOf('9'),
      metadata: dependsOnSet('J', '2.0.0', {
        'ghcr.io/codspace/dependsOn/A:2.0.0': { magicNumber: '60' },
        'ghcr.io/codspace/dependsOn/A:2.0.1': { magicNumber: '60' },
        'ghcr.io/codspace/dependsOn/C': { magicNumber: '100' },
      }),
    })
    .add(`${TGZ}/devcontainer-feature-A.tgz`, {
      digest: 'sha256:f2dd5be682cceedb5497f9a734b5d5e7834424ade75b8cc700927242585ec671',
      metadata: A,
    })
    .add(`${TGZ}/devcontainer-feature-B.tgz`, { digest: digestOf('b7'), metadata: B })
    .add(`${TGZ}/devcontainer-feature-D.tgz`, {
      digest: 'sha256:41607bd6aba3975adcd0641cc479e67b04abd21763ba8a41ea053bcc04a6a818',
      metadata: dependsOnSet('D', '2.0.0'),
    })
    .add(`${AI}/a`, {
      digest: digestOf('a1'),
      metadata: metadata({
        id: 'A',
        version: '1.0.1',
        dependsOn: { 'ghcr.io/codspace/dependsOnAndInstallsAfter/B:latest': {} },
        installsAfter: ['ghcr.io/codspace/dependsOnAndInstallsAfter/C'],
      }),
    })
    .add(`${AI}/b`, {
      digest: digestOf('a2'),
      metadata: metadata({
        id: 'B',
        dependsOn: {
          'ghcr.io/codspace/dependsOnAndInstallsAfter/C:latest': {},
          'ghcr.io/codspace/dependsOnAndInstallsAfter/D:latest': {},
        },
        installsAfter: ['ghcr.io/codspace/dependsOnAndInstallsAfter/E'],
      }),
    })
    .add(`${AI}/c`, {
      digest: digestOf('a3'),
      metadata: metadata({
        id: 'C',
        installsAfter: ['ghcr.io/codspace/dependsOnAndInstallsAfter/E'],
      }),
    })
    .add(`${AI}/d`, { digest: digestOf('a4'), metadata: metadata({ id: 'D' }) })
    .add('ghcr.io/codspace/features/hello', {
      digest: digestOf('c1'),
      metadata: metadata({
        id: 'hello',
        version: '1.0.8',
        installsAfter: ['ghcr.io/codspace/features/color'],
      }),
    })
    .add('ghcr.io/codspace/features/fruit', {
      digest: digestOf('c2'),
      metadata: metadata({
        id: 'fruit',
        version: '1.0.6',
        installsAfter: ['ghcr.io/codspace/features/hello'],
      }),
    })
    .add('ghcr.io/codspace/features/new-color', { digest: digestOf('c3'), metadata: NEW_COLOR })
    .add('ghcr.io/codspace/features/color:1', { digest: digestOf('c4'), metadata: NEW_COLOR })
    .add(
      'ghcr.io/codspace/features/color@sha256:6e9d07c7f488fabc981e7508d8c25eea4b102ebe4b87f9fc6f233efa1d325908',
      {
        digest: 'sha256:6e9d07c7f488fabc981e7508d8c25eea4b102ebe4b87f9fc6f233efa1d325908',
        metadata: { ...NEW_COLOR, version: '1.0.4' },
      },
    )
    .add('ghcr.io/devcontainers/features/dotnet', {
      digest: digestOf('d2'),
      metadata: metadata({ id: 'dotnet', version: '2.4.0' }),
    })
    .add('ghcr.io/codspace/features/color:1.0.4', {
      digest: 'sha256:6e9d07c7f488fabc981e7508d8c25eea4b102ebe4b87f9fc6f233efa1d325908',
      metadata: { ...NEW_COLOR, version: '1.0.4' },
    })
    .add('ghcr.io/codspace/features/color:1.0.5', {
      digest: 'sha256:a20e55d6a70ad4bfb9eca962693de0982c607f41d732c3ff57ed1d75e9b59f9c',
      metadata: { ...NEW_COLOR, version: '1.0.5' },
    })
    .add('ghcr.io/codspace/features/flower', {
      digest: 'sha256:c9cc1ac636b9ef595512b5ca7ecb3a35b7d3499cb6f86372edec76ae0cd71d43',
      metadata: metadata({
        id: 'flower',
        version: '1.0.0',
        installsAfter: ['ghcr.io/codspace/features/new-color'],
      }),
    })
    .add('ghcr.io/devcontainers/features/python', {
      digest: 'sha256:675f3c93e52fa4b205827e3aae744905ae67951f70e3ec2611f766304b31f4a2',
      metadata: metadata({
        id: 'python',
        installsAfter: ['ghcr.io/devcontainers/features/common-utils'],
        options: { version: { type: 'string', default: 'os-provided' } },
      }),
    })
    .add('ghcr.io/codspace/features/python', {
      digest: 'sha256:e4034c2a24d6c5d1cc0f6cb03091fc72d4e89f5cc64fa692cb69b671c81633d2',
      metadata: metadata({
        id: 'python',
        options: { version: { type: 'string', default: 'latest' } },
      }),
    })
    .add(
      'https://github.com/codspace/features/releases/download/tarball02/devcontainer-feature-docker-in-docker.tgz',
      {
        // Not the digest configs/lockfile-tarball-integrity locks: that test expects a mismatch.
        digest: digestOf('d1'),
        metadata: metadata({
          id: 'docker-in-docker',
          options: { version: { type: 'string', default: 'latest' } },
        }),
      },
    );
}
