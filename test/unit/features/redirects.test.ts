import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFeatureFetchError } from '../../../src/core/features/oci';
import { OciClient } from '../../../src/node/features/ociClient';
import { downloadTarball } from '../../../src/node/features/tarballDownload';

/**
 * A remote HTTPS server may redirect Slipway (registries send blobs to a
 * CDN), but never to plain HTTP, in particular not to a plain-HTTP service
 * on the user's own loopback. Plain HTTP is for references to this machine.
 * The remote server is played by the fetch given to Slipway; the loopback
 * service is a real HTTP server on 127.0.0.1 that counts what reaches it.
 */

describe('redirects while fetching Features', () => {
  let server: Server;
  let local = '';
  const hits: string[] = [];

  before(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/hop') {
        response.writeHead(302, { location: '/file' }).end();
        return;
      }
      response.writeHead(200).end('local bytes');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    hits.length = 0;
  });

  /** Answers for remote hosts from the table; loopback requests go to the real server. */
  const remote =
    (answers: Record<string, () => Response>): typeof fetch =>
    (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      const answer = answers[url.toString()];
      if (answer !== undefined) {
        return Promise.resolve(answer());
      }
      if (url.hostname !== '127.0.0.1') {
        return Promise.reject(new Error(`the test has no answer for ${url}`));
      }
      return fetch(url, init);
    };
  const redirect = (location: string) => () =>
    new Response(null, { status: 302, headers: { location } });

  async function refused(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => assert.fail('it was fetched'),
      (caught: unknown) => caught,
    );
    assert.ok(isFeatureFetchError(error), String(error));
    assert.equal(error.problem, 'insecure');
    return error.message;
  }

  it('does not follow an HTTPS tarball server to plain HTTP on loopback', async () => {
    const fetchImpl = remote({
      'https://features.example.com/devcontainer-feature-x.tgz': redirect(`${local}/file`),
    });
    const message = await refused(
      downloadTarball('https://features.example.com/devcontainer-feature-x.tgz', {
        timeoutMs: 5000,
        fetchImpl,
      }),
    );
    assert.match(
      message,
      /features\.example\.com redirected Slipway to plain HTTP at 127\.0\.0\.1:\d+, which it does not follow/,
    );
    assert.deepEqual(hits, [], 'the loopback service was reached');
  });

  it('does not follow a registry’s blob redirect to plain HTTP', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const fetchImpl = remote({
      [`https://ghcr.io/v2/evil/feature/blobs/${digest}`]: redirect(`${local}/file`),
    });
    const client = new OciClient({ env: {}, fetchImpl, requestTimeoutMs: 5000 });
    await refused(
      client.downloadLayer(
        { registry: 'ghcr.io', repository: 'evil/feature' },
        { mediaType: 'application/vnd.devcontainers.layer.v1+tar', digest, size: 10 },
      ),
    );
    assert.deepEqual(hits, []);
  });

  it('does not fetch a remote registry’s token from plain HTTP on loopback', async () => {
    const challenge = () =>
      new Response('{}', {
        status: 401,
        headers: { 'www-authenticate': `Bearer realm="${local}/token",service="x"` },
      });
    const fetchImpl = remote({
      'https://ghcr.io/v2/evil/feature/manifests/1': challenge,
    });
    const client = new OciClient({ env: {}, fetchImpl, requestTimeoutMs: 5000 });
    const message = await refused(
      client.resolveManifest({ registry: 'ghcr.io', repository: 'evil/feature', reference: '1' }),
    );
    assert.match(message, /for a token over plain HTTP/);
    assert.deepEqual(hits, []);
  });

  it('follows HTTPS to HTTPS, and plain HTTP when the reference itself is on loopback', async () => {
    const fetchImpl = remote({
      'https://features.example.com/a.tgz': redirect('https://cdn.example.com/a.tgz'),
      'https://cdn.example.com/a.tgz': () => new Response('remote bytes'),
    });
    const remoteFile = await downloadTarball('https://features.example.com/a.tgz', {
      timeoutMs: 5000,
      fetchImpl,
    });
    assert.equal(remoteFile.bytes.toString(), 'remote bytes');
    const localFile = await downloadTarball(`${local}/hop`, { timeoutMs: 5000, fetchImpl });
    assert.equal(localFile.bytes.toString(), 'local bytes');
    assert.deepEqual(hits, ['/hop', '/file']);
  });
});
