import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { vscodeCustomizations } from '../../../src/core/plan/vscodeCustomizations';

describe('customizations.vscode across metadata layers', () => {
  it('unites extensions in layer order, without duplicates, and lets a later layer remove one', () => {
    const merged = vscodeCustomizations(
      [
        { extensions: ['ms-python.python', 'dbaeumer.vscode-eslint'] },
        { extensions: ['MS-Python.python', 'golang.go'] },
        { extensions: ['-dbaeumer.vscode-eslint'] },
      ],
      ['eamodio.gitlens'],
    );
    assert.deepEqual(merged.extensions, ['eamodio.gitlens', 'ms-python.python', 'golang.go']);
  });

  it('merges settings, the later layer winning', () => {
    const merged = vscodeCustomizations([
      { settings: { 'editor.tabSize': 2, 'python.defaultInterpreterPath': '/usr/bin/python3' } },
      { settings: { 'editor.tabSize': 4 } },
      'not an object',
    ]);
    assert.deepEqual(merged.settings, {
      'editor.tabSize': 4,
      'python.defaultInterpreterPath': '/usr/bin/python3',
    });
    assert.deepEqual(vscodeCustomizations(undefined), { extensions: [], settings: {} });
  });
});
