import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  parseMountObject,
  parseMountString,
  parseVolumeFlag,
  splitCsv,
  toAppleMount,
  type PathKind,
} from '../../../src/core/plan/mounts';

const dirs =
  (kinds: Record<string, PathKind> = {}) =>
  (p: string) =>
    kinds[p] ?? 'directory';

describe('mounts', () => {
  it('turns the reference default workspace mount into an Apple virtiofs mount without consistency', () => {
    const mount = parseMountString(
      'type=bind,source=/Users/me/proj,target=/workspaces/proj,consistency=cached',
    );
    const apple = toAppleMount(mount, dirs());
    assert.deepEqual(apple.args, [
      '--mount',
      'type=virtiofs,source=/Users/me/proj,target=/workspaces/proj',
    ]);
    assert.deepEqual(apple.notes, []);
  });

  it('defaults the type to volume, as Docker does', () => {
    const apple = toAppleMount(
      parseMountString('source=dev-containers-cli-bashhistory,target=/home/node/commandhistory'),
      dirs(),
    );
    assert.deepEqual(apple.args, [
      '--mount',
      'type=volume,source=dev-containers-cli-bashhistory,target=/home/node/commandhistory',
    ]);
  });

  it('drops bind-propagation and other Docker-only keys with a note', () => {
    const apple = toAppleMount(
      parseMountString('type=bind,src=/a,dst=/b,bind-propagation=rslave,ro'),
      dirs(),
    );
    assert.deepEqual(apple.args, ['--mount', 'type=virtiofs,source=/a,target=/b,readonly']);
    assert.match(apple.notes.join(), /"bind-propagation"/);
  });

  it('only passes readonly when it is on (Apple reads any readonly= value as on)', () => {
    assert.deepEqual(
      toAppleMount(parseMountString('type=bind,source=/a,target=/b,readonly=false'), dirs()).args,
      ['--mount', 'type=virtiofs,source=/a,target=/b'],
    );
    assert.deepEqual(
      toAppleMount(parseMountString('type=bind,source=/a,target=/b,readonly=true'), dirs()).args,
      ['--mount', 'type=virtiofs,source=/a,target=/b,readonly'],
    );
  });

  it('reads quoted CSV fields, as Docker does', () => {
    assert.deepEqual(splitCsv('type=bind,"source=/a,b",target=/c'), [
      'type=bind',
      'source=/a,b',
      'target=/c',
    ]);
    assert.deepEqual(splitCsv('"a""b"'), ['a"b']);
    assert.throws(() => splitCsv('"open'), /unterminated/);
  });

  it('mounts a single file or a path with a comma through -v', () => {
    const file = toAppleMount(
      parseMountString('type=bind,source=/h/.gitconfig,target=/root/.gitconfig'),
      dirs({ '/h/.gitconfig': 'file' }),
    );
    assert.deepEqual(file.args, ['-v', '/h/.gitconfig:/root/.gitconfig']);
    assert.deepEqual(file.requirements, [{ flag: '-v (single file)', since: '0.10.0' }]);
    const comma = toAppleMount(parseMountString('type=bind,"source=/a,b",target=/c,ro'), dirs());
    assert.deepEqual(comma.args, ['-v', '/a,b:/c:ro']);
  });

  it('warns about a bind source that does not exist yet', () => {
    const apple = toAppleMount(
      parseMountString('type=bind,source=/nope,target=/x'),
      dirs({ '/nope': 'missing' }),
    );
    assert.match(apple.notes.join(), /does not exist yet/);
  });

  it('supports anonymous volumes (0.6+) and tmpfs', () => {
    const anonymous = toAppleMount(
      parseMountObject({ type: 'volume', target: '/home/test' }),
      dirs(),
    );
    assert.deepEqual(anonymous.args, ['--mount', 'type=volume,target=/home/test']);
    assert.equal(anonymous.requirements[0]?.since, '0.6.0');
    const tmpfs = toAppleMount(parseMountString('type=tmpfs,target=/run/x,tmpfs-size=64m'), dirs());
    assert.deepEqual(tmpfs.args, ['--tmpfs', '/run/x']);
    assert.match(tmpfs.notes.join(), /tmpfs-size/);
  });

  it('rejects what Apple cannot mount, saying why', () => {
    assert.throws(
      () => parseMountString('type=npipe,source=a,target=/b'),
      /not available on Apple container/,
    );
    assert.throws(() => parseMountString('type=bind,source=/a'), /no target/);
    assert.throws(
      () => toAppleMount(parseMountString('type=bind,source=rel,target=/b'), dirs()),
      /absolute host path/,
    );
    assert.throws(
      () => toAppleMount(parseMountString('type=bind,source=/a,target=rel'), dirs()),
      /absolute path in the container/,
    );
    assert.throws(
      () => toAppleMount(parseMountString('type=volume,source=-bad,target=/b'), dirs()),
      /volume name/,
    );
    assert.throws(
      () => toAppleMount(parseMountString('type=bind,"source=/a:b,c",target=/d'), dirs()),
      /colon/,
    );
  });

  it('reads Docker -v forms', () => {
    assert.deepEqual(parseVolumeFlag('/a:/b:ro,z'), {
      type: 'bind',
      source: '/a',
      target: '/b',
      readonly: true,
      dropped: ['z'],
    });
    assert.deepEqual(parseVolumeFlag('cache:/c'), {
      type: 'volume',
      source: 'cache',
      target: '/c',
      readonly: false,
      dropped: [],
    });
    assert.deepEqual(parseVolumeFlag('/only'), {
      type: 'volume',
      target: '/only',
      readonly: false,
      dropped: [],
    });
    assert.throws(() => parseVolumeFlag('a:b:c:d'), /invalid volume/);
  });
});
