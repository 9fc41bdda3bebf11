import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { minimumVersion, requirementFor, versionRefusal } from '../../../src/core/plan/versions';

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

  it('refuses a release that removed an option, naming the removal', () => {
    const removed = [requirementFor('image pull', '--scheme auto')];
    assert.deepEqual(removed, [{ flag: '--scheme auto', since: '0.5.0', until: '1.3.0' }]);
    assert.equal(versionRefusal(removed, '1.2.2'), undefined);
    assert.match(
      versionRefusal(removed, '1.3.0') ?? '',
      /uses --scheme auto \(removed in 1\.3\.0\), which container 1\.3\.0 no longer accepts/,
    );
    assert.match(versionRefusal([requirementFor('k8s', 'start')], '1.5.0') ?? '', /k8s|start/);
  });

  it('gives no removal to options no release removed', () => {
    assert.deepEqual(requirementFor('run', '--init', '0.10.0'), {
      flag: '--init',
      since: '0.10.0',
    });
  });
});
