import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  localForwardPorts,
  vscodeCustomizations,
} from '../../../src/core/plan/vscodeCustomizations';

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

describe('forwardPorts this machine can reach', () => {
  it('keeps numbers and localhost ports, drops other hosts (Compose services) and nonsense', () => {
    assert.deepEqual(
      localForwardPorts([3000, 'localhost:5173', '127.0.0.1:8080', 'db:5432', 3000, 0, 70000]),
      [3000, 5173, 8080],
    );
  });
});
