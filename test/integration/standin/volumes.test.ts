import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import {
  BUSYBOX,
  cleanUp,
  container,
  keysSorted,
  KEEP_ALIVE,
  ok,
  runIdle,
  slashesPlain,
  STATE,
} from './harness';

/**
 * `container volume ...` and named volumes on run/create: Apple's grammar, both
 * JSON eras and errors, the automatic creation with its warning, data kept in
 * podman volumes, and Apple's one-writer rule (apple/container#1133).
 */

interface VolumeJson {
  id: string;
  configuration: Record<string, unknown>;
}

const BOOTSTRAP_FAILURE = (id: string): string =>
  `Error: failed to bootstrap container (cause: "internalError: "failed to bootstrap container ${id} ` +
  '(cause: "unknown: "Error Domain=VZErrorDomain Code=2 "The storage device attachment is invalid." ' +
  'UserInfo={NSLocalizedFailure=Invalid virtual machine configuration., ' +
  'NSLocalizedFailureReason=The storage device attachment is invalid.}"")"")\n';

describe('stand-in: volumes (integration)', function () {
  this.timeout(120_000);
  after(() => {
    cleanUp();
    container(['volume', 'delete', '--all']);
  });

  it('creates, lists and inspects volumes in the 1.x shape', () => {
    assert.equal(
      ok(['volume', 'create', '--label', 'team=db', '-s', '2G', 'vol-data']),
      'vol-data\n',
    );
    assert.equal(ok(['v', 'create', '--opt', 'journal=ordered', 'vol-cache']), 'vol-cache\n');
    assert.equal(
      ok(['volume', 'ls']),
      [
        'NAME       TYPE   DRIVER  OPTIONS',
        'vol-cache  named  local   journal=ordered',
        'vol-data   named  local   size=2G',
        '',
      ].join('\n'),
    );
    assert.equal(ok(['volume', 'ls', '-q']), 'vol-cache\nvol-data\n');
    const raw = ok(['volume', 'list', '--format', 'json']);
    assert.ok(slashesPlain(raw) && keysSorted(JSON.parse(raw)));
    const data = (JSON.parse(raw) as VolumeJson[]).find((v) => v.id === 'vol-data');
    assert.deepEqual(
      { ...data?.configuration, creationDate: undefined },
      {
        creationDate: undefined,
        driver: 'local',
        format: 'ext4',
        labels: { team: 'db' },
        name: 'vol-data',
        options: { size: '2G' },
        sizeInBytes: 2 * 1024 ** 3,
        source: `${STATE}/volumes/vol-data/volume.img`,
      },
    );
    const cache = JSON.parse(ok(['volume', 'inspect', 'vol-cache'])) as VolumeJson[];
    assert.equal(cache[0]?.configuration.sizeInBytes, 512 * 1024 ** 3);
    const missing = container(['volume', 'inspect', 'vol-zeta', 'vol-data', 'vol-alpha']);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, 'Error: volume not found: vol-alpha, vol-zeta\n');
  });

  it("refuses what Apple refuses, in Apple's words", () => {
    const cases: Array<[string[], string]> = [
      [['volume', 'create', 'vol-data'], "Error: volume 'vol-data' already exists\n"],
      [
        ['volume', 'create', '--', '-bad'],
        "Error: invalid volume name 'invalid volume name '-bad': must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$'\n",
      ],
      [
        ['volume', 'create', '-s', '512k', 'vol-tiny'],
        'Error: storage error: volume size too small: minimum 1MiB\n',
      ],
      [['volume', 'rm', 'vol-nope'], 'Error: failed to delete one or more volumes: ["vol-nope"]\n'],
      [['volume', 'delete'], 'Error: no volumes specified and --all not supplied\n'],
    ];
    for (const [args, stderr] of cases) {
      const result = container(args);
      assert.equal(result.status, 1, args.join(' '));
      assert.equal(result.stderr, stderr, args.join(' '));
    }
  });

  it('creates a named volume for -v with a warning, and keeps its data across containers', () => {
    const made = container([
      'run',
      '--rm',
      '-v',
      'vol-auto:/data',
      BUSYBOX,
      'sh',
      '-c',
      'echo kept > /data/file',
    ]);
    assert.equal(made.status, 0, made.stderr);
    assert.equal(made.stderr, 'named volume was automatically created: ["volume": vol-auto]\n');
    const again = container(['run', '--rm', '-v', 'vol-auto:/data', BUSYBOX, 'cat', '/data/file']);
    assert.equal(again.stdout, 'kept\n');
    assert.equal(again.stderr, '', 'an existing volume is used without a warning');
    runIdle('vol-anon', ['-v', '/scratch']);
    const anonymous = ok(['volume', 'ls'])
      .split('\n')
      .filter((line) => / anonymous /.test(line));
    assert.equal(anonymous.length, 1);
  });

  it('refuses a named volume attached read-write to two running containers (Apple #1133)', () => {
    runIdle('vol-writer', ['-v', 'vol-data:/data']);
    const second = container([
      'run',
      '-d',
      '--name',
      'vol-second',
      '-v',
      'vol-data:/data',
      BUSYBOX,
      ...KEEP_ALIVE,
    ]);
    assert.equal(second.status, 1);
    assert.equal(second.stderr, BOOTSTRAP_FAILURE('vol-second'));
    // run deletes what it could not start, as Apple's does.
    assert.equal(container(['inspect', 'vol-second']).status, 1);
    // A reader beside a writer fails too; a created container fails at start.
    ok(['create', '--name', 'vol-reader', '-v', 'vol-data:/data:ro', BUSYBOX, ...KEEP_ALIVE]);
    const start = container(['start', 'vol-reader']);
    assert.equal(start.status, 1);
    assert.equal(start.stderr, BOOTSTRAP_FAILURE('vol-reader'));
    // The volume is in use by both (running or not), so it cannot be deleted.
    const busy = container(['volume', 'delete', 'vol-data']);
    assert.equal(busy.status, 1);
    assert.equal(
      busy.stderr,
      `failed to delete volume: ["id": vol-data, "error": invalidArgument: "volume 'vol-data' is currently in use and cannot be accessed by another container, or deleted"]\n` +
        'Error: delete failed for one or more volumes: ["vol-data"]\n',
    );
    ok(['delete', '--force', 'vol-writer']);
  });

  it('allows several read-only users of one volume at once', () => {
    ok(['start', 'vol-reader']);
    runIdle('vol-reader2', ['-v', 'vol-data:/data:ro']);
    const states = ok(['list', '-q']).split('\n');
    assert.ok(states.includes('vol-reader') && states.includes('vol-reader2'));
    const write = container(['exec', 'vol-reader2', 'sh', '-c', 'echo x > /data/denied']);
    assert.notEqual(write.status, 0, 'a read-only mount is read-only');
    ok(['delete', '--force', 'vol-reader', 'vol-reader2', 'vol-anon']);
  });

  it('prunes and deletes unused volumes', () => {
    const pruned = container(['volume', 'prune']);
    assert.equal(pruned.status, 0);
    assert.deepEqual(
      pruned.stdout
        .split('\n')
        .filter((l) => l !== '')
        .filter((l) => l.startsWith('vol-')),
      ['vol-auto', 'vol-cache', 'vol-data'],
    );
    assert.equal(ok(['volume', 'ls', '-q']), '');
  });

  it('plays the pre-1.0 shapes: bare Volume JSON, newest first, inspect by name', () => {
    const OLD = { CONTAINER_STANDIN_VERSION: '0.12.3' };
    ok(['volume', 'create', 'vol-old1'], { env: OLD });
    ok(['volume', 'create', 'vol-old2'], { env: OLD });
    assert.equal(
      ok(['volume', 'ls'], { env: OLD }),
      'NAME      TYPE   DRIVER  OPTIONS\nvol-old2  named  local   \nvol-old1  named  local   \n',
    );
    const [first] = JSON.parse(ok(['volume', 'ls', '--format', 'json'], { env: OLD })) as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(Object.keys(first ?? {}), [
      'name',
      'driver',
      'format',
      'source',
      'createdAt',
      'labels',
      'options',
      'sizeInBytes',
    ]);
    assert.equal(typeof first?.createdAt, 'number');
    const inspected = JSON.parse(ok(['volume', 'inspect', 'vol-old1'], { env: OLD })) as Array<
      Record<string, unknown>
    >;
    assert.match(String(inspected[0]?.createdAt), /^\d{4}-\d\d-\d\dT/);
    const missing = container(['volume', 'inspect', 'vol-none'], { env: OLD });
    assert.equal(missing.stderr, "Error: volume 'vol-none' not found\n");
    assert.equal(ok(['volume', 'delete', '--all']), 'vol-old1\nvol-old2\n');
  });
});
