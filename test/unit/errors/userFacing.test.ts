import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { cancelledError, cliMissingError, timeoutError } from '../../../src/core/client/cliErrors';
import { ContainerCliError } from '../../../src/core/client/types';
import { LifecycleError } from '../../../src/core/engine/lifecycleRunner';
import { ConfigError } from '../../../src/core/errors';
import { bootstrapFailure } from '../../../src/core/ssh/bootstrapErrors';
import { BOOTSTRAP_EXIT } from '../../../src/core/ssh/bootstrapScript';
import { describeError, headline, oneLine } from '../../../src/core/userFacing';
import { errorJson, errorText } from '../../../src/cli/errorReport';

/** One classification for every surface: each error type, and what never reaches a user. */

const CONFIG = '/Users/me/proj/.devcontainer/devcontainer.json';

const hookError = new LifecycleError(
  'onCreateCommand',
  'The onCreateCommand from devcontainer.json failed with exit code 42.',
  42,
  {
    origin: 'devcontainer.json',
    command: 'npm ci',
    outputTail: ['npm ERR! missing script', 'npm ERR! code 42'],
    location: { file: CONFIG, line: 7, column: 22 },
  },
);

class CustomBug extends TypeError {
  override name = 'SlipwayInternalThing';
}

/** Every kind of thing that can be thrown at a surface. */
const EVERY_ERROR: Array<[string, unknown]> = [
  ['config error in a file', new ConfigError('runArgs must be an array', CONFIG, 3, 14)],
  ['config error without a file', new ConfigError('No devcontainer.json in this folder.')],
  ['lifecycle error with its failure', hookError],
  [
    'lifecycle error without details',
    new LifecycleError('postCreateCommand', 'The postCreateCommand failed with exit code 1.', 1),
  ],
  [
    'ssh bootstrap error',
    bootstrapFailure(
      {
        exitCode: BOOTSTRAP_EXIT.installFailed,
        stdout: 'installing=apt-get\n',
        stderr: 'E: no net\n',
      },
      'vscode',
    ),
  ],
  ['container error', new ContainerCliError('imageNotFound', 'The image nope:1 was not found.')],
  ['container missing', cliMissingError('/usr/local/bin/container', 'notFound')],
  ['container timeout', timeoutError(['list'], 5000, '', true)],
  ['container cancelled', cancelledError(['run'], 'create the container')],
  ['abort error', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })],
  ['plain error', new Error('Cannot read properties of undefined (reading "x")')],
  ['type error', new TypeError('x is not a function')],
  ['custom bug class', new CustomBug('broken')],
  ['a string', 'just a string'],
  ['undefined', undefined],
  ['an object', { code: 'EWHAT' }],
];

const CLASS_NAME =
  /\b(Slipway[A-Za-z]*Error|SlipwayInternalThing|TypeError|ContainerCliError|LifecycleError|SshBootstrapError|ConfigError|AbortError)\b|\[object Object\]/;
const STACK = /\n\s+at |\bat .*\(.*:\d+:\d+\)/;

