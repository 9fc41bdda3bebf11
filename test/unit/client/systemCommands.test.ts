import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  parseSystemStatus,
  systemStartCommand,
  systemStatusCommand,
} from '../../../src/core/client/systemCommands';
import { isContainerCliError } from '../../../src/core/client/types';
import {
  STATUS_JSON_NOT_RUNNING,
  STATUS_JSON_141_RUNNING,
  STATUS_JSON_141_SKEW,
  STATUS_JSON_RUNNING,
  STATUS_JSON_UNREGISTERED,
  STATUS_TABLE_RUNNING,
  STATUS_TEXT_0X_RUNNING,
  STATUS_TEXT_NOT_RUNNING,
  STATUS_TEXT_UNREGISTERED,
  STDERR,
} from './fixtures';

const JSON_ARGS = ['system', 'status', '--format', 'json'];
const exit1 = (stderr = '') => ({ exitCode: 1, stderr });

describe('system status', () => {
  it('asks for JSON from 0.10 on, and when the version is unknown', () => {
    assert.deepEqual(systemStatusCommand().args, JSON_ARGS);
    assert.deepEqual(systemStatusCommand({ cliVersion: '0.10.0' }).args, JSON_ARGS);
    assert.deepEqual(systemStatusCommand({ cliVersion: '1.2.2' }).args, JSON_ARGS);
    assert.deepEqual(systemStatusCommand({ cliVersion: 'garbage' }).args, JSON_ARGS);
  });

  it('asks for the plain form before 0.10, which rejects --format', () => {
    assert.deepEqual(systemStatusCommand({ cliVersion: '0.9.0' }).args, ['system', 'status']);
  });

  it('declares exit 1 an answer ("not running"), with a time limit', () => {
    const command = systemStatusCommand();
    assert.deepEqual(command.acceptExitCodes, [1]);
    assert.ok(command.timeoutMs !== undefined && command.timeoutMs >= 10_000);
  });

  it('reads running JSON with the server version', () => {
    assert.deepEqual(systemStatusCommand().parse(STATUS_JSON_RUNNING), {
      running: true,
      status: 'running',
      version: '1.2.2',
    });
  });

  it('reads the nested 1.4.1+ JSON: server.version, and the client version beside it', () => {
    assert.deepEqual(systemStatusCommand().parse(STATUS_JSON_141_RUNNING), {
      running: true,
      status: 'running',
      version: '1.5.0',
      clientVersion: '1.5.0',
    });
  });

  it('reads the old server banner in server.version during client/server skew', () => {
    assert.deepEqual(systemStatusCommand().parse(STATUS_JSON_141_SKEW), {
      running: true,
      status: 'running',
      version: '1.0.0',
      clientVersion: '1.5.0',
    });
  });

  it('reads 1.4.1+ JSON the same with or without `/` escaped', () => {
    const escaped = STATUS_JSON_141_RUNNING.replace(/\//g, '\\/');
    assert.notEqual(escaped, STATUS_JSON_141_RUNNING);
    assert.deepEqual(
      systemStatusCommand().parse(escaped),
      systemStatusCommand().parse(STATUS_JSON_141_RUNNING),
    );
  });

  it('reads a 1.4.1+ down service leniently (shape not seen: only status)', () => {
    assert.deepEqual(systemStatusCommand().parse('{"status":"not running"}\n', exit1()), {
      running: false,
      status: 'not running',
    });
  });

  it('reads unregistered and not-running JSON on exit 1', () => {
    const command = systemStatusCommand();
    assert.deepEqual(command.parse(STATUS_JSON_UNREGISTERED, exit1()), {
      running: false,
      status: 'unregistered',
    });
    assert.deepEqual(command.parse(STATUS_JSON_NOT_RUNNING, exit1()), {
      running: false,
      status: 'not running',
    });
  });

  it('reads the 0.10+ table', () => {
    assert.deepEqual(parseSystemStatus(['system', 'status'], STATUS_TABLE_RUNNING), {
      running: true,
      status: 'running',
      version: '1.2.2',
    });
  });

  it('reads the 0.5–0.9 free text', () => {
    const command = systemStatusCommand({ cliVersion: '0.9.0' });
    assert.deepEqual(command.parse(STATUS_TEXT_0X_RUNNING), {
      running: true,
      status: 'running',
      detail: 'apiserver is running',
      version: '0.9.0',
    });
    assert.deepEqual(command.parse(STATUS_TEXT_UNREGISTERED, exit1()), {
      running: false,
      status: 'unregistered',
      detail: 'apiserver is not running and not registered with launchd',
    });
    assert.deepEqual(command.parse(STATUS_TEXT_NOT_RUNNING, exit1()), {
      running: false,
      status: 'not running',
      detail: 'apiserver is not running',
    });
  });

  it('reads exit 1 with an XPC error and no stdout as not running', () => {
    assert.deepEqual(systemStatusCommand().parse('', exit1(STDERR.xpcRun)), {
      running: false,
      status: 'not running',
    });
    assert.equal(systemStatusCommand().parse('', exit1()).running, false);
  });

  it('classifies an unrelated exit-1 failure instead of calling it "not running"', () => {
    assert.throws(
      () => systemStatusCommand().parse('', exit1('Error: something else broke\n')),
      (error: unknown) =>
        isContainerCliError(error) &&
        error.kind === 'failed' &&
        /something else broke/.test(error.message),
    );
  });

  it('throws unexpectedOutput for unreadable output on exit 0', () => {
    for (const stdout of ['', 'hello', '{"nope":1}', '{broken']) {
      assert.throws(
        () => systemStatusCommand().parse(stdout),
        (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
        stdout,
      );
    }
  });
});

describe('system start', () => {
  it('installs the kernel without prompting and has no time limit (it downloads)', () => {
    const command = systemStartCommand();
    assert.deepEqual(command.args, ['system', 'start', '--enable-kernel-install']);
    assert.equal(command.timeoutMs, undefined);
  });
});
