import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FeatureCache } from '../../../src/node/features/featureCache';
import { rejectsWith } from './assertions';
import { sha256, startFileServer, type FakeServer } from './fakeServers';
import { writeFeatureFolder } from './registry';

/**
 * Features referenced as `https://.../devcontainer-feature-<id>.tgz`,
 * served here over plain HTTP on 127.0.0.1 (which Slipway allows only for
 * this machine): downloaded, hashed for the lockfile, unpacked, cached.
 */

describe('Features from tarball URLs', function () {
  this.timeout(30_000);
  let scratch: string;
  let server: FakeServer;
  let gzipped: Buffer;
  let unsafe: Buffer;

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-tarball-it-'));
    const folder = writeFeatureFolder(scratch, { id: 'hello', version: '3.1.0' });
    gzipped = execFileSync('tar', ['-C', folder, '-czf', '-', '.']);
    // A member that climbs out of the Feature's folder (-P keeps the "../").
    const nested = path.join(scratch, 'nested');
    mkdirSync(nested);
    writeFileSync(path.join(scratch, 'escaped.txt'), 'outside');
    unsafe = execFileSync('tar', ['-C', nested, '-cPf', '-', '../escaped.txt']);
    server = await startFileServer(
      new Map([
        ['/devcontainer-feature-hello.tgz', gzipped],
        ['/devcontainer-feature-unsafe.tgz', unsafe],
      ]),
    );
  });

  after(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cacheAt = (name: string): FeatureCache =>
    new FeatureCache({ root: path.join(scratch, name), env: { HOME: scratch } });
  const url = (name: string): string => `${server.url}/devcontainer-feature-${name}.tgz`;

  it('downloads, hashes and unpacks a gzipped tarball', async () => {
    const fetched = await cacheAt('cache').fetchTarball(url('hello'));
    assert.equal(fetched.source, 'registry');
    assert.equal(fetched.digest, sha256(gzipped));
    assert.equal(fetched.resolved, url('hello'));
    assert.equal(JSON.parse(readFileSync(fetched.metadataFile, 'utf8')).version, '3.1.0');
    assert.ok(existsSync(path.join(fetched.folder, 'install.sh')));
  });

  it('with the lockfile’s integrity, uses the cached copy without a request', async () => {
    const before = server.requests.length;
    const fetched = await cacheAt('cache').fetchTarball(url('hello'), {
      integrity: sha256(gzipped),
    });
    assert.equal(fetched.source, 'cache');
    assert.equal(server.requests.length, before);
  });

  it('refuses a file that no longer matches the lockfile', async () => {
    const error = await rejectsWith(
      cacheAt('fresh').fetchTarball(url('hello'), { integrity: `sha256:${'1'.repeat(64)}` }),
      'digest-mismatch',
    );
    assert.match(error.message, /no longer matches devcontainer-lock\.json/);
  });

  it('says so when there is no file at the URL', async () => {
    const error = await rejectsWith(cacheAt('cache').fetchTarball(url('missing')), 'not-found');
    assert.match(error.message, /There is no Feature at/);
  });

  it('does not unpack an archive whose members climb out of its folder', async () => {
    rmSync(path.join(scratch, 'escaped.txt'));
    const cache = cacheAt('unsafe');
    const error = await rejectsWith(cache.fetchTarball(url('unsafe')), 'bad-response');
    assert.match(error.message, /outside the Feature's folder/);
    assert.ok(!existsSync(path.join(scratch, 'escaped.txt')));
    assert.ok(!existsSync(path.join(cache.root, 'tarball')));
  });
});
