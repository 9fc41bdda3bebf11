import { createHash } from 'node:crypto';
import { FeatureFetchError } from '../../core/features/oci';
import { httpGet } from './httpGet';

/**
 * A Feature published as a file, `https://.../devcontainer-feature-<id>.tgz`
 * (the spec's "directly referenced tarball"): one GET, no credentials, and
 * the sha256 that devcontainer-lock.json records as its integrity.
 */

export interface DownloadedTarball {
  bytes: Buffer;
  /** `sha256:<hex>` of the bytes. */
  digest: string;
}

const TARBALL_MAX_BYTES = 256 * 1024 * 1024;

export async function downloadTarball(
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal; fetchImpl?: typeof fetch },
): Promise<DownloadedTarball> {
  const what = `the Feature ${url}`;
  const answer = await httpGet(url, {
    headers: { accept: 'application/octet-stream, */*', 'user-agent': 'slipway' },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    maxBytes: TARBALL_MAX_BYTES,
    what,
    fetchImpl: options.fetchImpl,
  });
  if (answer.status === 404 || answer.status === 410) {
    throw new FeatureFetchError(
      'not-found',
      `There is no Feature at ${url} (HTTP ${answer.status}). Check the URL in devcontainer.json.`,
    );
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new FeatureFetchError(
      'auth-denied',
      `${new URL(url).host} refused to send ${url} (HTTP ${answer.status}). Slipway fetches Feature tarballs without credentials: use a public URL, or publish the Feature to a registry.`,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new FeatureFetchError(
      'bad-response',
      `${new URL(url).host} answered HTTP ${answer.status} for ${url}. Try again later, or check the URL.`,
    );
  }
  const digest = `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
  return { bytes: answer.body, digest };
}
