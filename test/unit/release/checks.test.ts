import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { OLDEST_SUPPORTED_CONTAINER } from '../../../src/core/plan/versions';
import {
  checkBundle,
  checkChangelog,
  checkCliVersion,
  checkFileList,
  checkIcon,
  checkManifest,
  checkReadme,
  checkVsix,
  pngSize,
  VSIX_BUDGET_BYTES,
} from '../../release/checks';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** A minimal valid PNG of the given size (one grey pixel row repeated). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    // The CRC is not checked by pngSize; zeros keep the fixture short.
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('release checks', () => {
  describe('the project itself', () => {
    it('has a manifest the Marketplace and Open VSX accept', () => {
      assert.deepEqual(checkManifest(manifest), []);
    });

    it('has a 128x128 PNG icon', () => {
      const icon = String(manifest.icon);
      const bytes = readFileSync(path.join(ROOT, icon));
      assert.deepEqual(pngSize(bytes), { width: 128, height: 128 });
      assert.deepEqual(checkIcon(icon, bytes), []);
    });

    it('has CHANGELOG entries for its version and README requirements that match the code', () => {
      const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
      assert.deepEqual(checkChangelog(changelog, String(manifest.version), false), []);
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      assert.deepEqual(checkReadme(readme, OLDEST_SUPPORTED_CONTAINER), []);
    });
  });

  describe('checkManifest', () => {
    it('names each missing field', () => {
      const { repository: _r, icon: _i, ...rest } = manifest;
      const problems = checkManifest(rest);
      assert.ok(problems.some((p) => p.includes('"repository.url"')));
      assert.ok(problems.some((p) => p.includes('"icon"')));
    });

    it('refuses an SVG icon, an unknown category and a keyword list search misses', () => {
      const problems = checkManifest({
        ...manifest,
        icon: 'media/slipway.svg',
        categories: ['Containers'],
        keywords: ['devcontainer'],
        displayName: 'Slipway',
        description: 'Runs things.',
      });
      assert.ok(problems.some((p) => p.includes('must be a PNG')));
      assert.ok(problems.some((p) => p.includes('"Containers" is not a Marketplace one')));
      assert.ok(problems.some((p) => p.includes('search for "apple container"')));
    });

    it('refuses a pre-release suffix and a plain-http homepage', () => {
      const problems = checkManifest({ ...manifest, version: '1.0.0-beta', homepage: 'http://x' });
      assert.ok(problems.some((p) => p.includes('not major.minor.patch')));
      assert.ok(problems.some((p) => p.includes('"homepage" http://x is not an https://')));
    });
  });

  describe('checkIcon', () => {
    it('accepts 128x128 and names the wrong size or a non-PNG', () => {
      assert.deepEqual(checkIcon('i.png', png(128, 128)), []);
      assert.deepEqual(checkIcon('i.png', png(256, 256)), [
        'i.png is 256x256; the Marketplace icon must be 128x128.',
      ]);
      assert.deepEqual(checkIcon('i.png', Buffer.from('<svg/>')), ['i.png is not a PNG file.']);
    });
  });

  describe('checkChangelog', () => {
    const released =
      '# Changelog\n\n## Unreleased\n\n## [0.2.0] - 2026-12-04\n\n### Added\n\n- A thing.\n';
    const pending = '# Changelog\n\n## Unreleased\n\n### Added\n\n- A thing.\n';

    it('accepts a section for the version, in either heading form', () => {
      assert.deepEqual(checkChangelog(released, '0.2.0', true), []);
      assert.deepEqual(checkChangelog('## 0.2.0 - 2026-12-04\n\n- A thing.\n', '0.2.0', true), []);
    });

    it('accepts Unreleased entries before the release commit, not with --publish', () => {
      assert.deepEqual(checkChangelog(pending, '0.2.0', false), []);
      assert.match(checkChangelog(pending, '0.2.0', true)[0]!, /no "## 0.2.0" section: rename/);
    });

    it('refuses an empty section and a CHANGELOG with nothing for the version', () => {
      assert.match(
        checkChangelog('## 0.2.0\n\n## 0.1.0\n\n- x\n', '0.2.0', false)[0]!,
        /lists no changes/,
      );
      assert.match(
        checkChangelog('## Unreleased\n\n## 0.1.0\n- x\n', '0.2.0', false)[0]!,
        /neither/,
      );
    });
  });

  describe('checkBundle', () => {
    it('accepts minified output and refuses a development build with its source map', () => {
      assert.deepEqual(checkBundle('a.js', `"use strict";${'var a=1;'.repeat(200)}\n`), []);
      const dev = `${'  const a = 1;\n'.repeat(100)}//# sourceMappingURL=data:application/json;base64,e30=\n`;
      assert.deepEqual(checkBundle('a.js', dev), [
        'a.js has a source map: build it with npm run build:production.',
        'a.js is not minified: build it with npm run build:production.',
      ]);
    });
  });

  describe('checkFileList', () => {
    const shipped = ['package.json', 'README.md', 'dist/extension.js', 'dist/cli.js'];

    it('accepts the runtime files and names tests, sources, maps and node_modules', () => {
      assert.deepEqual(checkFileList([...shipped, 'media/icon.png', 'media/walkthrough/a.md']), []);
      const problems = checkFileList([
        ...shipped,
        'test/unit/a.test.ts',
        'src/cli/main.ts',
        'dist/cli.js.map',
        'node_modules/yaml/index.js',
      ]);
      assert.equal(problems.length, 4);
      assert.ok(problems.every((p) => p.includes('keep it out with .vscodeignore')));
    });

    it('names a missing runtime file', () => {
      assert.deepEqual(checkFileList(['package.json', 'README.md', 'dist/extension.js']), [
        'The .vsix would not ship dist/cli.js.',
      ]);
    });
  });

  describe('checkVsix and checkCliVersion', () => {
    it('want the version in the .vsix name, the size budget and the CLI agreeing', () => {
      const m = { name: 'slipway', version: '0.2.0' };
      assert.deepEqual(checkVsix('slipway-0.2.0.vsix', 1000, m), []);
      assert.equal(checkVsix('slipway.vsix', VSIX_BUDGET_BYTES + 1, m).length, 2);
      assert.deepEqual(checkCliVersion('slipway 0.2.0\n', '0.2.0'), []);
      assert.equal(checkCliVersion('slipway 0.1.0\n', '0.2.0').length, 1);
    });
  });

  describe('checkReadme', () => {
    it('wants the requirements and a screenshot at the top', () => {
      const readme =
        '# X\n\n![shot](media/a.png)\n\nmacOS 26, Apple\nsilicon, container 0.5.0, Remote - SSH.\n';
      assert.deepEqual(checkReadme(readme, '0.5.0'), []);
      assert.equal(checkReadme('# X\n', '0.5.0').length, 5);
    });
  });
});
