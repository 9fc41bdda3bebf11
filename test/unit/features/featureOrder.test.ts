import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseConfigText } from '../../../src/core/config/parse';
import { compareOptionValues } from '../../../src/core/features/featureCompare';
import type { FeatureNode } from '../../../src/core/features/featureGraph';
import { computeInstallOrder } from '../../../src/core/features/featureOrder';
import { parseFeatureRef } from '../../../src/core/features/featureRef';
import type { FeatureRequest } from '../../../src/core/features/userFeatures';
import { CONFIG, CONTEXT, FakeFeatures, configError, digestOf, metadata } from './fixtures';

function request(userId: string, value: FeatureRequest['value'] = {}): FeatureRequest {
  return {
    userId,
    ref: parseFeatureRef(userId, CONTEXT),
    value,
    site: { file: CONFIG, path: ['features', userId] },
  };
}

function order(features: FakeFeatures, requests: FeatureRequest[], override?: string[]): string[] {
  const { nodes } = features.resolve(requests);
  return computeInstallOrder(nodes, {
    context: CONTEXT,
    overrideFeatureInstallOrder: override,
  }).order.map(describe1);
}

function describe1(node: FeatureNode): string {
  const value =
    typeof node.value === 'object' && Object.keys(node.value).length === 0
      ? ''
      : ` ${JSON.stringify(node.value)}`;
  return `${node.userId}${value}`;
}

const DEV = '/work/project/.devcontainer';

