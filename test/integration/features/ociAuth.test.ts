import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OciClient, type OciTarget } from '../../../src/node/features/ociClient';
import {
  sha256,
  startSilentServer,
  startTokenRegistry,
  type FakeRegistryOptions,
  type FakeServer,
} from './fakeServers';
import { rejectsWith } from './assertions';
import { writeFeatureFolder } from './registry';

/**
 * The registry authentication flow ghcr.io uses (a 401 with a Bearer
 * challenge, a token from the realm, the request again), credentials from
 * Docker's config.json, time-outs and cancellation, against small servers
 * on 127.0.0.1.
 */

describe('Features from a registry that wants a token', function () {
  this.timeout(30_000);
  const repository = 'slipway-test/secure';
  let scratch: string;
  let layer: Buffer;
  let manifest: Buffer;
  const servers: FakeServer[] = [];
  const logs: string[] = [];

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-oci-auth-'));
    const folder = writeFeatureFolder(scratch, { id: 'secure', version: '2.0.0' });
    layer = execFileSync('tar', ['-C', folder, '-cf', '-', '.']);
    manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.devcontainers',
          digest: sha256(Buffer.alloc(0)),
          size: 0,
        },
        layers: [
          {
            mediaType: 'application/vnd.devcontainers.layer.v1+tar',
            digest: sha256(layer),
            size: layer.length,
          },
        ],
        annotations: { 'dev.containers.metadata': '{"id":"secure","version":"2.0.0"}' },
      }),
    );
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    logs.length = 0;
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  const start = async (options: Partial<FakeRegistryOptions> = {}): Promise<FakeServer> => {
    const server = await startTokenRegistry({ repository, tag: '2', manifest, layer, ...options });
    servers.push(server);
    return server;
  };
  /** A client whose Docker config.json holds `config` (none: no file at all). */
  const client = (config?: unknown, timeoutMs = 5000): OciClient => {
    const docker = mkdtempSync(path.join(scratch, 'docker-'));
    if (config !== undefined) {
      writeFileSync(path.join(docker, 'config.json'), JSON.stringify(config));
    }
    return new OciClient({
      env: { DOCKER_CONFIG: docker, HOME: scratch },
      requestTimeoutMs: timeoutMs,
      log: (line) => logs.push(line),
    });
  };
  const target = (server: FakeServer, reference = '2'): OciTarget => ({
    registry: server.host,
    repository,
    reference,
  });
  const base64 = (text: string): string => Buffer.from(text).toString('base64');

  it('answers the Bearer challenge with an anonymous token, then keeps using it', async () => {
    const server = await start();
    const oci = client();
    const resolved = await oci.resolveManifest(target(server));
    assert.equal(resolved.digest, sha256(manifest));
    const bytes = await oci.downloadLayer(resolved, resolved.manifest.layer);
    assert.ok(bytes.equals(layer));
    const scope = encodeURIComponent(`repository:${repository}:pull`);
    assert.deepEqual(server.requests, [
      { path: `/v2/${repository}/manifests/2` },
      { path: `/token?service=fake-registry&scope=${scope}` },
      { path: `/v2/${repository}/manifests/2`, authorization: 'Bearer token-1' },
      { path: `/v2/${repository}/blobs/${sha256(layer)}`, authorization: 'Bearer token-1' },
    ]);
  });

  it("sends the credentials of Docker's config.json to the token server", async () => {
    const secret = base64('octocat:s3cret');
    const server = await start({ requireCredentials: secret });
    const oci = client({ auths: { [`https://${server.host}`]: { auth: secret } } });
    await oci.resolveManifest(target(server));
    assert.equal(server.requests[1]?.authorization, `Basic ${secret}`);
    assert.ok(logs.some((line) => /using the credentials for .* from .*config\.json/.test(line)));
  });

  it('leaves credential helpers alone, says so, and asks anonymously', async () => {
    const server = await start();
    const oci = client({ credHelpers: { [server.host]: 'osxkeychain' }, auths: {} });
    await oci.resolveManifest(target(server));
    assert.equal(server.requests[1]?.authorization, undefined);
    assert.ok(logs.some((line) => /credential helper "osxkeychain"/.test(line)));
  });

  it('says credentials are needed when there are none', async () => {
    const server = await start({ requireCredentials: base64('a:b') });
    const error = await rejectsWith(client().resolveManifest(target(server)), 'auth-required');
    assert.match(error.message, /wants credentials/);
    assert.match(error.message, /config\.json/);
  });

  it('says the credentials were refused when they are wrong', async () => {
    const server = await start({ requireCredentials: base64('a:right') });
    const oci = client({ auths: { [server.host]: { auth: base64('a:wrong') } } });
    const error = await rejectsWith(oci.resolveManifest(target(server)), 'auth-denied');
    assert.match(error.message, /refused the credentials from \$DOCKER_CONFIG\/config\.json/);
    // The reference's fallback: the refused credentials, then an anonymous try.
    const tokenRequests = server.requests.filter((request) => request.path.startsWith('/token'));
    assert.deepEqual(
      tokenRequests.map((request) => request.authorization),
      [`Basic ${base64('a:wrong')}`, undefined],
    );
  });

  it('does not fetch a token over plain HTTP from another machine', async () => {
    const server = await start({ realm: 'http://auth.example.invalid/token' });
    const error = await rejectsWith(client().resolveManifest(target(server)), 'insecure');
    assert.match(error.message, /plain HTTP/);
    assert.equal(server.requests.length, 1);
  });

  it('refuses a manifest that does not match the digest it was asked by', async () => {
    const server = await start({ servedManifest: Buffer.from(`${manifest.toString()} `) });
    const error = await rejectsWith(
      client().resolveManifest(target(server, sha256(manifest))),
      'digest-mismatch',
    );
    assert.match(error.message, /whose digest is sha256:/);
  });

  it('gives up on a registry that does not answer, after the time-out', async () => {
    const server = await startSilentServer();
    servers.push(server);
    const started = Date.now();
    const error = await rejectsWith(
      client(undefined, 300).resolveManifest(target(server)),
      'timeout',
    );
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.match(error.message, /did not answer within 0\.3 s/);
  });

  it('says the machine looks offline when the registry name does not resolve', async () => {
    // What Node's fetch throws without a network; no name is looked up here.
    const offline = (() =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND ghcr.io'), { code: 'ENOTFOUND' }),
        }),
      )) as typeof fetch;
    const oci = new OciClient({ env: { HOME: scratch }, fetchImpl: offline });
    const error = await rejectsWith(
      oci.resolveManifest({
        registry: 'ghcr.io',
        repository: 'devcontainers/features/node',
        reference: '1',
      }),
      'unreachable',
    );
    assert.match(
      error.message,
      /^Cannot reach ghcr\.io to fetch the Feature ghcr\.io\/devcontainers\/features\/node:1/,
    );
    assert.match(error.message, /Are you offline\?/);
  });

  it('stops when the caller cancels, with the caller’s reason', async () => {
    const server = await startSilentServer();
    servers.push(server);
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    setTimeout(() => controller.abort(reason), 100);
    await assert.rejects(client().resolveManifest(target(server), controller.signal), reason);
  });
});
