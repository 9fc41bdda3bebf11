import { strict as assert } from 'node:assert';
import {
  dockerCredentialFor,
  isAllowedUrl,
  isFeatureFetchError,
  isLoopbackHost,
  manifestUrl,
  nextPageUrl,
  parseFeatureManifest,
  parseTagList,
  parseTokenResponse,
  parseWwwAuthenticate,
  pickTag,
  publishedVersions,
  registryOrigin,
  tokenRequestUrl,
} from '../../../src/core/features/oci';
import { isConfigError } from '../../../src/core/errors';

/**
 * The pure side of OCI Feature fetching (src/core/features/oci.ts). It sits
 * with the integration tests it serves; nothing here does I/O.
 */

describe('OCI Feature fetching, pure parts', () => {
  describe('WWW-Authenticate', () => {
    it('reads the Bearer challenge of ghcr.io, with commas and colons in the scope', () => {
      assert.deepEqual(
        parseWwwAuthenticate(
          'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:devcontainers/features/node:pull,push"',
        ),
        {
          scheme: 'bearer',
          params: {
            realm: 'https://ghcr.io/token',
            service: 'ghcr.io',
            scope: 'repository:devcontainers/features/node:pull,push',
          },
        },
      );
    });

    it('takes bare values, spaces after commas, escapes and Basic', () => {
      assert.deepEqual(parseWwwAuthenticate('Bearer realm=https://r/t, service="a\\"b"'), {
        scheme: 'bearer',
        params: { realm: 'https://r/t', service: 'a"b' },
      });
      assert.deepEqual(parseWwwAuthenticate('Basic realm="Registry Realm"'), {
        scheme: 'basic',
        params: { realm: 'Registry Realm' },
      });
      assert.equal(parseWwwAuthenticate(''), undefined);
    });

    it('builds the token request, with the pull scope when the challenge has none', () => {
      const challenge = parseWwwAuthenticate('Bearer realm="https://auth.example/token?x=1"')!;
      assert.equal(
        tokenRequestUrl(challenge, 'a/b')?.toString(),
        'https://auth.example/token?x=1&scope=repository%3Aa%2Fb%3Apull',
      );
      assert.equal(tokenRequestUrl({ scheme: 'bearer', params: {} }, 'a/b'), undefined);
    });

    it('reads token and access_token answers', () => {
      assert.equal(parseTokenResponse({ token: 't' }), 't');
      assert.equal(parseTokenResponse({ access_token: 'a' }), 'a');
      assert.equal(parseTokenResponse({ token: '' }), undefined);
      assert.equal(parseTokenResponse('t'), undefined);
    });
  });

  describe('where requests go', () => {
    it('speaks plain HTTP only to this machine', () => {
      for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
        assert.ok(isLoopbackHost(host), host);
      }
      for (const host of [
        'ghcr.io',
        '10.0.0.1',
        '192.168.64.2',
        '128.0.0.1',
        'localhost.evil.com',
      ]) {
        assert.ok(!isLoopbackHost(host), host);
      }
      assert.equal(registryOrigin('127.0.0.1:5000'), 'http://127.0.0.1:5000');
      assert.equal(registryOrigin('localhost:5000'), 'http://localhost:5000');
      assert.equal(registryOrigin('ghcr.io'), 'https://ghcr.io');
      assert.equal(registryOrigin('192.168.64.1:5000'), 'https://192.168.64.1:5000');
      assert.equal(
        manifestUrl('ghcr.io', 'devcontainers/features/node', '1'),
        'https://ghcr.io/v2/devcontainers/features/node/manifests/1',
      );
      assert.ok(isAllowedUrl(new URL('http://127.0.0.1/x')));
      assert.ok(!isAllowedUrl(new URL('http://ghcr.io/x')));
      assert.ok(!isAllowedUrl(new URL('ftp://127.0.0.1/x')));
    });

    it('follows the Link header of a paginated tag list', () => {
      assert.equal(
        nextPageUrl(
          '</v2/a/b/tags/list?last=1.2.0&n=100>; rel="next"',
          'https://r.io/v2/a/b/tags/list',
        ),
        'https://r.io/v2/a/b/tags/list?last=1.2.0&n=100',
      );
      assert.equal(nextPageUrl(null, 'https://r.io/'), undefined);
    });
  });

  describe("Docker's config.json", () => {
    const auth = Buffer.from('u:p').toString('base64');

    it('finds auths by host, whatever scheme or path the key has', () => {
      for (const key of ['ghcr.io', 'https://ghcr.io', 'https://ghcr.io/v1/', 'GHCR.IO']) {
        assert.deepEqual(dockerCredentialFor({ auths: { [key]: { auth } } }, 'ghcr.io'), {
          kind: 'basic',
          basic: auth,
          key,
        });
      }
      assert.deepEqual(dockerCredentialFor({ auths: { 'other.io': { auth } } }, 'ghcr.io'), {
        kind: 'none',
      });
    });

    it('knows Docker Hub by its several names', () => {
      const found = dockerCredentialFor(
        { auths: { 'https://index.docker.io/v1/': { auth } } },
        'docker.io',
      );
      assert.equal(found.kind, 'basic');
    });

    it('reports helpers instead of running them, as Docker orders them', () => {
      assert.deepEqual(
        dockerCredentialFor(
          { credHelpers: { 'ghcr.io': 'gh' }, auths: { 'ghcr.io': { auth } } },
          'ghcr.io',
        ),
        { kind: 'helper', helper: 'gh' },
      );
      assert.deepEqual(dockerCredentialFor({ credsStore: 'osxkeychain', auths: {} }, 'ghcr.io'), {
        kind: 'helper',
        helper: 'osxkeychain',
      });
      assert.deepEqual(
        dockerCredentialFor({ auths: { 'ghcr.io': { username: 'u', password: 'p' } } }, 'ghcr.io'),
        { kind: 'basic', basic: auth, key: 'ghcr.io' },
      );
      assert.deepEqual(dockerCredentialFor('nonsense', 'ghcr.io'), { kind: 'none' });
    });
  });

  describe('manifests', () => {
    const layer = {
      mediaType: 'application/vnd.devcontainers.layer.v1+tar',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 10240,
    };
    const config = { mediaType: 'application/vnd.devcontainers', digest: 'sha256:e3', size: 0 };

    it('takes a Feature manifest and its metadata annotation', () => {
      const manifest = parseFeatureManifest(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config,
          layers: [layer],
          annotations: { 'dev.containers.metadata': '{"id":"x"}', n: 1 },
        }),
        'ghcr.io/a/x:1',
      );
      assert.deepEqual(manifest.layer, layer);
      assert.deepEqual(manifest.annotations, { 'dev.containers.metadata': '{"id":"x"}' });
    });

    it('says why something is not a Feature, as a user error', () => {
      const cases: Array<[unknown, RegExp]> = [
        ['{', /is not JSON/],
        [
          {
            config: { ...config, mediaType: 'application/vnd.oci.image.config.v1+json' },
            layers: [layer],
          },
          /config media type/,
        ],
        [{ config, layers: [] }, /has no layer/],
        [{ mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }, /image index/],
      ];
      for (const [value, message] of cases) {
        assert.throws(
          () =>
            parseFeatureManifest(
              typeof value === 'string' ? value : JSON.stringify(value),
              'r/a/x:1',
            ),
          (error: unknown) =>
            isFeatureFetchError(error) &&
            isConfigError(error) &&
            error.problem === 'bad-response' &&
            message.test(error.message),
        );
      }
    });
  });

  describe('versions', () => {
    const tags = ['latest', '1.0.0', '1.2.0', '1.10.1', '2.0.0-rc.1', 'v3.0.0', 'dev'];

    it('uses an existing tag as it is', () => {
      assert.equal(pickTag(['1', '1.2.0', 'latest'], '1'), '1');
      assert.equal(pickTag(tags, 'latest'), 'latest');
      assert.equal(pickTag(tags, 'dev'), 'dev');
    });

    it('resolves a partial version to the highest release within it', () => {
      assert.equal(pickTag(tags, '1'), '1.10.1');
      assert.equal(pickTag(tags, '1.2'), '1.2.0');
      assert.equal(pickTag(tags, '2'), undefined);
      assert.equal(pickTag(tags, '1.3.0'), undefined);
      assert.equal(pickTag(tags, 'stable'), undefined);
    });

    it('lists the published versions newest first', () => {
      assert.deepEqual(publishedVersions(tags), ['2.0.0-rc.1', '1.10.1', '1.2.0', '1.0.0']);
      assert.deepEqual(parseTagList({ name: 'a', tags: null }), []);
      assert.deepEqual(parseTagList({ name: 'a', tags: ['1', 2] }), ['1']);
      assert.equal(parseTagList([]), undefined);
    });
  });
});
