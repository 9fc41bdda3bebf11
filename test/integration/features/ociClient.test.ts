import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FeatureCache } from '../../../src/node/features/featureCache';
import { OciClient } from '../../../src/node/features/ociClient';
import { rejectsWith } from './assertions';
import {
  corruptBlob,
  ensureRegistryInstalled,
  publishFeature,
  startRegistry,
  writeFeatureFolder,
  type PublishedFeature,
  type TestRegistry,
} from './registry';

/**
 * Fetching Features from a real OCI registry (Debian's docker-registry on
 * 127.0.0.1), published by the test in the reference CLI's format.
 */

describe('Features from an OCI registry on loopback', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let scratch = '';
  let env: Record<string, string>;
  let hello10: PublishedFeature;
  let hello12: PublishedFeature;
  let greet: PublishedFeature;
  let running = false;
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };

  before(async function () {
    // A cold install downloads one Debian package; once installed this is instant.
    this.timeout(300_000);
    if (!ensureRegistryInstalled()) {
      // A Mac without a registry binary: nothing to publish to.
      console.log('    (skipped: no docker-registry here; set SLIPWAY_TEST_REGISTRY to one)');
      this.skip();
    }
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-features-it-'));
    // No Docker credentials from the machine's user: an empty config folder.
    env = { DOCKER_CONFIG: path.join(scratch, 'docker'), HOME: scratch };
    registry = await startRegistry();
    running = true;
    const hello = (version: string): string =>
      writeFeatureFolder(scratch, { id: 'hello', version, options: {} });
    // Full versions only: `:1` must be resolved from the tag list.
    hello10 = await publishFeature(registry, 'slipway-test/hello', '1.0.0', hello('1.0.0'));
    hello12 = await publishFeature(registry, 'slipway-test/hello', '1.2.0', hello('1.2.0'));
    // The reference CLI's semantic tags.
    greet = await publishFeature(
      registry,
      'slipway-test/greet',
      ['1', '1.0', '1.0.0', 'latest'],
      writeFeatureFolder(scratch, { id: 'greet', version: '1.0.0' }),
    );
  });

  after(async () => {
    if (running) {
      await registry.stop();
    }
    if (scratch !== '') {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  const client = (): OciClient => new OciClient({ env, log, requestTimeoutMs: 5000 });
  const cacheAt = (name: string): FeatureCache =>
    new FeatureCache({ root: path.join(scratch, name), env, log, requestTimeoutMs: 5000 });
  const hello = (reference: string) => ({
    registry: registry.host,
    repository: 'slipway-test/hello',
    reference,
  });

  it('resolves a partial version to the highest published x.y.z in it', async () => {
    const resolved = await client().resolveManifest(hello('1'));
    assert.equal(resolved.tag, '1.2.0');
    assert.equal(resolved.digest, hello12.digest);
    assert.equal(resolved.canonicalId, `${registry.host}/slipway-test/hello@${hello12.digest}`);
    assert.equal(JSON.parse(resolved.metadataText ?? '{}').version, '1.2.0');
    assert.equal(resolved.manifest.layer.digest, hello12.layerDigest);
    assert.notEqual(hello10.digest, hello12.digest);
    const exact = await client().resolveManifest(hello('1.0.0'));
    assert.equal(exact.digest, hello10.digest);
  });

  it('uses a tag the registry has as it is, as the reference does', async () => {
    const resolved = await client().resolveManifest({
      registry: registry.host,
      repository: 'slipway-test/greet',
      reference: '1',
    });
    assert.equal(resolved.tag, '1');
    assert.equal(resolved.digest, greet.digest);
  });

  it('fetches, checks and unpacks a Feature into a folder per digest', async () => {
    const cache = cacheAt('cache');
    const fetched = await cache.fetchOci(hello('1'));
    assert.equal(fetched.source, 'registry');
    assert.equal(fetched.digest, hello12.digest);
    assert.equal(fetched.tag, '1.2.0');
    assert.equal(fetched.resolved, `${registry.host}/slipway-test/hello@${hello12.digest}`);
    assert.equal(
      fetched.folder,
      path.join(cache.root, 'oci', hello12.digest.replace(':', '-'), 'feature'),
    );
    assert.equal(JSON.parse(readFileSync(fetched.metadataFile, 'utf8')).version, '1.2.0');
    assert.equal(JSON.parse(fetched.metadataText ?? '{}').id, 'hello');
    assert.ok(
      statSync(path.join(fetched.folder, 'install.sh')).mode & 0o100,
      'install.sh is executable',
    );
    assert.deepEqual(readdirSync(path.join(cache.root, '.staging')), [], 'no staging left');

    // Asked again: the tag is resolved again (tags move), the files are the same.
    const again = await cache.fetchOci(hello('1'));
    assert.equal(again.source, 'registry');
    assert.equal(again.folder, fetched.folder);
  });

  it('names the published versions when a version is unknown', async () => {
    const error = await rejectsWith(client().resolveManifest(hello('9')), 'tag-unknown');
    assert.match(error.message, /has no version "9"/);
    assert.match(error.message, /1\.2\.0, 1\.0\.0/);
  });

  it('says so when a Feature does not exist', async () => {
    const error = await rejectsWith(
      cacheAt('cache').fetchOci({
        registry: registry.host,
        repository: 'slipway-test/no-such-feature',
        reference: '1',
      }),
      'not-found',
    );
    assert.match(error.message, /does not exist/);
    assert.match(error.message, /slipway-test\/no-such-feature/);
  });

  it('says so when a pinned digest is not in the registry', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    const error = await rejectsWith(client().resolveManifest(hello(missing)), 'not-found');
    assert.match(error.message, /devcontainer-lock\.json/);
  });

  it('refuses a layer whose bytes do not match its digest, and keeps nothing', async () => {
    const broken = await publishFeature(
      registry,
      'slipway-test/broken',
      '1.0.0',
      writeFeatureFolder(scratch, { id: 'broken', version: '1.0.0' }),
    );
    corruptBlob(registry, broken.layerDigest);
    const cache = cacheAt('cache');
    const error = await rejectsWith(
      cache.fetchOci({
        registry: registry.host,
        repository: 'slipway-test/broken',
        reference: '1',
      }),
      'digest-mismatch',
    );
    assert.match(error.message, new RegExp(`expected ${broken.layerDigest}`));
    assert.ok(!existsSync(path.join(cache.root, 'oci', broken.digest.replace(':', '-'))));
  });

  describe('once the registry is stopped', () => {
    let stoppedHost: string;
    before(async () => {
      stoppedHost = registry.host;
      await registry.stop();
      running = false;
    });

    it('serves a tag fetched before from the cache, marked stale', async () => {
      logs.length = 0;
      const fetched = await cacheAt('cache').fetchOci(hello('1'));
      assert.equal(fetched.source, 'stale');
      assert.equal(fetched.digest, hello12.digest);
      assert.equal(fetched.tag, '1.2.0');
      assert.ok(existsSync(path.join(fetched.folder, 'install.sh')));
      assert.ok(logs.some((line) => /Cannot reach/.test(line) && /Using the cached/.test(line)));
    });

    it('serves a pinned digest without any request', async () => {
      const fetched = await cacheAt('cache').fetchOci(hello(hello12.digest));
      assert.equal(fetched.source, 'cache');
      assert.equal(JSON.parse(fetched.metadataText ?? '{}').version, '1.2.0');
    });

    it('offline, answers from the cache only', async () => {
      const fetched = await cacheAt('cache').fetchOci(hello('1'), { offline: true });
      assert.equal(fetched.source, 'cache');
      await rejectsWith(
        cacheAt('cache').fetchOci(hello('1.0.0'), { offline: true }),
        'unreachable',
      );
    });

    it('says quickly that a Feature not in the cache cannot be reached', async () => {
      const started = Date.now();
      const error = await rejectsWith(
        cacheAt('empty-cache').fetchOci({
          registry: stoppedHost,
          repository: 'slipway-test/hello',
          reference: '1',
        }),
        'unreachable',
      );
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      assert.match(error.message, new RegExp(`Cannot reach ${stoppedHost.replace(/\./g, '\\.')}`));
      assert.match(error.message, /connection was refused/);
      assert.match(error.message, /not in Slipway's cache/);
    });
  });
});
