// Tests for the public version tables and version gating.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  APPLE_COMMAND_SINCE,
  APPLE_COMMAND_UNTIL,
  APPLE_FEATURE_SINCE,
  APPLE_FLAG_SINCE,
  APPLE_FLAG_UNTIL,
  APPLE_NEWEST_VERSION,
} from '../../../support/appleGrammar';
import { check, runWith, usage } from './helpers';

describe('appleGrammar', () => {
  describe('version tables', () => {
    it('records the reference §1/§3 introductions', () => {
      const expected: Record<string, string> = {
        'run --rosetta': '0.7.0',
        'run --progress': '0.7.0',
        'run --read-only': '0.8.0',
        'run --ulimit': '0.9.0',
        'run --init': '0.10.0',
        'run --init-image': '0.10.0',
        'run --runtime': '0.10.0',
        'run --cap-add': '0.12.0',
        'run --cap-drop': '0.12.0',
        'run --shm-size': '1.0.0',
        'run --kernel-arg': '1.2.0',
        'run --masked-path': '1.2.1',
        'run --read-only-path': '1.2.1',
        'create --init': '0.10.0',
        'exec --detach': '0.7.0',
        'build --pull': '0.10.0',
        'build --secret': '0.11.0',
        'build --dns': '0.9.0',
      };
      for (const [key, since] of Object.entries(expected)) {
        assert.equal(APPLE_FLAG_SINCE[key], since, key);
      }
      // The reference says 1.2.2, but Apple's 1.2.1 tag already parses `build --ssh`.
      assert.equal(APPLE_FLAG_SINCE['build --ssh'], '1.2.1');
      assert.deepEqual(check(['build', '--ssh', 'default', '.'], '1.2.1'), []);
      assert.equal(APPLE_FLAG_SINCE['create --progress'], undefined);
      assert.equal(APPLE_FLAG_UNTIL['run --disable-progress-updates'], '0.7.0');
      assert.deepEqual(APPLE_COMMAND_SINCE, {
        stats: '0.7.0',
        'system version': '0.8.0',
        'system df': '0.7.0',
        'network prune': '0.8.0',
        'volume prune': '0.6.0',
      });
      assert.equal(APPLE_FEATURE_SINCE.anonymousVolume, '0.6.0');
      assert.equal(APPLE_FEATURE_SINCE.relativeVolumePath, '0.11.0');
      assert.equal(APPLE_NEWEST_VERSION, '1.5.0');
    });

    /** The release tags of reference §1 (0.7.1 and 0.12.1–3 changed no flags). */
    const RELEASES = [
      '0.5.0',
      '0.6.0',
      '0.7.0',
      '0.8.0',
      '0.9.0',
      '0.10.0',
      '0.11.0',
      '0.12.0',
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '1.2.1',
      '1.2.2',
      '1.3.0',
      '1.3.1',
      '1.4.1',
      '1.5.0',
    ];

    /** A valid value for each gated run/create option, to try it on both sides of its version. */
    const SAMPLE_VALUES: Readonly<Record<string, string>> = {
      '--ulimit': 'nofile=1024',
      '--cap-add': 'NET_ADMIN',
      '--cap-drop': 'NET_RAW',
      '--init-image': 'ghcr.io/apple/containerization/vminit:0.40.1',
      '--kernel-arg': 'quiet',
      '--masked-path': '/proc/kcore',
      '--read-only-path': '/sys',
      '--runtime': 'container-runtime-linux',
      '--shm-size': '64m',
      '--max-concurrent-downloads': '3',
      '--progress': 'none',
    };

    it('rejects every gated run/create flag on the release before it, with exit 64', () => {
      for (const [key, since] of Object.entries(APPLE_FLAG_SINCE)) {
        const [verb, name] = key.split(' ');
        if ((verb !== 'run' && verb !== 'create') || name === undefined) {
          continue;
        }
        const value = SAMPLE_VALUES[name];
        const flags = value === undefined ? [name] : [name, value];
        const before = RELEASES[RELEASES.indexOf(since) - 1];
        assert.ok(before, `${since} is not a release of reference §1`);
        assert.deepEqual(check([verb, ...flags, 'alpine'], since), [], `${key} on ${since}`);
        assert.deepEqual(
          check([verb, ...flags, 'alpine'], before),
          [
            usage(
              `Unknown option '${name}' (added in container ${since}; checking against ${before})`,
            ),
          ],
          `${key} on ${before}`,
        );
      }
    });

    it('refuses `--scheme auto` from 1.3.0 and `k8s start` from 1.5.0 (removals)', () => {
      const pull = ['image', 'pull', '--scheme', 'auto', 'alpine'];
      assert.deepEqual(check(pull, '1.2.2'), []);
      assert.deepEqual(check([...pull.slice(0, 3), 'https', 'alpine'], '1.3.0'), []);
      assert.deepEqual(
        check(pull, '1.3.0').map((p) => p.message),
        ['unsupported scheme auto (removed in container 1.3.0; checking against 1.3.0)'],
      );
      assert.equal(APPLE_COMMAND_UNTIL['k8s start'], '1.5.0');
      assert.match(check(['k8s', 'start'], '1.4.1')[0]?.message ?? '', /not modelled/);
      assert.deepEqual(check(['k8s', 'start'], '1.5.0'), [
        usage("Unexpected argument 'start' (removed in container 1.5.0; checking against 1.5.0)"),
      ]);
    });

    it('accepts short version strings like 0.9 and v1.2.2', () => {
      assert.deepEqual(runWith(['--ulimit', 'nofile=1'], '0.9'), []);
      assert.deepEqual(runWith(['--kernel-arg', 'quiet'], 'v1.2.2'), []);
      assert.throws(() => check(['list'], 'latest'), /not a version/);
    });
  });
});
