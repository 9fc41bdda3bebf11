import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  cliVersionError,
  MINIMUM_CONTAINER_VERSION,
  parseVersionOutput,
  versionCommand,
} from '../../../src/core/client/cliVersion';
import { isContainerCliError } from '../../../src/core/client/types';

describe('container --version', () => {
  it('builds `--version` with a short time limit', () => {
    const command = versionCommand();
    assert.deepEqual(command.args, ['--version']);
    assert.ok(command.timeoutMs !== undefined && command.timeoutMs <= 30_000);
  });

  it('reads the current format', () => {
    assert.equal(
      parseVersionOutput('container CLI version 1.2.2 (build: release, commit: 0190097)\n'),
      '1.2.2',
    );
    assert.equal(
      parseVersionOutput('container CLI version 0.5.0 (build: debug, commit: unspecified)'),
      '0.5.0',
    );
  });

  it('tolerates the old `, sdk: …` form and prerelease versions', () => {
    assert.equal(
      parseVersionOutput(
        'container CLI version 0.1.0 (build: release, commit: abc1234, sdk: MacOS 15)',
      ),
      '0.1.0',
    );
    assert.equal(
      parseVersionOutput('container CLI version 1.3.0-rc.1 (build: release)'),
      '1.3.0-rc.1',
    );
  });

  it('throws unexpectedOutput when there is no version', () => {
    for (const stdout of ['', 'container CLI', 'version 1.2']) {
      assert.throws(
        () => parseVersionOutput(stdout),
        (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
      );
    }
  });
});

describe('minimum container version', () => {
  it('is 0.5.0', () => {
    assert.equal(MINIMUM_CONTAINER_VERSION, '0.5.0');
  });

  it('accepts 0.5.0 and newer', () => {
    for (const version of ['0.5.0', '0.12.3', '1.0.0', '1.2.2', '1.3.0-rc.1']) {
      assert.equal(cliVersionError(version), undefined, version);
    }
  });

  it('refuses older releases with cliTooOld, naming the versions and where to update', () => {
    const error = cliVersionError('0.4.1');
    assert.ok(error);
    assert.equal(error.kind, 'cliTooOld');
    assert.match(error.message, /0\.4\.1/);
    assert.match(error.message, /0\.5\.0 or newer/);
    assert.match(error.message, /github\.com\/apple\/container\/releases/);
  });

  it('explains 0.0.0, the version of an unversioned build', () => {
    const error = cliVersionError('0.0.0');
    assert.equal(error?.kind, 'cliTooOld');
    assert.match(error?.message ?? '', /without a version number/);
  });

  it('refuses a version it cannot read', () => {
    assert.equal(cliVersionError('banana')?.kind, 'cliTooOld');
  });
});
