import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { expandFeatureGraph, type FeatureNode } from '../../../src/core/features/featureGraph';
import { parseFeatureMetadata } from '../../../src/core/features/featureMetadata';
import { parseFeatureRef } from '../../../src/core/features/featureRef';
import type { FeatureRequest } from '../../../src/core/features/userFeatures';
import {
  CONFIG,
  CONTEXT,
  FakeFeatures,
  WORKSPACE,
  configError,
  digestOf,
  metadata,
} from './fixtures';

function request(userId: string, value: FeatureRequest['value'] = {}): FeatureRequest {
  return {
    userId,
    ref: parseFeatureRef(userId, CONTEXT),
    value,
    site: { file: CONFIG, path: ['features', userId] },
  };
}

function summary(nodes: readonly FeatureNode[]): string[] {
  return nodes.map((node) => `${node.userId} ${JSON.stringify(node.value)} ${node.origin}`);
}

const DEV = `${WORKSPACE}/.devcontainer`;

describe('expandFeatureGraph', () => {
  it('asks for what it is missing, one level of dependsOn at a time', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/a', {
        digest: digestOf('a'),
        metadata: metadata({ id: 'a', dependsOn: { 'ghcr.io/x/f/b': { n: '1' } } }),
      })
      .add('ghcr.io/x/f/b', {
        digest: digestOf('b'),
        metadata: metadata({ id: 'b', dependsOn: { 'ghcr.io/x/f/c:2': {} } }),
      })
      .add('ghcr.io/x/f/c', { digest: digestOf('c'), metadata: metadata({ id: 'c' }) });

    const first = expandFeatureGraph([request('ghcr.io/x/f/a')], () => undefined, CONTEXT);
    assert.equal(first.complete, false);
    assert.deepEqual(!first.complete && first.missing.map((ref) => ref.userId), ['ghcr.io/x/f/a']);

    const { nodes, added, rounds } = features.resolve([request('ghcr.io/x/f/a')]);
    assert.equal(rounds, 3);
    assert.deepEqual(features.fetched, ['ghcr.io/x/f/a', 'ghcr.io/x/f/b', 'ghcr.io/x/f/c:2']);
    assert.deepEqual(summary(nodes), [
      'ghcr.io/x/f/a {} user',
      'ghcr.io/x/f/b {"n":"1"} dependsOn',
      'ghcr.io/x/f/c:2 {} dependsOn',
    ]);
    assert.deepEqual(
      added.map((node) => node.userId),
      ['ghcr.io/x/f/b', 'ghcr.io/x/f/c:2'],
    );
    assert.equal(added[0]!.requiredBy?.userId, 'ghcr.io/x/f/a');
    assert.equal(nodes[0]!.dependsOn[0]!.userId, 'ghcr.io/x/f/b');
  });

  it('adds an equal Feature once: same digest and same options', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/a', {
        digest: digestOf('a'),
        metadata: metadata({ id: 'a', dependsOn: { 'ghcr.io/x/f/e': { n: '50' } } }),
      })
      .add('ghcr.io/x/f/c', {
        digest: digestOf('c'),
        metadata: metadata({
          id: 'c',
          dependsOn: { 'ghcr.io/x/f/E:latest': { n: '50' }, 'ghcr.io/x/f/e:1': { n: '50' } },
        }),
      })
      .add('ghcr.io/x/f/e:latest', { digest: digestOf('e2'), metadata: metadata({ id: 'e' }) })
      .add('ghcr.io/x/f/e:1', { digest: digestOf('e1'), metadata: metadata({ id: 'e' }) });
    const { nodes } = features.resolve([
      request('ghcr.io/x/f/a'),
      request('ghcr.io/x/f/c'),
      request('ghcr.io/x/f/e', { n: '60' }),
    ]);
    assert.deepEqual(summary(nodes), [
      'ghcr.io/x/f/a {} user',
      'ghcr.io/x/f/c {} user',
      'ghcr.io/x/f/e {"n":"60"} user',
      'ghcr.io/x/f/e {"n":"50"} dependsOn',
      'ghcr.io/x/f/e:1 {"n":"50"} dependsOn',
    ]);
  });

  it('resolves local dependsOn and installsAfter against devcontainer.json, not the Feature', () => {
    const features = new FakeFeatures()
      .add(`${DEV}/a`, {
        metadata: metadata({ id: 'a', dependsOn: { './b': {} }, installsAfter: ['./c'] }),
      })
      .add(`${DEV}/b`, { metadata: metadata({ id: 'b' }) });
    const { nodes } = features.resolve([request('./a')]);
    assert.deepEqual(
      nodes.map((node) => node.ref.kind === 'local' && node.ref.path),
      [`${DEV}/a`, `${DEV}/b`],
    );
    const soft = nodes[0]!.installsAfter[0]!;
    assert.equal(soft.kind === 'local' && soft.path, `${DEV}/c`);
  });

  it('keeps aliases from the current id and the legacy ids', () => {
    const features = new FakeFeatures().add('ghcr.io/x/f/new-name', {
      digest: digestOf('n'),
      metadata: metadata({ id: 'New-Name', legacyIds: ['old-name'] }),
    });
    const { nodes } = features.resolve([request('ghcr.io/x/f/new-name')]);
    assert.deepEqual(nodes[0]!.aliases, ['new-name', 'old-name']);
  });

  it('points a bad dependsOn id into the Feature that declares it', () => {
    const file = `${DEV}/a/devcontainer-feature.json`;
    const parsed = parseFeatureMetadata(
      '{\n  "id": "a",\n  "version": "1.0.0",\n  "dependsOn": {\n    "owner/repo/x": {}\n  }\n}',
      file,
      './a',
    );
    const features = new FakeFeatures().add(`${DEV}/a`, parsed);
    const error = configError(() => features.resolve([request('./a')]));
    assert.equal(error.file, file);
    assert.equal(error.line, 5);
    assert.equal(error.column, 21);
    assert.match(
      error.message,
      /^In Feature "\.\/a": "owner\/repo\/x" looks like a Feature from a GitHub release/,
    );
  });

  it('points a bad installsAfter id at its entry', () => {
    const file = `${DEV}/a/devcontainer-feature.json`;
    const parsed = parseFeatureMetadata(
      '{\n  "id": "a",\n  "version": "1.0.0",\n  "installsAfter": [\n    "/abs"\n  ]\n}',
      file,
      './a',
    );
    const error = configError(() =>
      new FakeFeatures().add(`${DEV}/a`, parsed).resolve([request('./a')]),
    );
    assert.equal(error.line, 5);
    assert.match(error.message, /absolute path/);
  });

  it('warns once per Feature: metadata warnings, deprecation, renames, folder names, legacy ids', () => {
    const features = new FakeFeatures()
      .add(`${DEV}/folder`, {
        metadata: metadata({ id: 'other', dependsOn: { git: {} } }),
        warnings: [{ feature: './folder', message: 'from the metadata' }],
      })
      .add('ghcr.io/devcontainers/features/git:1', {
        digest: digestOf('g'),
        metadata: metadata({ id: 'git', deprecated: true }),
      })
      .add('ghcr.io/x/f/old', {
        digest: digestOf('o'),
        metadata: metadata({ id: 'old', currentId: 'new', legacyIds: ['old'] }),
      });
    const { warnings } = features.resolve([
      request('./folder'),
      request('./folder'),
      request('ghcr.io/x/f/old:1'),
    ]);
    const messages = warnings.map((w) => `${w.feature}: ${w.message}`);
    assert.equal(messages.length, 5, messages.join('\n'));
    assert.match(messages[0]!, /^\.\/folder: from the metadata$/);
    assert.match(
      messages[1]!,
      /^\.\/folder: The Feature's id is "other" but its folder is "folder"/,
    );
    assert.match(
      messages[2]!,
      /^git: "git" is a legacy Feature id; Slipway installs ghcr\.io\/devcontainers\/features\/git:1/,
    );
    assert.match(
      messages[3]!,
      /^ghcr\.io\/x\/f\/old:1: The Feature was renamed; update the reference in devcontainer\.json to ghcr\.io\/x\/f\/new\.$/,
    );
    assert.match(messages[4]!, /^git: The Feature is deprecated/);
  });

  it('refuses an OCI Feature the fetcher gave no digest (a programming error)', () => {
    assert.throws(
      () =>
        expandFeatureGraph(
          [request('ghcr.io/x/f/a')],
          () => ({ metadata: metadata({ id: 'a' }) }),
          CONTEXT,
        ),
      /No manifest digest/,
    );
  });
});
