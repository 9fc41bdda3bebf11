// Tests for the mount-like values of run: --mount, -v/--volume and --tmpfs.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runWith, usage, runtime } from './helpers';

describe('appleGrammar', () => {
  describe('--mount', () => {
    it('accepts the documented keys and types', () => {
      for (const spec of [
        'type=bind,source=/Users/me/p,target=/workspaces/p',
        'type=virtiofs,src=/a,dst=/b,readonly',
        'source=/a,destination=/b,ro',
        'type=volume,source=cache,target=/cache',
        'type=volume,target=/anon',
        'type=tmpfs,target=/scratch,size=64m,mode=1777',
        'type=bind,source=./rel,target=/b',
      ]) {
        assert.deepEqual(runWith(['--mount', spec]), [], spec);
      }
    });

    it('rejects any other key, e.g. consistency=cached from devcontainer.json', () => {
      const spec = 'type=bind,source=/a,target=/b,consistency=cached';
      assert.deepEqual(runWith(['--mount', spec]), [
        runtime(`unknown directive consistency when parsing mount ${spec}`),
      ]);
      const propagation = 'type=bind,source=/a,target=/b,bind-propagation=rshared';
      assert.deepEqual(runWith(['--mount', propagation]), [
        runtime(`unknown directive bind-propagation when parsing mount ${propagation}`),
      ]);
    });

    it('flags readonly=<value>, which is read-only whatever the value', () => {
      const spec = 'type=bind,source=/a,target=/b,readonly=false';
      assert.deepEqual(runWith(['--mount', spec]), [
        runtime(
          `'readonly=false' in mount ${spec}: readonly takes no value, and any value (even false) ` +
            "still makes the mount read-only (checker's rule)",
        ),
      ]);
      assert.equal(runWith(['--mount', 'source=/a,target=/b,ro=true']).length, 1);
    });

    it('rejects an unknown type, and size/mode outside tmpfs', () => {
      assert.deepEqual(runWith(['--mount', 'type=nfs,source=/a,target=/b']), [
        runtime('unsupported mount type nfs'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a,target=/b,size=1g']), [
        runtime('unsupported option size for bind mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'source=/a,target=/b,mode=755']), [
        runtime('unsupported option mode for virtiofs mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=tmpfs,target=/t,size=lots']), [
        runtime('invalid size'),
      ]);
    });

    it('rejects a key without a value, a tmpfs source and a bad volume name', () => {
      assert.deepEqual(runWith(['--mount', 'type,target=/x']), [
        runtime('invalid directive format missing value type in type,target=/x'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=tmpfs,source=/a,target=/t']), [
        runtime('cannot specify source for tmpfs mount'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,source=-bad,target=/t']), [
        runtime("invalid volume name '-bad': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
      ]);
    });

    it('rejects a mount without a target or without a bind source', () => {
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a']), [
        runtime('mount destination cannot be empty'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,source=v']), [
        runtime('volume destination cannot be empty'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,target=/b']), [
        runtime(' is not an absolute path on the host (mount type=bind,target=/b has no source)'),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=bind,source=/a,target=b']), [
        runtime(
          "container path 'b' in 'type=bind,source=/a,target=b' is not absolute (checker's rule)",
        ),
      ]);
    });

    it('gates an anonymous type=volume mount on 0.6', () => {
      assert.deepEqual(runWith(['--mount', 'type=volume,target=/anon'], '0.5.0'), [
        runtime(
          '--mount type=volume without a source (an anonymous volume) ' +
            '(added in container 0.6.0; checking against 0.5.0)',
        ),
      ]);
      assert.deepEqual(runWith(['--mount', 'type=volume,target=/anon'], '0.6.0'), []);
    });
  });

  describe('-v/--volume', () => {
    it('accepts bind, named and anonymous volumes', () => {
      for (const spec of [
        '/Users/me/p:/workspaces/p',
        '/Users/me/p:/workspaces/p:ro',
        'cache:/cache',
        'my_vol.1:/data:ro',
        '/data',
        '.:/src',
        '../other:/other',
      ]) {
        assert.deepEqual(runWith(['-v', spec]), [], spec);
        assert.deepEqual(runWith(['--volume', spec]), [], spec);
      }
    });

    it('rejects a bad volume name and too many parts', () => {
      assert.deepEqual(runWith(['-v', '-cache:/c']), [
        usage("Missing value for '-v <volume>'"),
        usage("Unknown option '-cache:/c'"),
      ]);
      assert.deepEqual(runWith(['-v=_cache:/c']), [
        runtime("invalid volume name '_cache': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
      ]);
      assert.deepEqual(runWith(['-v', '/a:/b:ro:x']), [
        runtime('invalid volume format /a:/b:ro:x'),
      ]);
    });

    it('requires an absolute container path (checker rule)', () => {
      assert.deepEqual(runWith(['-v', '/a:b']), [
        runtime("container path 'b' in '/a:b' is not absolute (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['-v', 'data']), [
        runtime("container path 'data' in 'data' is not absolute (checker's rule)"),
      ]);
    });

    it('gates anonymous volumes on 0.6 and relative host paths on 0.11', () => {
      assert.deepEqual(runWith(['-v', '/data'], '0.5.0'), [
        runtime(
          'anonymous volumes are not supported (added in container 0.6.0; checking against 0.5.0)',
        ),
      ]);
      assert.deepEqual(runWith(['-v', './src:/src'], '0.10.0'), [
        runtime(
          "invalid volume name './src': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$ " +
            '(added in container 0.11.0; checking against 0.10.0)',
        ),
      ]);
      assert.deepEqual(runWith(['-v', './src:/src'], '0.11.0'), []);
      assert.deepEqual(runWith(['-v', '/abs:/src'], '0.5.0'), []);
    });
  });

  describe('--tmpfs', () => {
    it('takes an absolute path only', () => {
      assert.deepEqual(runWith(['--tmpfs', '/tmp']), []);
      assert.deepEqual(runWith(['--tmpfs', '/run:size=64m']), [
        runtime("--tmpfs takes a path only, not options: '/run:size=64m' (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['--tmpfs', 'tmp']), [
        runtime("container path 'tmp' in 'tmp' is not absolute (checker's rule)"),
      ]);
    });
  });
});
