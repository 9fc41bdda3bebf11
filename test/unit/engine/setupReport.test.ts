import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseSetupReport, SETUP_SCRIPT } from '../../../src/core/engine/userSetup';

/**
 * The set-up script's report decides which hooks run: one cut short on its
 * way back must not read as "nothing due", which would skip them silently.
 */
describe('the set-up report', () => {
  it('is complete only with its last line, and keeps what it says', () => {
    const report = parseSetupReport(
      'home=/home/vscode\nshell=/bin/bash\ndue=postCreateCommand\nend=report\n',
    );
    assert.equal(report.complete, true);
    assert.equal(report.home, '/home/vscode');
    assert.deepEqual([...report.dueHooks], ['postCreateCommand']);
  });

  it('is incomplete when the output stops early, or is empty', () => {
    assert.equal(parseSetupReport('home=/home/vscode\nshell=/bin/bash\n').complete, false);
    assert.equal(parseSetupReport('').complete, false);
  });

  it('comes from a script that drains stdin and ends with the sentinel', () => {
    const lines = SETUP_SCRIPT.trim().split('\n');
    assert.equal(lines.at(-2), 'echo "end=report"');
    assert.ok(lines.includes('cat > /dev/null'));
  });
});
