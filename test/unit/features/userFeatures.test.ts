import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseConfigText } from '../../../src/core/config/parse';
import { foldRetiredFeatures, mapLegacyFeatureId } from '../../../src/core/features/legacyIds';
import { collectUserFeatures } from '../../../src/core/features/userFeatures';
import { CONFIG, CONTEXT, WORKSPACE, configError } from './fixtures';

describe('mapLegacyFeatureId', () => {
  it('maps every id the reference migrated, pinned to major version 1', () => {
    assert.equal(mapLegacyFeatureId('git-lfs'), 'ghcr.io/devcontainers/features/git-lfs:1');
    assert.equal(mapLegacyFeatureId('sshd'), 'ghcr.io/devcontainers/features/sshd:1');
    assert.equal(mapLegacyFeatureId('golang'), 'ghcr.io/devcontainers/features/go:1');
    assert.equal(mapLegacyFeatureId('common'), 'ghcr.io/devcontainers/features/common-utils:1');
  });

  it('leaves other ids alone, case-sensitively as the reference does', () => {
    assert.equal(mapLegacyFeatureId('fish'), undefined);
    assert.equal(mapLegacyFeatureId('Node'), undefined);
    assert.equal(mapLegacyFeatureId('gradle'), undefined);
  });
});

describe('foldRetiredFeatures', () => {
  it('adds ghcr.io/devcontainers/features/java:1 with the option when there is no java Feature', () => {
    const { entries, notes } = foldRetiredFeatures([
      ['gradle', 'latest'],
      ['node', '18'],
    ]);
    assert.deepEqual(entries, [
      ['node', '18'],
      ['ghcr.io/devcontainers/features/java:1', { installGradle: true }],
    ]);
    assert.equal(notes.length, 1);
    assert.match(
      notes[0]!.message,
      /installGradle option of ghcr\.io\/devcontainers\/features\/java/,
    );
  });

  it('merges into the java Feature the config has, keeping its version string', () => {
    const { entries } = foldRetiredFeatures([
      ['ghcr.io/devcontainers/features/java:1', '17'],
      ['maven', true],
      ['gradle', {}],
    ]);
    assert.deepEqual(entries, [
      [
        'ghcr.io/devcontainers/features/java:1',
        { version: '17', installMaven: true, installGradle: true },
      ],
    ]);
  });

  it('merges into an object value and into the bare legacy id', () => {
    assert.deepEqual(
      foldRetiredFeatures([
        ['python', { version: '3.12' }],
        ['jupyterlab', 'latest'],
      ]).entries,
      [['python', { version: '3.12', installJupyterlab: true }]],
    );
  });

  it('does not change its input', () => {
    const input: Array<[string, unknown]> = [
      ['java', { version: '17' }],
      ['maven', 'latest'],
    ];
    foldRetiredFeatures(input);
    assert.deepEqual(input, [
      ['java', { version: '17' }],
      ['maven', 'latest'],
    ]);
  });
});

describe('collectUserFeatures', () => {
  const text = [
    '{',
    '  "image": "debian",',
    '  "features": {',
    '    "ghcr.io/devcontainers/features/node:1": "18",',
    '    "./local": { "greeting": "hi" },',
    '    "git-lfs": true',
    '  }',
    '}',
  ].join('\n');

  it('parses every id in order, keeping the values and where they were written', () => {
    const parsed = parseConfigText(text, CONFIG);
    const { requests, warnings } = collectUserFeatures(parsed.config, {
      ...CONTEXT,
      locate: parsed.locate,
    });
    assert.deepEqual(
      requests.map((r) => [r.userId, r.ref.kind, r.value]),
      [
        ['ghcr.io/devcontainers/features/node:1', 'oci', '18'],
        ['./local', 'local', { greeting: 'hi' }],
        ['git-lfs', 'oci', true],
      ],
    );
    assert.deepEqual(requests[1]!.site.path, ['features', './local']);
    assert.equal(
      requests[1]!.ref.kind === 'local' && requests[1]!.ref.path,
      `${WORKSPACE}/.devcontainer/local`,
    );
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.feature, 'git-lfs');
    assert.match(
      warnings[0]!.message,
      /installs ghcr\.io\/devcontainers\/features\/git-lfs:1 in its place/,
    );
  });

  it('reports a bad id at its line and column in devcontainer.json', () => {
    const broken = text.replace('git-lfs', 'fish');
    const parsed = parseConfigText(broken, CONFIG);
    const error = configError(() =>
      collectUserFeatures(parsed.config, { ...CONTEXT, locate: parsed.locate }),
    );
    assert.equal(error.file, CONFIG);
    assert.equal(error.line, 6);
    assert.equal(error.column, 13);
    assert.match(error.message, /"fish" is a legacy Feature id/);
  });

  it('rejects a value of the wrong type (when the config was not validated)', () => {
    const error = configError(() => collectUserFeatures({ features: { './x': 3 } }, CONTEXT));
    assert.match(
      error.message,
      /must be an object of options, a version string, or a boolean, not a number/,
    );
  });

  it('is empty without features', () => {
    assert.deepEqual(collectUserFeatures({}, CONTEXT), { requests: [], warnings: [] });
  });
});
