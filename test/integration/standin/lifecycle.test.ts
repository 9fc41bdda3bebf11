import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import {
  BUSYBOX,
  cleanUp,
  container,
  KEEP_ALIVE,
  ok,
  removeVolumes,
  runIdle,
  SCRATCH,
  waitFor,
} from './harness';

/**
 * The stand-in really runs containers: processes, stdio, exit codes, mounts,
 * the root filesystem across stop/start, and Apple's lifecycle rules.
 */

function state(id: string): string | undefined {
  const listed = JSON.parse(ok(['list', '--all', '--format', 'json'])) as Array<{
    id: string;
    status: { state: string };
  }>;
  return listed.find((c) => c.id === id)?.status.state;
}

describe('stand-in: running containers (integration)', function () {
  this.timeout(60_000);
  after(() => {
    cleanUp();
    removeVolumes(['life-data']);
  });

  it('runs detached, prints the ID, and execs with stdin, env, user, workdir and exit code', () => {
    assert.equal(ok(['run', '-d', '--name', 'life-exec', BUSYBOX, ...KEEP_ALIVE]), 'life-exec\n');
    const piped = container(['exec', '-i', 'life-exec', 'sh', '-c', 'tr a-z A-Z; exit 5'], {
      input: 'streamed through\n',
    });
    assert.equal(piped.status, 5);
    assert.equal(piped.stdout, 'STREAMED THROUGH\n');
    const who = ok([
      'exec',
      '-u',
      'vscode',
      '-w',
      '/tmp',
      '-e',
      'EXTRA=1',
      'life-exec',
      'sh',
      '-c',
      'echo "$(id -un) $(pwd) $EXTRA $(hostname)"',
    ]);
    assert.equal(who, 'vscode /tmp 1 life-exec\n');
    const stderr = container(['exec', 'life-exec', 'sh', '-c', 'echo oops >&2']);
    assert.equal(stderr.stderr, 'oops\n');
    assert.equal(ok(['exec', '-d', 'life-exec', 'sleep', '1']), 'life-exec\n');
  });

  it('runs attached with the process exit code, and --rm removes the container', () => {
    const attached = container([
      'run',
      '--rm',
      '--name',
      'life-once',
      BUSYBOX,
      'sh',
      '-c',
      'echo hi; exit 3',
    ]);
    assert.equal(attached.status, 3);
    assert.equal(attached.stdout, 'hi\n');
    assert.equal(state('life-once'), undefined);
    const stdin = container(['run', '--rm', '-i', BUSYBOX, 'cat'], { input: 'echoed\n' });
    assert.equal(stdin.stdout, 'echoed\n');
  });

  it('shares a bind mount both ways, read-only when asked', () => {
    const folder = path.join(SCRATCH, 'bind');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'from-host'), 'host says hi\n');
    ok([
      'run',
      '-d',
      '--name',
      'life-bind',
      '-v',
      `${folder}:/workspaces/bind`,
      '--mount',
      `type=bind,source=${folder},target=/ro,readonly`,
      BUSYBOX,
      ...KEEP_ALIVE,
    ]);
    assert.equal(ok(['exec', 'life-bind', 'cat', '/workspaces/bind/from-host']), 'host says hi\n');
    ok([
      'exec',
      'life-bind',
      'sh',
      '-c',
      'echo container says hi > /workspaces/bind/from-container',
    ]);
    assert.equal(readFileSync(path.join(folder, 'from-container'), 'utf8'), 'container says hi\n');
    const readOnly = container(['exec', 'life-bind', 'touch', '/ro/nope']);
    assert.notEqual(readOnly.status, 0);
  });

  it('keeps the root filesystem across stop and start', () => {
    runIdle('life-keep');
    ok(['exec', 'life-keep', 'sh', '-c', 'echo kept > /root/marker']);
    assert.equal(ok(['stop', 'life-keep']), 'life-keep\n');
    assert.equal(state('life-keep'), 'stopped');
    assert.equal(ok(['stop', 'life-keep']), 'life-keep\n', 'stop is idempotent');
    const notRunning = container(['exec', 'life-keep', 'true']);
    assert.equal(notRunning.status, 1);
    assert.equal(notRunning.stderr, 'Error: container life-keep is not running\n');
    assert.equal(ok(['start', 'life-keep']), 'life-keep\n');
    assert.equal(state('life-keep'), 'running');
    assert.equal(ok(['exec', 'life-keep', 'cat', '/root/marker']), 'kept\n');
  });

  it('refuses to delete a running container without -f, and deletes it with -f', () => {
    runIdle('life-delete');
    const refused = container(['delete', 'life-delete']);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr,
      'Error: internalError: "failed to delete container" ' +
        '(cause: "invalidState: "container life-delete is running and can not be deleted"")\n',
    );
    assert.equal(ok(['rm', '-f', 'life-delete']), 'life-delete\n');
    assert.equal(state('life-delete'), undefined);
  });

  it('sees a container stop when its process exits, and kills on request', () => {
    ok(['run', '-d', '--name', 'life-short', BUSYBOX, 'true']);
    ok(['run', '-d', '--name', 'life-kill', BUSYBOX, 'sleep', '600']);
    assert.equal(ok(['kill', 'life-kill']), 'life-kill\n');
    assert.ok(waitFor(() => state('life-short') === 'stopped'));
    assert.ok(waitFor(() => state('life-kill') === 'stopped'));
  });

  it('shows the process output in logs, all or the last lines', () => {
    // stdout and stderr are two pipes: pause so that the log keeps their order.
    const script = 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three';
    ok(['run', '--name', 'life-logs', BUSYBOX, 'sh', '-c', script]);
    assert.equal(ok(['logs', 'life-logs']), 'one\ntwo\nthree\n');
    assert.equal(ok(['logs', '-n', '2', 'life-logs']), 'two\nthree\n');
    assert.match(ok(['logs', '--boot', 'life-logs']), /Booting Linux/);
    const unknown = container(['logs', 'nope']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /container with ID nope not found/);
  });

  it('keeps a named volume across containers', () => {
    ok(['run', '--rm', '-v', 'life-data:/data', BUSYBOX, 'sh', '-c', 'echo persisted > /data/f']);
    assert.equal(
      ok(['run', '--rm', '-v', 'life-data:/data', BUSYBOX, 'cat', '/data/f']),
      'persisted\n',
    );
  });
});
