import { strict as assert } from 'node:assert';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CachedFeature, FeatureCache } from '../../../src/node/features/featureCache';
import { resolveFeatures } from '../../../src/node/features/resolveFeatures';

/**
 * devcontainer-lock.json is replaced whole (a new file renamed over the old
 * one), never rewritten in place: a reader, or a Slipway stopped mid-write,
 * sees the old file or the new one, never half of one.
 */

describe('writing devcontainer-lock.json', () => {
  let scratch: string;
  const digest = `sha256:${'c'.repeat(64)}`;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-lockwrite-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  /** A cache that has the one Feature already: this test is about the lockfile, not fetching. */
  function cacheWithFeature(): FeatureCache {
    const folder = path.join(scratch, 'cache', 'feature');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'devcontainer-feature.json'),
      JSON.stringify({ id: 'hello', version: '1.0.0' }),
    );
    const cached: CachedFeature = {
      folder,
      metadataFile: path.join(folder, 'devcontainer-feature.json'),
      digest,
      resolved: `ghcr.io/x/hello@${digest}`,
      source: 'cache',
    };
    return { fetchOci: () => Promise.resolve(cached) } as unknown as FeatureCache;
  }

  it('renames a new file over the old one, leaving no temporary file, with mode 0644', async () => {
    const devcontainer = path.join(scratch, '.devcontainer');
    mkdirSync(devcontainer);
    const configFile = path.join(devcontainer, 'devcontainer.json');
    writeFileSync(configFile, '{"image":"x","features":{"ghcr.io/x/hello:1":{}}}');
    const lockFile = path.join(devcontainer, 'devcontainer-lock.json');
    const old = '{\n  "features": {}\n}\n';
    writeFileSync(lockFile, old);
    // A reader that opened the old lockfile before the write.
    const reader = openSync(lockFile, 'r');
    try {
      const result = await resolveFeatures(
        {
          config: { features: { 'ghcr.io/x/hello:1': {} } },
          configFile,
          workspaceFolder: scratch,
          lockfile: 'auto',
        },
        { cache: cacheWithFeature() },
      );
      assert.equal(result.lockfile.action, 'updated');
      const seen = Buffer.alloc(old.length + 100);
      const read = readSync(reader, seen, 0, seen.length, 0);
      assert.equal(seen.subarray(0, read).toString(), old, 'the old file was rewritten in place');
    } finally {
      closeSync(reader);
    }
    const written = JSON.parse(readFileSync(lockFile, 'utf8'));
    assert.equal(written.features['ghcr.io/x/hello:1'].integrity, digest);
    assert.equal(statSync(lockFile).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(devcontainer).sort(), [
      'devcontainer-lock.json',
      'devcontainer.json',
    ]);
  });
});
