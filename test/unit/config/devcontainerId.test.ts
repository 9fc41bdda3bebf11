import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'mocha';
import { computeDevcontainerId, idLabelsFor } from '../../../src/core/config/devcontainerId';

describe('computeDevcontainerId', () => {
  // The two test vectors of devcontainer-spec-notes.md §3.3, checked there
  // against both Node.js and an independent Python implementation.
  it('matches the workspace test vector', () => {
    const labels = idLabelsFor('/Users/me/proj', '/Users/me/proj/.devcontainer/devcontainer.json');
    assert.equal(
      computeDevcontainerId(labels),
      '17hbeuldl92uuq39afg5mj38pg1207nvgmggoaaejkgjgn26gqu6',
    );
  });

  it('matches the {a: "b"} test vector', () => {
    assert.equal(
      computeDevcontainerId({ a: 'b' }),
      '1mqafr5h2iu6dhh3k1m4vtnuhml2uiec4s7bntt1v0f25ao63i1n',
    );
  });

  it('does not depend on label order', () => {
    assert.equal(
      computeDevcontainerId({ c: 'd', a: 'b' }),
      computeDevcontainerId({ a: 'b', c: 'd' }),
    );
  });

  it('depends on every label', () => {
    assert.notEqual(computeDevcontainerId({ a: 'b' }), computeDevcontainerId({ a: 'b', c: 'd' }));
  });

  it('is always 52 base-32 digits', () => {
    const cases: Array<Record<string, string>> = [
      {},
      { a: 'b' },
      { x: 'y'.repeat(1000) },
      { ü: '☃' },
    ];
    for (const labels of cases) {
      assert.match(computeDevcontainerId(labels), /^[0-9a-v]{52}$/);
    }
  });

  it('sorts integer-like keys as strings, as JSON.stringify with a key list does', () => {
    const labels = { '9': 'a', '10': 'b' };
    // What the reference hashes: JSON.stringify(labels, Object.keys(labels).sort()).
    const expected = computeDevcontainerIdOf(JSON.stringify(labels, Object.keys(labels).sort()));
    assert.equal(computeDevcontainerId(labels), expected);
  });
});

describe('idLabelsFor', () => {
  it('labels the opened folder and the config file', () => {
    assert.deepEqual(idLabelsFor('/w', '/w/.devcontainer.json'), {
      'devcontainer.local_folder': '/w',
      'devcontainer.config_file': '/w/.devcontainer.json',
    });
  });
});

/** The id of an already serialised label object, computed independently. */
function computeDevcontainerIdOf(json: string): string {
  const hex = createHash('sha256').update(Buffer.from(json, 'utf-8')).digest('hex');
  return BigInt(`0x${hex}`).toString(32).padStart(52, '0');
}
