import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A real OCI registry for the Feature tests: Debian's Docker distribution
 * registry (`docker-registry`, installed by test/features/registry.sh), run
 * on 127.0.0.1 with its storage in a temporary folder, plus a publisher that
 * pushes a Feature folder in the exact format the reference CLI's
 * `devcontainer features publish` uses.
 */

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'test', 'features', 'registry.sh');
/** Debian's path; SLIPWAY_TEST_REGISTRY points elsewhere (a `registry` built for macOS, say). */
export const REGISTRY_BINARY = process.env.SLIPWAY_TEST_REGISTRY || '/usr/bin/docker-registry';

const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const EMPTY_DIGEST = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Installs the registry if missing (idempotent; a few milliseconds once
 * installed). Only Debian has the package: elsewhere the answer is false
 * unless SLIPWAY_TEST_REGISTRY names a registry binary, and the caller skips.
 */
export function ensureRegistryInstalled(): boolean {
  if (existsSync(REGISTRY_BINARY)) {
    return true;
  }
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    return false;
  }
  execFileSync('bash', [SCRIPT, 'install'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return true;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>`: what a Feature reference starts with. */
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The registry's storage root (blobs live under docker/registry/v2). */
  storage: string;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<TestRegistry> {
  const folder = mkdtempSync(path.join(tmpdir(), 'slipway-registry-'));
  const storage = path.join(folder, 'data');
  // A free port can be taken between finding it and the registry binding it: retry.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = path.join(folder, 'config.yml');
    writeFileSync(
      config,
      execFileSync('bash', [SCRIPT, 'config', String(port), storage], { encoding: 'utf8' }),
    );
    const child = spawn(REGISTRY_BINARY, ['serve', config], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const killOnExit = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, child, 10_000);
    } catch (error) {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      if (attempt < 3) {
        continue;
      }
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`The test registry did not start: ${(error as Error).message}\n${stderr}`, {
        cause: error,
      });
    }
    return {
      host: `127.0.0.1:${port}`,
      port,
      url,
      storage,
      stop: async () => {
        await stopChild(child);
        process.removeListener('exit', killOnExit);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer from ${url}/v2/ within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// --- Publishing -------------------------------------------------------------

export interface PublishedFeature {
  /** `sha256:` of the manifest as pushed. */
  digest: string;
  layerDigest: string;
  manifest: Buffer;
}

/** A Feature folder: devcontainer-feature.json and an install.sh that echoes its version. */
export function writeFeatureFolder(
  parent: string,
  metadata: { id: string; version: string; [key: string]: unknown },
): string {
  const folder = mkdtempSync(path.join(parent, `${metadata.id}-`));
  writeFileSync(
    path.join(folder, 'devcontainer-feature.json'),
    `${JSON.stringify({ name: metadata.id, ...metadata }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(folder, 'install.sh'),
    `#!/bin/sh\nset -e\necho "${metadata.id} ${metadata.version}"\n`,
    { mode: 0o755 },
  );
  return folder;
}

/**
 * The Feature packed and pushed as `devcontainer features publish` does:
 * the folder as a plain tar of `./...` members (the reference names it
 * `.tgz` but does not compress it), an empty config blob of type
 * `application/vnd.devcontainers`, and a manifest carrying the Feature's
 * devcontainer-feature.json in the `dev.containers.metadata` annotation,
 * tagged with each of `tags`.
 */
export async function publishFeature(
  registry: Pick<TestRegistry, 'url'>,
  repository: string,
  tags: string | string[],
  folder: string,
): Promise<PublishedFeature> {
  const metadataText = readFileSync(path.join(folder, 'devcontainer-feature.json'), 'utf8');
  const metadata = JSON.parse(metadataText) as { id: string };
  const layer = execFileSync('tar', ['-C', folder, '-cf', '-', '.']);
  const layerDigest = sha256(layer);
  await pushBlob(registry.url, repository, Buffer.alloc(0), EMPTY_DIGEST);
  await pushBlob(registry.url, repository, layer, layerDigest);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: 'application/vnd.devcontainers', digest: EMPTY_DIGEST, size: 0 },
      layers: [
        {
          mediaType: 'application/vnd.devcontainers.layer.v1+tar',
          digest: layerDigest,
          size: layer.length,
          annotations: {
            'org.opencontainers.image.title': `devcontainer-feature-${metadata.id}.tgz`,
          },
        },
      ],
      annotations: { 'dev.containers.metadata': JSON.stringify(metadata) },
    }),
  );
  for (const tag of typeof tags === 'string' ? [tags] : tags) {
    const response = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': MANIFEST_TYPE },
      body: manifest,
    });
    await expectStatus(response, 201, `PUT manifest ${repository}:${tag}`);
  }
  return { digest: sha256(manifest), layerDigest, manifest };
}

async function pushBlob(
  base: string,
  repository: string,
  bytes: Buffer,
  digest: string,
): Promise<void> {
  const started = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(started, 202, `POST upload for ${repository}`);
  const location = new URL(started.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  await expectStatus(put, 201, `PUT blob ${digest}`);
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  const body = await response.text();
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} ${body}`);
  }
}

/**
 * Replaces a blob's bytes in the registry's storage with others of the same
 * length: the registry serves them as they are, as a broken mirror or a
 * meddling proxy would.
 */
export function corruptBlob(registry: TestRegistry, digest: string): void {
  const hex = digest.replace(/^sha256:/, '');
  const file = path.join(
    registry.storage,
    'docker/registry/v2/blobs/sha256',
    hex.slice(0, 2),
    hex,
    'data',
  );
  const bytes = readFileSync(file);
  writeFileSync(
    file,
    bytes.map((byte) => byte ^ 0xff),
  );
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
