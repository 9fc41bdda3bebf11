import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { quoteForDisplay } from '../../../src/core/plan/render';
import { planConfig } from '../../support/planFixture';
import { renderPlan } from '../../../src/core/plan/render';

describe('plan text', () => {
  it('quotes arguments the way a POSIX shell would read them back', () => {
    assert.equal(quoteForDisplay('plain/path:1'), 'plain/path:1');
    assert.equal(quoteForDisplay(''), "''");
    assert.equal(quoteForDisplay("it's $HOME"), "'it'\\''s $HOME'");
  });

  it('shows the container, resources, commands, lifecycle, ports and warnings', async () => {
    const text = renderPlan(
      await planConfig({
        image: 'node:20',
        forwardPorts: [3000],
        postCreateCommand: ['npm', 'ci'],
        runArgs: ['--device', '/dev/fuse', '--init'],
      }),
    );
    assert.match(text, /resources {2}4 CPUs \(default\), 4G memory \(default\), linux\/arm64/);
    assert.match(text, /needs container 0\.10\.0 or newer \(--init 0\.10\.0\)/);
    assert.match(
      text,
      /postCreateCommand \(in the container, once per container\):\n {4}devcontainer\.json: npm ci/,
    );
    assert.match(text, /Forwarded ports: 3000/);
    assert.match(text, /- runArgs: Left out --device/);
  });
});
