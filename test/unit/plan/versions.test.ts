import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { minimumVersion, versionRefusal } from '../../../src/core/plan/versions';

describe('version requirements', () => {
  const requirements = [
    { flag: '--init', since: '0.10.0' },
    { flag: '--cap-add', since: '0.12.0' },
  ];

  it('takes the newest requirement, and the oldest supported release without any', () => {
    assert.equal(minimumVersion(requirements), '0.12.0');
    assert.equal(minimumVersion([]), '0.5.0');
  });

  it('refuses an older container, naming what needs the newer one', () => {
    const refusal = versionRefusal(requirements, '0.11.0');
    assert.match(
      refusal ?? '',
      /needs container 0\.12\.0 or newer for --cap-add \(0\.12\.0\), but 0\.11\.0 is installed/,
    );
    assert.doesNotMatch(refusal ?? '', /--init/);
    assert.equal(versionRefusal(requirements, '1.2.2'), undefined);
    assert.equal(versionRefusal(requirements, '0.12.0'), undefined);
  });
});