describe('describeError: one classification for the editor and the CLI', () => {
  for (const [label, error] of EVERY_ERROR) {
    it(`never shows a class name or a stack: ${label}`, () => {
      const facing = describeError(error);
      for (const text of [
        facing.message,
        facing.detail ?? '',
        facing.remedy ?? '',
        oneLine(facing),
        errorText(facing),
        JSON.stringify(errorJson(facing)),
      ]) {
        assert.doesNotMatch(text, CLASS_NAME);
        assert.doesNotMatch(text, STACK);
      }
      assert.ok(facing.message.trim().length > 0);
      // Only Slipway's own bugs are "unexpected".
      assert.equal(/unexpected/i.test(facing.message), facing.kind === 'internal');
    });
  }

  it('classifies each type', () => {
    assert.deepEqual(
      EVERY_ERROR.map(([label, error]) => [label, describeError(error).kind]),
      [
        ['config error in a file', 'config'],
        ['config error without a file', 'config'],
        ['lifecycle error with its failure', 'lifecycle'],
        ['lifecycle error without details', 'lifecycle'],
        ['ssh bootstrap error', 'sshBootstrap'],
        ['container error', 'container'],
        ['container missing', 'container'],
        ['container timeout', 'container'],
        ['container cancelled', 'cancelled'],
        ['abort error', 'cancelled'],
        ['plain error', 'internal'],
        ['type error', 'internal'],
        ['custom bug class', 'internal'],
        ['a string', 'internal'],
        ['undefined', 'internal'],
        ['an object', 'internal'],
      ],
    );
  });

  it('a failed hook names the hook, its command, exit code and last output, with what to do', () => {
    const facing = describeError(hookError);
    assert.equal(
      facing.message,
      'The onCreateCommand from devcontainer.json failed with exit code 42. Command: npm ci',
    );
    assert.equal(facing.detail, 'Last output:\nnpm ERR! missing script\nnpm ERR! code 42');
    assert.match(facing.remedy ?? '', /runs the lifecycle commands that did not finish/);
    assert.match(facing.remedy ?? '', /Rebuild/);
    assert.deepEqual(facing.location, { file: CONFIG, line: 7, column: 22 });
    assert.deepEqual(facing.actions, ['showLog', 'rebuild', 'openConfig']);
    assert.equal(facing.hook, 'onCreateCommand');
    assert.equal(facing.exitCode, 42);
    assert.equal(
      oneLine(facing),
      'The onCreateCommand from devcontainer.json failed with exit code 42. Command: npm ci — ' +
        'Last output: npm ERR! missing script · npm ERR! code 42. ' +
        facing.remedy,
    );
  });

  it('a hook from a Feature or the image has no place in the file to open', () => {
    const facing = describeError(
      new LifecycleError(
        'postStartCommand',
        'The postStartCommand from node failed with exit code 1.',
        1,
        {
          origin: 'node',
          command: 'node --version',
          outputTail: [],
        },
      ),
    );
    assert.deepEqual(facing.actions, ['showLog', 'rebuild']);
    assert.equal(facing.detail, undefined);
  });

  it('a config mistake points at file:line:column and offers the file', () => {
    const facing = describeError(new ConfigError('runArgs must be an array', CONFIG, 3, 14));
    assert.equal(headline(facing), `${CONFIG}:3:14: runArgs must be an array`);
    assert.deepEqual(facing.actions, ['openConfig', 'showLog']);
    assert.deepEqual(errorJson(facing), {
      outcome: 'error',
      kind: 'config',
      message: 'runArgs must be an array',
      file: CONFIG,
      line: 3,
      column: 14,
    });
  });

  it("an SSH set-up failure keeps the container's last output apart from the message", () => {
    const facing = describeError(EVERY_ERROR[4]?.[1]);
    assert.match(facing.message, /installing openssh-server with apt-get failed/);
    assert.equal(facing.detail, 'Last output from the container:\nE: no net');
    assert.deepEqual(facing.actions, ['showLog', 'rebuild']);
  });

  it("a bug says so, with the error's own words as detail and no stack", () => {
    const facing = describeError(new TypeError('x is not a function'));
    assert.equal(facing.message, 'Slipway failed unexpectedly.');
    assert.equal(facing.detail, 'x is not a function');
    assert.match(facing.remedy ?? '', /bug.*report/);
  });

  it('the CLI prints the hook failure as JSON with failedStep, and as text with the output', () => {
    const facing = describeError(hookError);
    assert.deepEqual(errorJson(facing), {
      outcome: 'error',
      kind: 'lifecycle',
      message: facing.message,
      description: facing.detail,
      remedy: facing.remedy,
      file: CONFIG,
      line: 7,
      column: 22,
      failedStep: 'onCreateCommand',
      exitCode: 42,
    });
    assert.equal(
      errorText(facing),
      `slipway: ${facing.message}\n  Last output:\n  npm ERR! missing script\n  npm ERR! code 42\n${facing.remedy}\n`,
    );
  });
});
