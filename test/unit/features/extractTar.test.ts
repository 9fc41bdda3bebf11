import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  FEATURE_MAX_ENTRIES,
  FEATURE_MAX_UNPACKED_BYTES,
  planFeatureArchive,
} from '../../../src/core/features/featureArchive';
import { isFeatureFetchError } from '../../../src/core/features/oci';
import type { TarMember } from '../../../src/core/features/tarReader';
import { extractFeatureArchive } from '../../../src/node/features/extractTar';
import { writeFeaturesContext } from '../../../src/node/features/featureFolder';
import { tarArchive, type TarEntry } from '../../support/tarWriter';

/**
 * Feature archives are read by Slipway's own tar reader and checked in
 * full before anything is written: crafted archives for each refusal.
 */

const WHAT = 'the Feature ghcr.io/evil/feature:1';
const metadata: TarEntry = {
  name: 'devcontainer-feature.json',
  content: '{"id":"feature","version":"1.0.0"}',
};
const install: TarEntry = { name: 'install.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 };

describe('Feature archives', () => {
  let scratch: string;
  let destination: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-extract-'));
    destination = path.join(scratch, 'cache', 'feature');
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  async function refused(entries: TarEntry[] | Buffer, pattern: RegExp): Promise<string> {
    const archive = Buffer.isBuffer(entries) ? entries : tarArchive(entries);
    const error = await extractFeatureArchive(archive, destination, WHAT).then(
      () => assert.fail('the archive was unpacked'),
      (caught: unknown) => caught,
    );
    assert.ok(isFeatureFetchError(error), `not a FeatureFetchError: ${String(error)}`);
    assert.equal(error.problem, 'bad-response');
    assert.match(error.message, pattern);
    assert.ok(error.message.includes(WHAT), `the Feature is not named: ${error.message}`);
    assert.ok(!existsSync(path.join(scratch, 'escaped')), 'something was written outside');
    return error.message;
  }

  it('unpacks what the system tar makes: gzipped, "./" names, modes, links inside', async () => {
    const source = path.join(scratch, 'source');
    mkdirSync(path.join(source, 'lib'), { recursive: true });
    writeFileSync(path.join(source, 'devcontainer-feature.json'), '{"id":"x"}');
    writeFileSync(path.join(source, 'install.sh'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(path.join(source, 'lib', 'common.sh'), 'x=1\n');
    symlinkSync('lib/common.sh', path.join(source, 'common.sh'));
    const archive = execFileSync('tar', ['-C', source, '-czf', '-', '.']);
    await extractFeatureArchive(archive, destination, WHAT);
    assert.equal(readFileSync(path.join(destination, 'lib', 'common.sh'), 'utf8'), 'x=1\n');
    assert.equal(readlinkSync(path.join(destination, 'common.sh')), 'lib/common.sh');
    assert.ok(statSync(path.join(destination, 'install.sh')).mode & 0o100);
    assert.equal(statSync(path.join(destination, 'devcontainer-feature.json')).mode & 0o111, 0);
  });

  it('keeps links relative when the Feature is copied into a build context', async () => {
    await extractFeatureArchive(
      tarArchive([
        metadata,
        { name: 'lib/', type: '5' },
        { name: 'lib/common.sh', content: 'x=1\n' },
        { name: 'common.sh', type: '2', linkName: 'lib/common.sh' },
      ]),
      destination,
      WHAT,
    );
    const context = await writeFeaturesContext([{ path: 'f1', source: destination }]);
    try {
      assert.equal(readlinkSync(path.join(context.dir, 'f1', 'common.sh')), 'lib/common.sh');
    } finally {
      await context.dispose();
    }
  });

  it('copies a hard link to an earlier file, and keeps long pax names', async () => {
    const long = `${'deep/'.repeat(30)}file.txt`;
    await extractFeatureArchive(
      tarArchive([
        metadata,
        install,
        { name: 'data.txt', content: 'payload' },
        { name: 'again.txt', type: '1', linkName: 'data.txt' },
        { name: long, content: 'long' },
      ]),
      destination,
      WHAT,
    );
    assert.equal(readFileSync(path.join(destination, 'again.txt'), 'utf8'), 'payload');
    assert.ok(!lstatSync(path.join(destination, 'again.txt')).isSymbolicLink());
    assert.equal(readFileSync(path.join(destination, long), 'utf8'), 'long');
  });

  it('refuses a symbolic link that leaves the folder', async () => {
    const message = await refused(
      [metadata, { name: 'escape', type: '2', linkName: '../../escaped' }],
      /symbolic link "escape" to "\.\.\/\.\.\/escaped", which leads outside the Feature's folder/,
    );
    assert.match(message, /not unpacked/);
  });

  it('refuses a symbolic link to an absolute path', async () => {
    await refused(
      [metadata, { name: 'passwd', type: '2', linkName: '/etc/passwd' }],
      /symbolic link "passwd" to "\/etc\/passwd", which leads outside/,
    );
  });

  it('follows links through other links: a/up -> .. is inside, b -> a/up/.. is not', async () => {
    await refused(
      [
        metadata,
        { name: 'a/', type: '5' },
        { name: 'a/up', type: '2', linkName: '..' },
        { name: 'b', type: '2', linkName: 'a/up/..' },
      ],
      /symbolic link "b" to "a\/up\/\.\.", which leads outside/,
    );
  });

  it('refuses links that loop', async () => {
    await refused(
      [metadata, { name: 'x', type: '2', linkName: 'y' }, { name: 'y', type: '2', linkName: 'x' }],
      /symbolic link "x", whose target "y" loops/,
    );
  });

  it('refuses a member written through a symbolic link of the archive', async () => {
    await refused(
      [
        metadata,
        { name: 'sub/', type: '5' },
        { name: 'link', type: '2', linkName: 'sub' },
        { name: 'link/file', content: 'x' },
      ],
      /member "link\/file" inside the symbolic link "link"/,
    );
  });

  it('refuses hard links to files outside the folder or not in the archive', async () => {
    await refused(
      [metadata, { name: 'shadow', type: '1', linkName: '/etc/shadow' }],
      /member "shadow", a hard link to "\/etc\/shadow", which is not a file earlier/,
    );
    await refused(
      [metadata, { name: 'up', type: '1', linkName: '../escaped' }],
      /member "up", a hard link to "\.\.\/escaped"/,
    );
  });

  it('refuses absolute and climbing member names', async () => {
    await refused(
      [metadata, { name: '/tmp/escaped', content: 'x' }],
      /member "\/tmp\/escaped", which would be written outside the Feature's folder/,
    );
    await refused(
      [metadata, { name: 'a/../../escaped', content: 'x' }],
      /member "a\/\.\.\/\.\.\/escaped", which would be written outside the Feature's folder/,
    );
  });

  it('refuses devices and FIFOs', async () => {
    await refused(
      [metadata, { name: 'null', type: '3' }],
      /member "null", which is a character device/,
    );
    await refused(
      [metadata, { name: 'disk', type: '4' }],
      /member "disk", which is a block device/,
    );
    await refused([metadata, { name: 'pipe', type: '6' }], /member "pipe", which is a named pipe/);
  });

  it('wants devcontainer-feature.json and install.sh as regular files', async () => {
    await refused(
      [
        { name: 'real.json', content: '{}' },
        { name: 'devcontainer-feature.json', type: '2', linkName: 'real.json' },
      ],
      /has devcontainer-feature\.json as a symbolic link; it must be a regular file/,
    );
    await refused(
      [metadata, { name: 'install.sh/', type: '5' }],
      /has install\.sh as a folder; it must be a regular file/,
    );
  });

  it('refuses two members that are one file on macOS', async () => {
    await refused(
      [
        metadata,
        { name: 'Tool', type: '2', linkName: 'devcontainer-feature.json' },
        { name: 'tool', content: 'x' },
      ],
      /member "tool" twice/,
    );
  });

  it(`caps the entries at ${FEATURE_MAX_ENTRIES}`, async () => {
    const many: TarEntry[] = [metadata];
    for (let index = 0; index < FEATURE_MAX_ENTRIES; index++) {
      many.push({ name: `f${index}` });
    }
    await refused(many, /has 10001 entries, more than the 10000 Slipway unpacks for one Feature/);
    assert.ok(!existsSync(destination), 'nothing may be written before the check');
  });

  it('caps the unpacked size: a small .tgz that inflates past 200 MiB is not unpacked', async () => {
    // gzip members may be concatenated: one compressed MiB of zeros, repeated, is a cheap bomb.
    // 240 MiB: past the cap on the decompressed tar itself (content, headers and padding).
    const mib = 1024 * 1024;
    const count = 240;
    const headers = tarArchive([metadata, { name: 'zeros', size: count * mib }]);
    const zeros = gzipSync(Buffer.alloc(mib), { level: 1 });
    const bomb = Buffer.concat([
      gzipSync(headers.subarray(0, headers.length - 1024)),
      ...Array.from({ length: count }, () => zeros),
      gzipSync(Buffer.alloc(1024)),
    ]);
    assert.ok(bomb.length < 2 * 1024 * 1024, `${bomb.length} bytes`);
    await refused(bomb, /unpacks to more than 200 MiB \(the limit Slipway sets for one Feature\)/);
  });

  it('counts the size of every file, hard links included', () => {
    const half = Math.ceil(FEATURE_MAX_UNPACKED_BYTES / 2) + 1;
    const member = (name: string, kind: TarMember['kind'], size = 0, linkName = ''): TarMember => ({
      name,
      kind,
      mode: 0o644,
      offset: 0,
      size,
      linkName,
      typeFlag: kind === 'file' ? '0' : '1',
    });
    assert.throws(
      () =>
        planFeatureArchive(
          [
            member('devcontainer-feature.json', 'file', 10),
            member('big', 'file', half),
            member('copy', 'hardlink', 0, 'big'),
          ],
          WHAT,
        ),
      /unpacks to more than 200 MiB/,
    );
  });

  it('says a damaged archive is damaged', async () => {
    const archive = tarArchive([metadata]);
    archive[0] = 'X'.charCodeAt(0);
    await refused(archive, /cannot be unpacked: the header at byte 0 is damaged/);
  });

  it('wants devcontainer-feature.json at the top', async () => {
    await refused([install], /has no devcontainer-feature\.json at its top/);
  });
});
