import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  cancelledError,
  cliMissingError,
  CONTAINER_PATH_SETTING,
  timeoutError,
} from '../../../src/core/client/cliErrors';

describe('runner errors', () => {
  it('says how to install container or point Slipway at it', () => {
    const error = cliMissingError(
      'container',
      'notFound',
      'for `container` on PATH and at /usr/local/bin/container',
    );
    assert.equal(error.kind, 'cliMissing');
    assert.match(error.message, /https:\/\/github\.com\/apple\/container\/releases/);
    assert.match(error.message, new RegExp(CONTAINER_PATH_SETTING.replace('.', '\\.')));
    assert.match(error.message, /\/usr\/local\/bin\/container/);
  });

  it('says when the file is there but not executable', () => {
    const error = cliMissingError('/opt/container', 'notExecutable');
    assert.equal(error.kind, 'cliMissing');
    assert.match(error.message, /\/opt\/container is not an executable/);
    assert.match(error.message, /EACCES/);
  });

  it('blames the setting when the configured path is wrong', () => {
    const error = cliMissingError('/nope/container', 'configuredMissing');
    assert.match(error.message, /SLIPWAY_CONTAINER/);
    assert.match(error.message, /\/nope\/container/);
  });

  it('describes a timeout with the limit and a way out', () => {
    const error = timeoutError(['list', '--all'], 30_000, '', true);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /container list did not finish within 30 s/);
    assert.match(error.message, /had to be killed/);
    assert.match(
      timeoutError(['list'], 1500, '', false).message,
      /1\.5 s, so Slipway stopped it\./,
    );
  });

  it('describes a cancellation with the summary', () => {
    const error = cancelledError(['list'], 'list containers');
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.message, 'Cancelled: list containers.');
  });
});
