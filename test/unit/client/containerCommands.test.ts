import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  deleteCommand,
  inspectCommand,
  killCommand,
  listCommand,
  logsCommand,
  startCommand,
  stopCommand,
} from '../../../src/core/client/containerCommands';
import { TIMEOUTS } from '../../../src/core/client/timeouts';
import { LIST_1X_RUNNING } from './fixtures';

describe('container verbs', () => {
  it('lists every container as JSON', () => {
    const command = listCommand();
    assert.deepEqual(command.args, ['list', '--all', '--format', 'json']);
    assert.equal(command.timeoutMs, TIMEOUTS.query);
    assert.equal(command.parse(LIST_1X_RUNNING)[0]?.id, 'devc-myproj');
  });

  it('inspects one or more containers and refuses none', () => {
    assert.deepEqual(inspectCommand(['a', 'b']).args, ['inspect', 'a', 'b']);
    assert.equal(inspectCommand(['a']).parse(LIST_1X_RUNNING).length, 1);
    assert.deepEqual(inspectCommand(['a']).parse('[]'), [], '0.x prints [] for an unknown id');
    assert.throws(() => inspectCommand([]), RangeError);
  });

  it('starts a container, with a time limit for booting', () => {
    const command = startCommand('devc-myproj');
    assert.deepEqual(command.args, ['start', 'devc-myproj']);
    assert.equal(command.timeoutMs, TIMEOUTS.start);
    assert.equal(command.parse('devc-myproj\n'), undefined);
  });

  it('stops with the default grace period, or -t N, and waits longer than the grace period', () => {
    const plain = stopCommand('c1');
    assert.deepEqual(plain.args, ['stop', 'c1']);
    const quick = stopCommand('c1', { timeSeconds: 0 });
    assert.deepEqual(quick.args, ['stop', '-t', '0', 'c1']);
    const slow = stopCommand('c1', { timeSeconds: 120 });
    assert.deepEqual(slow.args, ['stop', '-t', '120', 'c1']);
    assert.ok((plain.timeoutMs ?? 0) > 5_000);
    assert.ok((slow.timeoutMs ?? 0) > 120_000);
  });

  it('kills, optionally with a signal', () => {
    assert.deepEqual(killCommand('c1').args, ['kill', 'c1']);
    assert.deepEqual(killCommand('c1', { signal: 'TERM' }).args, ['kill', '-s', 'TERM', 'c1']);
  });

  it('deletes, with -f when forced', () => {
    assert.deepEqual(deleteCommand('c1').args, ['delete', 'c1']);
    assert.deepEqual(deleteCommand('c1', { force: true }).args, ['delete', '-f', 'c1']);
    assert.equal(deleteCommand('c1').timeoutMs, TIMEOUTS.delete);
  });

  it('reads logs, the last N lines or the boot log, as printed', () => {
    assert.deepEqual(logsCommand('c1').args, ['logs', 'c1']);
    assert.deepEqual(logsCommand('c1', { lines: 50 }).args, ['logs', '-n', '50', 'c1']);
    assert.deepEqual(logsCommand('c1', { boot: true, lines: 5 }).args, [
      'logs',
      '--boot',
      '-n',
      '5',
      'c1',
    ]);
    assert.equal(logsCommand('c1').parse('a\nb\n'), 'a\nb\n');
  });

  it('gives every verb a summary for logs and errors', () => {
    for (const command of [
      listCommand(),
      startCommand('x'),
      stopCommand('x'),
      deleteCommand('x'),
    ]) {
      assert.ok(command.summary.length > 0);
    }
  });
});
