import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  featureRefKey,
  parseFeatureRef,
  type FeatureRef,
} from '../../../src/core/features/featureRef';
import { CONFIG, CONTEXT, WORKSPACE, configError } from './fixtures';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function parse(id: string, context = CONTEXT): FeatureRef {
  return parseFeatureRef(id, context);
}

describe('parseFeatureRef: OCI references', () => {
  it('splits registry, namespace, path, resource and id, with the default tag latest', () => {
    assert.deepEqual(parse('ghcr.io/devcontainers/features/node'), {
      kind: 'oci',
      userId: 'ghcr.io/devcontainers/features/node',
      registry: 'ghcr.io',
      namespace: 'devcontainers/features',
      path: 'devcontainers/features/node',
      resource: 'ghcr.io/devcontainers/features/node',
      id: 'node',
      tag: 'latest',
      reference: 'latest',
    });
  });

  it('reads a tag', () => {
    const ref = parse('ghcr.io/devcontainers/features/node:1.2.3');
    assert.equal(ref.kind, 'oci');
    assert.equal(ref.kind === 'oci' && ref.tag, '1.2.3');
    assert.equal(ref.kind === 'oci' && ref.reference, '1.2.3');
    assert.equal(ref.kind === 'oci' && ref.digest, undefined);
  });

  it('reads a digest, without a tag', () => {
    const ref = parse(`ghcr.io/devcontainers/features/python@${DIGEST}`);
    assert.ok(ref.kind === 'oci');
    assert.equal(ref.digest, DIGEST);
    assert.equal(ref.tag, undefined);
    assert.equal(ref.reference, DIGEST);
    assert.equal(ref.resource, 'ghcr.io/devcontainers/features/python');
  });

  it('lower-cases everything but keeps the id as written', () => {
    const ref = parse('ghcr.io/codspace/dependson/A:2');
    assert.ok(ref.kind === 'oci');
    assert.equal(ref.userId, 'ghcr.io/codspace/dependson/A:2');
    assert.equal(ref.resource, 'ghcr.io/codspace/dependson/a');
    assert.equal(ref.id, 'a');
    assert.equal(ref.tag, '2');
  });

  it('allows deep namespaces', () => {
    const ref = parse('ghcr.io/devcontainers/private-feature-set-for-tests/color:1');
    assert.ok(ref.kind === 'oci');
    assert.equal(ref.namespace, 'devcontainers/private-feature-set-for-tests');
    assert.equal(ref.id, 'color');
  });

  it('tells a registry port from a tag', () => {
    const withPort = parse('localhost:5000/team/features/hello');
    assert.ok(withPort.kind === 'oci');
    assert.equal(withPort.registry, 'localhost:5000');
    assert.equal(withPort.tag, 'latest');
    const both = parse('registry.example.com:8443/team/features/hello:2');
    assert.ok(both.kind === 'oci');
    assert.equal(both.registry, 'registry.example.com:8443');
    assert.equal(both.tag, '2');
    const ip = parse('127.0.0.1:5000/a/b');
    assert.ok(ip.kind === 'oci');
    assert.equal(ip.registry, '127.0.0.1:5000');
  });

  it('redirects devcontainers-contrib to devcontainers-extra, as the reference does', () => {
    const ref = parse('ghcr.io/devcontainers-contrib/features/deno:1');
    assert.ok(ref.kind === 'oci');
    assert.equal(ref.path, 'devcontainers-extra/features/deno');
    assert.equal(ref.resource, 'ghcr.io/devcontainers-extra/features/deno');
    assert.equal(ref.userId, 'ghcr.io/devcontainers-contrib/features/deno:1');
  });

  for (const [id, fragment] of [
    ['ghcr.io/devcontainers/features/node:', 'has the tag ""'],
    ['ghcr.io/devcontainers/features/node:-1', 'has the tag "-1"'],
    ['ghcr.io/devcontainers/features/node@sha256:abc', 'has the digest "sha256:abc"'],
    ['ghcr.io/devcontainers/features/node@md5:' + 'a'.repeat(32), 'has the digest'],
    [`ghcr.io/devcontainers/features/node:1@${DIGEST}`, 'both a tag and a digest'],
    ['ghcr.io/node', 'has no namespace'],
    ['ghcr.io/devcontainers//node', 'which a registry does not accept'],
    ['ghcr.io/devcontainers/fea tures/node', 'which a registry does not accept'],
    ['ghcr.io/devcontainers/features/node_-x', 'which a registry does not accept'],
    ['ghcr_io/devcontainers/features/node', 'does not start with a registry host'],
    ['registry/a/b/c', 'does not start with a registry host'],
  ] as const) {
    it(`rejects ${JSON.stringify(id)}`, () => {
      const error = configError(() => parse(id));
      assert.match(error.message, new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(error.file, CONFIG);
    });
  }
});

describe('parseFeatureRef: legacy forms', () => {
  it('maps a migrated bare id to ghcr.io/devcontainers/features/<id>:1, as the reference does', () => {
    const ref = parse('node');
    assert.ok(ref.kind === 'oci');
    assert.equal(ref.userId, 'node');
    assert.equal(ref.legacyId, 'node');
    assert.equal(ref.resource, 'ghcr.io/devcontainers/features/node');
    assert.equal(ref.tag, '1');
  });

  it('maps renamed ids to their new names', () => {
    const golang = parse('golang');
    const common = parse('common');
    assert.ok(golang.kind === 'oci' && common.kind === 'oci');
    assert.equal(golang.resource, 'ghcr.io/devcontainers/features/go');
    assert.equal(common.resource, 'ghcr.io/devcontainers/features/common-utils');
  });

  it('rejects other bare ids, with the hint about "./"', () => {
    const error = configError(() => parse('fish'));
    assert.match(error.message, /"fish" is a legacy Feature id/);
    assert.match(error.message, /"\.\/fish"/);
  });

  it('rejects mapped ids too when mapping is off (--skip-feature-auto-mapping)', () => {
    const error = configError(() => parse('terraform', { ...CONTEXT, mapLegacyIds: false }));
    assert.match(error.message, /legacy Feature id/);
  });

  it('rejects the deprecated GitHub release form owner/repo/feature[@tag]', () => {
    for (const id of [
      'codspace/myfeatures/helloworld',
      'codspace/features/devcontainer-feature-go@tarball02',
      'devcontainers/features/myfakefeature',
    ]) {
      const error = configError(() => parse(id));
      assert.match(error.message, /GitHub release/, id);
      assert.match(error.message, /ghcr\.io\/owner\/repo\/feature:1/);
    }
  });

  it('rejects backslashes and dot-names that are not paths', () => {
    assert.match(configError(() => parse('.\\feature')).message, /backslash/);
    assert.match(
      configError(() => parse('.feature/x')).message,
      /starts with "\." but is not a relative path/,
    );
    assert.match(configError(() => parse('  ')).message, /empty/);
  });
});

describe('parseFeatureRef: local Features', () => {
  it('resolves ./name against the folder of devcontainer.json', () => {
    assert.deepEqual(parse('./my-feature'), {
      kind: 'local',
      userId: './my-feature',
      id: 'my-feature',
      path: `${WORKSPACE}/.devcontainer/my-feature`,
    });
  });

  it('allows nested folders and a trailing slash', () => {
    const ref = parse('./features/hello/');
    assert.ok(ref.kind === 'local');
    assert.equal(ref.path, `${WORKSPACE}/.devcontainer/features/hello`);
    assert.equal(ref.id, 'hello');
  });

  it('allows ../name from a config in .devcontainer/<folder>/', () => {
    const context = {
      configFile: `${WORKSPACE}/.devcontainer/python/devcontainer.json`,
      workspaceFolder: WORKSPACE,
    };
    const ref = parse('../shared-feature', context);
    assert.ok(ref.kind === 'local');
    assert.equal(ref.path, `${WORKSPACE}/.devcontainer/shared-feature`);
  });

  it('allows ./.devcontainer/name from a .devcontainer.json at the root', () => {
    const context = { configFile: `${WORKSPACE}/.devcontainer.json`, workspaceFolder: WORKSPACE };
    const ref = parse('./.devcontainer/localFeatureA', context);
    assert.ok(ref.kind === 'local');
    assert.equal(ref.path, `${WORKSPACE}/.devcontainer/localFeatureA`);
  });

  it('rejects folders outside .devcontainer, and .devcontainer itself', () => {
    const root = { configFile: `${WORKSPACE}/.devcontainer.json`, workspaceFolder: WORKSPACE };
    const outside = configError(() => parse('./local-features/localFeatureA', root));
    assert.match(
      outside.message,
      /\/work\/project\/local-features\/localFeatureA, which is not inside \/work\/project\/\.devcontainer/,
    );
    assert.match(outside.message, /move it there/);
    assert.match(configError(() => parse('../elsewhere')).message, /not inside/);
    assert.match(configError(() => parse('./')).message, /not inside/);
    assert.match(configError(() => parse('./a/../../x')).message, /not inside/);
  });

  it('rejects absolute paths', () => {
    assert.match(configError(() => parse('/opt/features/x')).message, /absolute path/);
  });

  it('accepts folder names with two dots inside .devcontainer (unlike the reference)', () => {
    const ref = parse('./my..feature');
    assert.ok(ref.kind === 'local');
    assert.equal(ref.id, 'my..feature');
  });
});

describe('parseFeatureRef: tarballs', () => {
  it('reads the id from devcontainer-feature-<id>.tgz', () => {
    const url =
      'https://github.com/codspace/features/releases/download/tarball02/devcontainer-feature-docker-in-docker.tgz';
    assert.deepEqual(parse(url), { kind: 'tarball', userId: url, id: 'docker-in-docker', url });
  });

  it('keeps the case of the id and ignores a query string', () => {
    const ref = parse('https://example.com/f/devcontainer-feature-A.tgz?token=1');
    assert.ok(ref.kind === 'tarball');
    assert.equal(ref.id, 'A');
  });

  it('rejects other file names, plain HTTP and broken URLs', () => {
    assert.match(
      configError(() => parse('https://myfeatures.com/features.tgz')).message,
      /must name a file devcontainer-feature-<id>\.tgz.*"features\.tgz"/,
    );
    assert.match(
      configError(() => parse('https://x.com/devcontainer-feature-a.b.tgz')).message,
      /devcontainer-feature-<id>\.tgz/,
    );
    assert.match(
      configError(() => parse('http://example.com/devcontainer-feature-x.tgz')).message,
      /over HTTPS/,
    );
    assert.match(configError(() => parse('https://')).message, /not a valid URL/);
  });
});

describe('parseFeatureRef: error positions', () => {
  it('points at the value when given where it was written', () => {
    const error = configError(() =>
      parseFeatureRef('fish', CONTEXT, {
        file: CONFIG,
        locate: (path) => (path.length === 2 ? { line: 4, column: 3 } : undefined),
        path: ['features', 'fish'],
      }),
    );
    assert.equal(error.line, 4);
    assert.equal(error.column, 3);
  });
});

describe('featureRefKey', () => {
  it('names what to fetch', () => {
    assert.equal(featureRefKey(parse('ghcr.io/a/b:1')), 'ghcr.io/a/b:1');
    assert.equal(featureRefKey(parse('ghcr.io/a/b')), 'ghcr.io/a/b:latest');
    assert.equal(featureRefKey(parse(`ghcr.io/a/b@${DIGEST}`)), `ghcr.io/a/b@${DIGEST}`);
    assert.equal(featureRefKey(parse('./x')), `${WORKSPACE}/.devcontainer/x`);
    assert.equal(
      featureRefKey(parse('https://e.com/devcontainer-feature-x.tgz')),
      'https://e.com/devcontainer-feature-x.tgz',
    );
  });
});
