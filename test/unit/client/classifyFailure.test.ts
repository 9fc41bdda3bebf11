import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { classifyFailure } from '../../../src/core/client/classifyFailure';
import { appleMessage, describeCommand, stderrTail } from '../../../src/core/client/stderrText';
import type { ContainerErrorKind } from '../../../src/core/client/types';
import { STDERR } from './fixtures';

const RUN = ['run', '-d', '--name', 'devc-myproj', 'ubuntu:24.04', 'sleep', 'infinity'];

function expectKind(
  args: readonly string[],
  exitCode: number | undefined,
  stderr: string,
  kind: ContainerErrorKind,
  ...patterns: RegExp[]
): void {
  const error = classifyFailure(args, exitCode, stderr);
  assert.equal(error.kind, kind, error.message);
  assert.equal(error.details.exitCode, exitCode);
  assert.equal(error.details.stderr, stderr);
  assert.deepEqual(error.details.args, args);
  for (const pattern of patterns) {
    assert.match(error.message, pattern);
  }
}

describe('classifying container failures', () => {
  describe('service not running', () => {
    it('recognises the XPC error of run (both lines), quoting Apple and naming the fix', () => {
      expectKind(
        RUN,
        1,
        STDERR.xpcRun,
        'serviceNotRunning',
        /XPC connection error: Connection invalid/,
        /`container system start`/,
      );
    });

    it('recognises the wrapped form of list', () => {
      expectKind(
        ['list', '--all'],
        1,
        STDERR.xpcList,
        'serviceNotRunning',
        /failed to list containers/,
      );
    });

    it('recognises the "Ensure … system start" line alone', () => {
      expectKind(
        ['image', 'list'],
        1,
        'Ensure container system service has been started with `container system start`.\n',
        'serviceNotRunning',
      );
    });

    it('explains a failing `system start` differently: starting is not the fix there', () => {
      expectKind(
        ['system', 'start', '--enable-kernel-install'],
        1,
        STDERR.xpcSystemStart,
        'serviceNotRunning',
        /did not start/,
        /failed to get a response from apiserver/,
        /SSH|CI|external volume/,
      );
    });
  });

  describe('image not found', () => {
    it('recognises a registry 404, naming the image from the URL', () => {
      expectKind(
        RUN,
        1,
        STDERR.registry404,
        'imageNotFound',
        /registry-1\.docker\.io\/library\/nosuchimage:latest/,
        /404 Not Found/,
        /image name/,
      );
    });

    it("recognises Docker Hub's 401 for a private or missing repo (0.x coded form)", () => {
      expectKind(
        ['image', 'pull', 'me/private:1.0'],
        1,
        STDERR.registry401,
        'imageNotFound',
        /401 Unauthorized/,
        /registry login/,
      );
    });

    it('recognises `image inspect` of a missing local image', () => {
      expectKind(
        ['image', 'inspect', 'nope'],
        1,
        STDERR.imageInspectMissing,
        'imageNotFound',
        /docker\.io\/library\/nope:latest/,
      );
    });
  });

  describe('name conflict', () => {
    it('recognises the 0.10+ plain form, with the remedy', () => {
      expectKind(
        RUN,
        1,
        STDERR.nameConflict10,
        'nameConflict',
        /devc-myproj already exists/,
        /`container delete devc-myproj`/,
        /another name/,
      );
    });

    it('recognises the 0.5–0.9 coded form and unwraps it', () => {
      const error = classifyFailure(RUN, 1, STDERR.nameConflict05);
      assert.equal(error.kind, 'nameConflict');
      assert.match(error.message, /container said: "container with id devc-myproj already exists"/);
    });

    it('recognises the server-side form of create', () => {
      expectKind(
        ['create', '--name', 'devc-myproj', 'alpine'],
        1,
        STDERR.createConflict,
        'nameConflict',
        /devc-myproj/,
      );
    });

    it('recognises a hostname already in use', () => {
      expectKind(RUN, 1, STDERR.hostnameConflict, 'nameConflict', /hostname/);
    });
  });

  describe('container not found', () => {
    it('recognises inspect (1.x)', () => {
      expectKind(
        ['inspect', 'nope'],
        1,
        STDERR.inspectMissing,
        'containerNotFound',
        /container nope does not exist/,
      );
    });

    it('recognises stop/delete with the cause wrapped in the coded form', () => {
      expectKind(
        ['stop', 'nope'],
        1,
        STDERR.stopMissing,
        'containerNotFound',
        /container nope /,
        /failed to stop container/,
      );
    });

    it('recognises start, exec and logs', () => {
      expectKind(['start', 'nope'], 1, STDERR.startMissing, 'containerNotFound', /nope/);
    });

    it('recognises stats', () => {
      expectKind(
        ['stats', '--no-stream', 'nope'],
        1,
        STDERR.statsMissing,
        'containerNotFound',
        /nope/,
      );
    });
  });

  describe('container state', () => {
    it('recognises exec on a stopped container, both formats', () => {
      expectKind(
        ['exec', 'devc-myproj', 'sh'],
        1,
        STDERR.execStopped,
        'notRunning',
        /devc-myproj is not running/,
        /Start it/,
      );
      expectKind(
        ['exec', 'devc-myproj', 'sh'],
        1,
        STDERR.execStopped05,
        'notRunning',
        /devc-myproj/,
      );
    });

    it('recognises delete of a running container without force', () => {
      expectKind(
        ['delete', 'devc-myproj'],
        1,
        STDERR.deleteRunning,
        'containerRunning',
        /devc-myproj/,
        /Stop it first/,
      );
    });
  });

  describe('usage', () => {
    it('maps exit 64 to usage, quoting the option and pointing at an update', () => {
      const error = classifyFailure(['run', '--privileged', 'alpine'], 64, STDERR.unknownOption);
      assert.equal(error.kind, 'usage');
      assert.match(
        error.message,
        /^Slipway passed an option this container does not know: Unknown option '--privileged'\./,
      );
      assert.match(
        error.message,
        /Update container from https:\/\/github\.com\/apple\/container\/releases/,
      );
      assert.doesNotMatch(error.message, /Usage:/);
    });

    it('does not call the Rosetta refusal a usage problem', () => {
      expectKind(['list'], 64, STDERR.rosetta, 'failed', /Rosetta/, /native/);
    });

    it('still says usage when exit 64 comes without text', () => {
      expectKind(['run', 'x'], 64, '', 'usage', /exited with code 64/);
    });
  });

  describe('anything else', () => {
    it("keeps Apple's words and the exit code", () => {
      expectKind(
        RUN,
        1,
        STDERR.debugWarning + STDERR.memory,
        'failed',
        /^container run failed with exit code 1: minimum memory amount allowed is 200 MiB/,
      );
    });

    it('keeps only the last lines of long stderr', () => {
      const stderr = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
      const error = classifyFailure(['build', '.'], 2, stderr);
      assert.equal(error.kind, 'failed');
      assert.match(error.message, /line 19$/);
      assert.doesNotMatch(error.message, /line 14\b/);
      assert.match(error.message, /line 15/);
    });

    it('says so when nothing was printed', () => {
      expectKind(
        ['image', 'pull', 'x'],
        1,
        '',
        'failed',
        /container image pull failed with exit code 1 and printed no error message/,
      );
    });

    it('handles a missing exit code', () => {
      expectKind(['list'], undefined, 'boom', 'failed', /container list failed: boom/);
    });
  });
});

