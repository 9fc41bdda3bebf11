import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/**
 * Small HTTP servers on 127.0.0.1 for what the real registry cannot show:
 * a registry behind a token server (the ghcr.io flow), a server that never
 * answers, and a plain file server for tarball Features (over HTTPS when
 * given a certificate, as `slipway up` insists on for tarball URLs).
 */

export interface FakeServer {
  /** `127.0.0.1:<port>`. */
  host: string;
  /** `http://127.0.0.1:<port>`, or `https://...` for a server with a certificate. */
  url: string;
  /** Every request, in order: method, path with query, Authorization header. */
  requests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, server: FakeServer) => void;

/** PEM key and certificate: the server speaks HTTPS with them. */
export interface ServerTls {
  key: Buffer | string;
  cert: Buffer | string;
}

export async function startServer(handler: Handler, tls?: ServerTls): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  // Filled in once the server listens; requests only come after that.
  const self: { fake?: FakeServer } = {};
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const entry: FakeServer['requests'][number] = { path: request.url ?? '' };
    if (request.headers.authorization !== undefined) {
      entry.authorization = request.headers.authorization;
    }
    requests.push(entry);
    handler(request, response, self.fake!);
  };
  const server: Server =
    tls === undefined ? createServer(listener) : createHttpsServer(tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  self.fake = {
    host: `127.0.0.1:${port}`,
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self.fake;
}

export interface FakeRegistryOptions {
  repository: string;
  tag: string;
  manifest: Buffer;
  layer: Buffer;
  /** base64 `user:password` the token server insists on; without it, anonymous tokens. */
  requireCredentials?: string;
  /** Overrides the realm in the challenge (to test where tokens may be fetched from). */
  realm?: string;
  /** Serves this instead of the manifest (a manifest that does not match its digest). */
  servedManifest?: Buffer;
}

/**
 * A registry that answers every /v2/ request without a valid token with a
 * 401 and `WWW-Authenticate: Bearer realm=".../token",service=...,scope=...`,
 * and whose /token issues tokens for the pull scope of its one repository.
 */
export async function startTokenRegistry(options: FakeRegistryOptions): Promise<FakeServer> {
  const tokens = new Set<string>();
  const manifestDigest = sha256(options.manifest);
  const layerDigest = sha256(options.layer);
  const scope = `repository:${options.repository}:pull`;
  return startServer((request, response, server) => {
    const url = new URL(request.url ?? '/', server.url);
    if (url.pathname === '/token') {
      const authorization = request.headers.authorization;
      if (
        options.requireCredentials !== undefined &&
        authorization !== `Basic ${options.requireCredentials}`
      ) {
        return json(response, 401, { errors: [{ code: 'UNAUTHORIZED' }] });
      }
      if (
        url.searchParams.get('service') !== 'fake-registry' ||
        url.searchParams.get('scope') !== scope
      ) {
        return json(response, 400, { errors: [{ code: 'BAD_SCOPE' }] });
      }
      const token = `token-${tokens.size + 1}`;
      tokens.add(token);
      return json(response, 200, { token, expires_in: 300 });
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    if (bearer === undefined || !tokens.has(bearer)) {
      const realm = options.realm ?? `${server.url}/token`;
      response.setHeader(
        'www-authenticate',
        `Bearer realm="${realm}",service="fake-registry",scope="${scope}"`,
      );
      return json(response, 401, { errors: [{ code: 'UNAUTHORIZED' }] });
    }
    const prefix = `/v2/${options.repository}`;
    if (
      url.pathname === `${prefix}/manifests/${options.tag}` ||
      url.pathname === `${prefix}/manifests/${manifestDigest}`
    ) {
      response.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'docker-content-digest': manifestDigest,
      });
      return response.end(options.servedManifest ?? options.manifest);
    }
    if (url.pathname === `${prefix}/blobs/${layerDigest}`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(options.layer);
    }
    if (url.pathname === `${prefix}/tags/list`) {
      return json(response, 200, { name: options.repository, tags: [options.tag] });
    }
    return json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
  });
}

/** Takes requests and never answers them: a registry that hangs. */
export function startSilentServer(): Promise<FakeServer> {
  return startServer(() => undefined);
}

/** Serves fixed files by path; anything else is a 404. */
export function startFileServer(files: Map<string, Buffer>, tls?: ServerTls): Promise<FakeServer> {
  return startServer((request, response) => {
    const body = files.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  }, tls);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
