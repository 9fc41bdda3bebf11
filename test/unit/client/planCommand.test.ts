import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { TIMEOUTS } from '../../../src/core/client/timeouts';
import { commandFromArgv } from '../../../src/core/client/planCommand';
import { isContainerCliError } from '../../../src/core/client/types';

describe('commands from a plan argv', () => {
  it('drops the leading `container` and keeps the rest as it is', () => {
    const argv = [
      'container',
      'run',
      '-d',
      '--name',
      'devc-x',
      '-l',
      'a=b c',
      'ubuntu:24.04',
      'sleep',
      'infinity',
    ];
    const command = commandFromArgv(argv);
    assert.deepEqual(command.args, argv.slice(1));
    assert.equal(command.summary, 'run the dev container');
    assert.equal(command.timeoutMs, undefined, 'run may pull, so no time limit');
    assert.deepEqual(argv[0], 'container', 'the input is not changed');
  });

  it('drops a leading path to container too, and leaves argv without one alone', () => {
    assert.deepEqual(commandFromArgv(['/usr/local/bin/container', 'build', '.']).args, [
      'build',
      '.',
    ]);
    assert.deepEqual(commandFromArgv(['build', '-t', 'x', '.']).args, ['build', '-t', 'x', '.']);
  });

  it('returns the container ID that `run -d` prints', () => {
    const command = commandFromArgv(['container', 'run', '--detach', 'alpine']);
    assert.equal(command.parse('devc-x\n'), 'devc-x');
    assert.equal(commandFromArgv(['container', 'create', 'alpine']).parse('\nabc\n\n'), 'abc');
    assert.throws(
      () => command.parse('\n'),
      (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
    );
  });

  it('returns stdout as printed for other verbs', () => {
    assert.equal(
      commandFromArgv(['container', 'build', '.']).parse('step 1\nstep 2\n'),
      'step 1\nstep 2\n',
    );
    assert.equal(
      commandFromArgv(['container', 'run', 'alpine', 'echo', 'hi']).parse('hi\n'),
      'hi\n',
    );
  });

  it('takes a time limit, summary and input when the caller has them', () => {
    const command = commandFromArgv(['container', 'exec', '-i', 'c', 'sh'], {
      timeoutMs: 1000,
      summary: 'probe the user environment',
      input: 'env\n',
    });
    assert.equal(command.timeoutMs, 1000);
    assert.equal(command.summary, 'probe the user environment');
    assert.equal(command.input, 'env\n');
  });

  it('refuses an argv without a verb', () => {
    assert.throws(() => commandFromArgv(['container']), RangeError);
    assert.throws(() => commandFromArgv([]), RangeError);
  });

  it('bounds the planned calls that never download, and only those', () => {
    assert.equal(
      commandFromArgv(['network', 'list', '--format', 'json']).timeoutMs,
      TIMEOUTS.query,
    );
    assert.equal(commandFromArgv(['volume', 'create', 'data']).timeoutMs, TIMEOUTS.query);
    assert.equal(commandFromArgv(['network', 'delete', 'proj_default']).timeoutMs, TIMEOUTS.delete);
    for (const argv of [
      ['build', '.'],
      ['run', '-d', 'alpine'],
      ['create', 'alpine'],
      ['image', 'pull', 'alpine'],
    ]) {
      assert.equal(commandFromArgv(argv).timeoutMs, undefined, argv.join(' '));
    }
    assert.equal(commandFromArgv(['volume', 'list'], { timeoutMs: 5 }).timeoutMs, 5);
  });
});