describe('computeInstallOrder', () => {
  it('installs hard dependencies first and sorts each round', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/app', {
        digest: digestOf('1'),
        metadata: metadata({
          id: 'app',
          dependsOn: { 'ghcr.io/x/f/zlib': {}, 'ghcr.io/x/f/base': {} },
        }),
      })
      .add('ghcr.io/x/f/zlib', { digest: digestOf('2'), metadata: metadata({ id: 'zlib' }) })
      .add('ghcr.io/x/f/base', { digest: digestOf('3'), metadata: metadata({ id: 'base' }) });
    assert.deepEqual(order(features, [request('ghcr.io/x/f/app')]), [
      'ghcr.io/x/f/base',
      'ghcr.io/x/f/zlib',
      'ghcr.io/x/f/app',
    ]);
  });

  it('orders a round by namespace, id, tag (as text), options, digest', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/b/f/a', { digest: digestOf('1'), metadata: metadata({ id: 'a' }) })
      .add('ghcr.io/a/f/z', { digest: digestOf('2'), metadata: metadata({ id: 'z' }) })
      .add('ghcr.io/a/f/m:2', { digest: digestOf('3'), metadata: metadata({ id: 'm' }) })
      .add('ghcr.io/a/f/m:10', { digest: digestOf('4'), metadata: metadata({ id: 'm' }) })
      .add('ghcr.io/a/f/m:latest', { digest: digestOf('5'), metadata: metadata({ id: 'm' }) });
    assert.deepEqual(
      order(features, [
        request('ghcr.io/b/f/a'),
        request('ghcr.io/a/f/m'),
        request('ghcr.io/a/f/m:2', { x: 'b' }),
        request('ghcr.io/a/f/m:2', { x: 'a' }),
        request('ghcr.io/a/f/m:10'),
        request('ghcr.io/a/f/z'),
      ]),
      [
        'ghcr.io/a/f/m:10',
        'ghcr.io/a/f/m:2 {"x":"a"}',
        'ghcr.io/a/f/m:2 {"x":"b"}',
        'ghcr.io/a/f/m',
        'ghcr.io/a/f/z',
        'ghcr.io/b/f/a',
      ],
    );
  });

  it('sorts Features of different kinds by their ids as written', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/a/f/x', { digest: digestOf('1'), metadata: metadata({ id: 'x' }) })
      .add(`${DEV}/l`, { metadata: metadata({ id: 'l' }) })
      .add('https://e.com/devcontainer-feature-t.tgz', {
        digest: digestOf('2'),
        metadata: metadata({ id: 't' }),
      });
    assert.deepEqual(
      order(features, [
        request('https://e.com/devcontainer-feature-t.tgz'),
        request('ghcr.io/a/f/x'),
        request('./l'),
      ]),
      ['./l', 'ghcr.io/a/f/x', 'https://e.com/devcontainer-feature-t.tgz'],
    );
  });

  it('follows installsAfter among installed Features and ignores the others', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/a', {
        digest: digestOf('1'),
        metadata: metadata({ id: 'a', installsAfter: ['ghcr.io/x/f/z', 'ghcr.io/x/f/absent'] }),
      })
      .add('ghcr.io/x/f/z', { digest: digestOf('2'), metadata: metadata({ id: 'z' }) });
    assert.deepEqual(order(features, [request('ghcr.io/x/f/a'), request('ghcr.io/x/f/z:1')]), [
      'ghcr.io/x/f/z:1',
      'ghcr.io/x/f/a',
    ]);
    // installsAfter does not add Features.
    assert.deepEqual(order(features, [request('ghcr.io/x/f/a')]), ['ghcr.io/x/f/a']);
  });

  it('matches installsAfter on a renamed Feature through its legacyIds, both ways', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/a', {
        digest: digestOf('1'),
        metadata: metadata({ id: 'a', installsAfter: ['ghcr.io/x/f/docker-from-docker'] }),
      })
      .add('ghcr.io/x/f/docker-outside-of-docker', {
        digest: digestOf('2'),
        metadata: metadata({ id: 'docker-outside-of-docker', legacyIds: ['docker-from-docker'] }),
      })
      .add('ghcr.io/x/f/b', {
        digest: digestOf('3'),
        metadata: metadata({ id: 'b', installsAfter: ['ghcr.io/x/f/docker-outside-of-docker'] }),
      })
      .add('ghcr.io/x/f/docker-from-docker', {
        digest: digestOf('4'),
        metadata: metadata({ id: 'docker-outside-of-docker', legacyIds: ['docker-from-docker'] }),
      });
    assert.deepEqual(
      order(features, [request('ghcr.io/x/f/a'), request('ghcr.io/x/f/docker-outside-of-docker')]),
      ['ghcr.io/x/f/docker-outside-of-docker', 'ghcr.io/x/f/a'],
    );
    assert.deepEqual(
      order(features, [request('ghcr.io/x/f/b'), request('ghcr.io/x/f/docker-from-docker')]),
      ['ghcr.io/x/f/docker-from-docker', 'ghcr.io/x/f/b'],
    );
  });

  it('moves overridden Features forward as soon as their dependencies allow', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/a', { digest: digestOf('1'), metadata: metadata({ id: 'a' }) })
      .add('ghcr.io/x/f/b', {
        digest: digestOf('2'),
        metadata: metadata({ id: 'b', dependsOn: { 'ghcr.io/x/f/c': {} } }),
      })
      .add('ghcr.io/x/f/c', { digest: digestOf('3'), metadata: metadata({ id: 'c' }) });
    const requests = [request('ghcr.io/x/f/a'), request('ghcr.io/x/f/b:1')];
    assert.deepEqual(order(features, requests), [
      'ghcr.io/x/f/a',
      'ghcr.io/x/f/c',
      'ghcr.io/x/f/b:1',
    ]);
    // b cannot move before c, its dependency; naming c first moves both.
    assert.deepEqual(order(features, requests, ['ghcr.io/x/f/b']), [
      'ghcr.io/x/f/a',
      'ghcr.io/x/f/c',
      'ghcr.io/x/f/b:1',
    ]);
    assert.deepEqual(order(features, requests, ['ghcr.io/x/f/c', 'ghcr.io/x/f/b']), [
      'ghcr.io/x/f/c',
      'ghcr.io/x/f/b:1',
      'ghcr.io/x/f/a',
    ]);
  });

  it('warns about override ids that match nothing or carry a version', () => {
    const features = new FakeFeatures().add('ghcr.io/x/f/a', {
      digest: digestOf('1'),
      metadata: metadata({ id: 'a' }),
    });
    const { nodes } = features.resolve([request('ghcr.io/x/f/a:1')]);
    const { warnings } = computeInstallOrder(nodes, {
      context: CONTEXT,
      overrideFeatureInstallOrder: ['ghcr.io/x/f/a:2', './nothing'],
    });
    assert.deepEqual(
      warnings.map((w) => w.message),
      [
        'overrideFeatureInstallOrder names Features without a version; the version in "ghcr.io/x/f/a:2" is ignored, and every version of ghcr.io/x/f/a moves.',
        'overrideFeatureInstallOrder names "./nothing", which is not among the Features to install; it has no effect.',
      ],
    );
  });

  it('reports an invalid override id at its position', () => {
    const text =
      '{\n  "image": "x",\n  "overrideFeatureInstallOrder": [\n    "ghcr.io/a/b",\n    "fish"\n  ]\n}';
    const parsed = parseConfigText(text, CONFIG);
    const error = configError(() =>
      computeInstallOrder([], {
        context: CONTEXT,
        locate: parsed.locate,
        overrideFeatureInstallOrder: parsed.config.overrideFeatureInstallOrder,
      }),
    );
    assert.equal(error.line, 5);
    assert.equal(error.column, 5);
    assert.match(error.message, /"fish" is a legacy Feature id/);
  });

  it('names the Features of a cycle, how each waits, and points at the user Feature that brought them', () => {
    const features = new FakeFeatures()
      .add('ghcr.io/x/f/top', {
        digest: digestOf('0'),
        metadata: metadata({ id: 'top', dependsOn: { 'ghcr.io/x/f/a': {} } }),
      })
      .add('ghcr.io/x/f/a', {
        digest: digestOf('1'),
        metadata: metadata({ id: 'a', dependsOn: { 'ghcr.io/x/f/b': { n: '1' } } }),
      })
      .add('ghcr.io/x/f/b', {
        digest: digestOf('2'),
        metadata: metadata({ id: 'b', installsAfter: ['ghcr.io/x/f/a'] }),
      });
    const { nodes } = features.resolve([request('ghcr.io/x/f/top')]);
    const text = '{\n  "features": {\n    "ghcr.io/x/f/top": {}\n  }\n}';
    const parsed = parseConfigText(text, CONFIG);
    const error = configError(() =>
      computeInstallOrder(nodes, { context: CONTEXT, locate: parsed.locate }),
    );
    assert.equal(
      error.message,
      'The Features depend on each other in a cycle, so none of them can be installed first: ' +
        'ghcr.io/x/f/a → ghcr.io/x/f/b → ghcr.io/x/f/a ' +
        '(ghcr.io/x/f/a dependsOn ghcr.io/x/f/b {"n":"1"}; ghcr.io/x/f/b {"n":"1"} installsAfter ghcr.io/x/f/a). ' +
        'ghcr.io/x/f/top waits for them too. ' +
        "Remove one of these dependencies from the Features' devcontainer-feature.json, or, for published Features, report it to their authors.",
    );
    assert.equal(error.file, CONFIG);
    assert.equal(error.line, 3);
    assert.equal(error.column, 24);
  });

  it('returns nothing for nothing', () => {
    assert.deepEqual(computeInstallOrder([], { context: CONTEXT }), { order: [], warnings: [] });
  });
});

describe('compareOptionValues', () => {
  it('compares as the reference does', () => {
    assert.equal(compareOptionValues('a', 'a'), 0);
    assert.ok(compareOptionValues('a', 'b') < 0);
    assert.ok(compareOptionValues(false, true) < 0);
    assert.ok(compareOptionValues({}, { a: '1' }) < 0);
    assert.ok(compareOptionValues({ a: '1' }, { b: '0' }) < 0);
    assert.ok(compareOptionValues({ a: '1' }, { a: '2' }) < 0);
    assert.ok(compareOptionValues({ a: false }, { a: true }) < 0);
    assert.equal(compareOptionValues({ a: 'true' }, { a: true }), 0);
    assert.ok(compareOptionValues(true, {}) < 0);
    assert.ok(compareOptionValues({}, 'x') < 0);
  });
});
