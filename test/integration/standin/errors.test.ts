import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { BUSYBOX, cleanUp, container, ok, runIdle, SCRATCH } from './harness';

/**
 * The stand-in against reference §1 and §5: the version line, and the words
 * and exit codes of Apple's errors.
 */

const RUN_USAGE =
  'Usage: container run [<options>] <image> [<arguments> ...]\n' +
  "  See 'container run --help' for more information.\n";
const ENSURE = 'Ensure container system service has been started with `container system start`.';

describe('stand-in: version and errors (integration)', function () {
  this.timeout(60_000);
  after(() => cleanUp());

  it("prints the 1.5.0 version line by default, and 1.2.2's when asked to play it", () => {
    const result = container(['--version']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'container CLI version 1.5.0 (build: release, commit: d265d66)\n');
    const old = container(['--version'], { env: { CONTAINER_STANDIN_VERSION: '1.2.2' } });
    assert.equal(old.stdout, 'container CLI version 1.2.2 (build: release, commit: 0190097)\n');
  });

  it('refuses an unknown option with usage and exit 64, suggesting a near miss', () => {
    const unknown = container(['run', '--privileged', BUSYBOX]);
    assert.equal(unknown.status, 64);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, `Error: Unknown option '--privileged'\n${RUN_USAGE}`);
    const nearMiss = container(['run', '--gpus', 'all', BUSYBOX]);
    assert.equal(nearMiss.status, 64);
    assert.match(nearMiss.stderr, /^Error: Unknown option '--gpus'\. Did you mean '--cpus'\?\n/);
  });

  it('reports a bad mount directive, a small memory size and an invalid name (exit 1)', () => {
    const mount = '--mount=type=bind,source=/tmp,target=/w,consistency=cached';
    const cases: Array<[string[], string]> = [
      [
        [mount, BUSYBOX],
        'Error: unknown directive consistency when parsing mount ' +
          'type=bind,source=/tmp,target=/w,consistency=cached\n',
      ],
      [
        ['-m', '100M', BUSYBOX],
        'Error: minimum memory amount allowed is 200 MiB (got 104857600 bytes)\n',
      ],
      [['--name', 'x', BUSYBOX], 'Error: container ID x is not a valid container ID\n'],
      [['-p', '80', BUSYBOX], 'Error: invalid publish value: 80\n'],
    ];
    for (const [args, stderr] of cases) {
      const result = container(['run', ...args, 'true']);
      assert.equal(result.status, 1, args.join(' '));
      assert.equal(result.stderr, stderr);
    }
  });

  it('checks bind sources on disk, as the grammar cannot', () => {
    const missing = container(['run', '-v', '/no/such/dir:/w', BUSYBOX, 'true']);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, "Error: path '/no/such/dir' does not exist\n");
    const file = path.join(SCRATCH, 'not-a-dir');
    writeFileSync(file, 'a file\n');
    const bind = container(['run', '--mount', `type=bind,source=${file},target=/w`, BUSYBOX]);
    assert.equal(bind.status, 1);
    assert.equal(bind.stderr, `Error: path '${file}' is not a directory\n`);
  });

  it('answers an unknown image with the registry 404 and never pulls', () => {
    const result = container(['run', 'alpine', 'true']);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'Error: HTTP request to https://registry-1.docker.io/v2/library/alpine/manifests/latest ' +
        'failed with response: 404 Not Found. Reason: Unknown\n',
    );
    const ghcr = container(['image', 'pull', 'ghcr.io/acme/tool:1.0']);
    assert.equal(ghcr.status, 1);
    assert.match(ghcr.stderr, /https:\/\/ghcr\.io\/v2\/acme\/tool\/manifests\/1\.0 failed/);
    const inspect = container(['image', 'inspect', 'alpine']);
    assert.equal(inspect.status, 1);
    assert.equal(inspect.stderr, 'Error: image not found: alpine\n');
  });

  it('refuses a name that is taken: run before pulling, create after', () => {
    runIdle('taken');
    const run = container(['run', '--name', 'taken', BUSYBOX, 'true']);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'Error: container with id taken already exists\n');
    const create = container(['create', '--name', 'taken', BUSYBOX]);
    assert.equal(create.status, 1);
    assert.equal(create.stderr, 'Error: container already exists: taken\n');
  });

  it('fails per container for unknown IDs in stop, and on start', () => {
    const stop = container(['stop', 'nope']);
    assert.equal(stop.status, 1);
    assert.equal(
      stop.stderr,
      'Error: internalError: "failed to stop container" ' +
        '(cause: "notFound: "container with ID nope not found"")\n',
    );
    const start = container(['start', 'nope']);
    assert.equal(start.stderr, 'Error: get failed: container nope not found\n');
    const both = container(['stop']);
    assert.equal(both.status, 1);
    assert.equal(both.stderr, 'Error: no containers specified and --all not supplied\n');
  });

  it('fails like Apple with the service stopped, and recovers after system start', () => {
    runIdle('survivor');
    const stop = container(['system', 'stop']);
    assert.equal(stop.status, 0, stop.stderr);
    assert.match(stop.stdout, /^survivor$/m);

    const status = container(['system', 'status']);
    assert.equal(status.status, 1);
    assert.equal(status.stdout, 'apiserver is not running and not registered with launchd\n');
    const run = container(['run', BUSYBOX, 'true']);
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      `Error: interrupted: "XPC connection error: Connection invalid"\n${ENSURE}\n`,
    );
    const list = container(['list']);
    assert.equal(list.status, 1);
    assert.equal(
      list.stderr,
      'Error: internalError: "failed to list containers" ' +
        `(cause: "interrupted: "XPC connection error: Connection invalid"")\n${ENSURE}\n`,
    );
    // Parse errors come before any call to the service.
    assert.equal(container(['list', '--bogus']).status, 64);
    assert.equal(container(['--version']).status, 0);

    assert.equal(container(['system', 'start', '--enable-kernel-install']).status, 0);
    assert.equal(container(['system', 'status']).status, 0);
    const listed = JSON.parse(ok(['list', '--all', '--format', 'json'])) as Array<{
      id: string;
      status: { state: string; networks: unknown[] };
    }>;
    const survivor = listed.find((c) => c.id === 'survivor');
    assert.equal(survivor?.status.state, 'stopped');
    assert.deepEqual(survivor?.status.networks, []);
    assert.equal(ok(['start', 'survivor']), 'survivor\n');
  });
});
