import { FeatureFetchError, isAllowedUrl } from '../../core/features/oci';

/**
 * One GET for Feature fetching, with Node's own fetch: a time-out for the
 * whole exchange (headers and body), the caller's AbortSignal, a size cap,
 * and redirects followed by hand so that none leaves HTTPS (registries send
 * blob downloads to a CDN) and credentials never follow to another host.
 * Network failures become FeatureFetchErrors that say what to do.
 */

export interface HttpGetOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The most bytes the body may have; more is an error. */
  maxBytes: number;
  /** What is being fetched, for messages: `the Feature ghcr.io/a/b:1`. */
  what: string;
  fetchImpl?: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const doFetch = options.fetchImpl ?? fetch;
  const start = new URL(url);
  let current = start;
  let headers = { ...options.headers };
  try {
    for (let hops = 0; ; hops++) {
      if (!isAllowedUrl(current, start)) {
        throw current === start
          ? insecure(current, options.what)
          : downgrade(start, current, options.what);
      }
      const response = await doFetch(current, { headers, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (hops >= MAX_REDIRECTS) {
          throw new FeatureFetchError(
            'bad-response',
            `Fetching ${options.what} was redirected more than ${MAX_REDIRECTS} times (last to ${current.host}). Try again later; if it persists, the registry or a proxy is misconfigured.`,
          );
        }
        const next = new URL(location, current);
        if (next.origin !== current.origin) {
          // What fetch itself does: credentials stay with the host they were meant for.
          headers = withoutAuthorization(headers);
        }
        current = next;
        continue;
      }
      const body = await readCapped(response, options.maxBytes, current, options.what);
      return { status: response.status, headers: response.headers, body, url: current.toString() };
    }
  } catch (error) {
    if (options.signal?.aborted) {
      // The caller cancelled: theirs to report, not a network problem.
      throw options.signal.reason;
    }
    if (timeout.aborted) {
      throw new FeatureFetchError(
        'timeout',
        `Fetching ${options.what} timed out: ${current.host} did not answer within ${formatSeconds(options.timeoutMs)}. Check your network connection (and proxy), then try again.`,
      );
    }
    if (error instanceof FeatureFetchError) {
      throw error;
    }
    throw unreachable(error, current, options.what);
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
}

async function readCapped(
  response: Response,
  maxBytes: number,
  url: URL,
  what: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body === null) {
    return Buffer.alloc(0);
  }
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      // Leaving the loop cancels the stream.
      throw new FeatureFetchError(
        'bad-response',
        `Fetching ${what}: ${url.host} sent more than the ${maxBytes} bytes expected, so the download was stopped. Try again; if it persists, the published Feature is broken.`,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, total);
}

function insecure(url: URL, what: string): FeatureFetchError {
  return new FeatureFetchError(
    'insecure',
    `Fetching ${what} would go over plain HTTP to ${url.host}. Slipway only uses HTTPS, except for registries on this machine (localhost, 127.0.0.1, ::1); publish the Feature to an HTTPS registry.`,
  );
}

function downgrade(start: URL, next: URL, what: string): FeatureFetchError {
  return new FeatureFetchError(
    'insecure',
    `Fetching ${what}: ${start.host} redirected Slipway to plain HTTP at ${next.host}, which it does not follow. Only a reference to this machine (localhost, 127.0.0.1, ::1) may use plain HTTP; ask the server's operator to redirect to HTTPS.`,
  );
}

/** The system error code under fetch's "fetch failed" (undici puts it on `cause`). */
function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { code, errors, cause } = current as {
      code?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      return code;
    }
    // Happy eyeballs (several addresses tried) reports an AggregateError.
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return undefined;
}

function unreachable(error: unknown, url: URL, what: string): FeatureFetchError {
  const code = networkCode(error);
  const where = `Cannot reach ${url.host} to fetch ${what}`;
  let reason: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    reason = `its name does not resolve (${code}). Are you offline? Connect to the network, or check the registry's name`;
  } else if (code === 'ECONNREFUSED') {
    reason = `the connection was refused (${code}). Check that the registry is running and the host and port are right`;
  } else if (code !== undefined && /CERT|SSL|TLS|SIGNATURE/.test(code)) {
    reason = `its TLS certificate was not accepted (${code}). If a proxy or company certificate authority intercepts HTTPS, point NODE_EXTRA_CA_CERTS at its certificate`;
  } else {
    const detail = code ?? (error instanceof Error ? error.message : String(error));
    reason = `the connection failed (${detail}). Check your network connection, then try again`;
  }
  return new FeatureFetchError('unreachable', `${where}: ${reason}.`);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