describe('reading stderr', () => {
  it('takes the Error line, strips the prefix and unwraps a bare coded message', () => {
    assert.equal(
      appleMessage(STDERR.nameConflict05),
      'container with id devc-myproj already exists',
    );
    assert.equal(
      appleMessage(STDERR.nameConflict10),
      'container with id devc-myproj already exists',
    );
    assert.equal(appleMessage(STDERR.debugWarning + 'no prefix here\n'), 'no prefix here');
    assert.equal(appleMessage(''), '');
  });

  it('keeps wrapped errors whole, since the cause is the useful part', () => {
    assert.match(
      appleMessage(STDERR.stopMissing),
      /^internalError: "failed to stop container" \(cause:/,
    );
  });

  it('drops the usage block and the Error: prefix from the tail', () => {
    assert.equal(stderrTail(STDERR.unknownOption), "Unknown option '--privileged'");
  });

  it('names commands by verb, two words for groups', () => {
    assert.equal(describeCommand(['image', 'pull', 'x']), 'container image pull');
    assert.equal(
      describeCommand(['system', 'status', '--format', 'json']),
      'container system status',
    );
    assert.equal(describeCommand(['run', '-d', 'x']), 'container run');
    assert.equal(describeCommand(['--version']), 'container --version');
  });
});
