import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseFeatureRef } from '../../../src/core/features/featureRef';
import {
  buildLockfile,
  checkFrozenLockfile,
  lockedPin,
  lockfileDifferences,
  lockfilePath,
  lockfileUpdate,
  readLockfile,
  renderLockfile,
  unlockedFeatures,
  type Lockfile,
} from '../../../src/core/features/lockfile';
import type { FeatureRequest } from '../../../src/core/features/userFeatures';
import { CONFIG, CONTEXT, FakeFeatures, configError, digestOf, metadata } from './fixtures';

const FILE = '/work/project/.devcontainer/devcontainer-lock.json';
const D1 = digestOf('1');
const D2 = digestOf('2');

const LOCK: Lockfile = {
  features: {
    'ghcr.io/x/f/a:1': {
      version: '1.2.0',
      resolved: `ghcr.io/x/f/a@${D1}`,
      integrity: D1,
    },
    'https://e.com/devcontainer-feature-t.tgz': {
      version: '0.1.0',
      resolved: 'https://e.com/devcontainer-feature-t.tgz',
      integrity: D2,
      dependsOn: ['ghcr.io/x/f/a:1'],
    },
  },
};

function request(userId: string): FeatureRequest {
  return {
    userId,
    ref: parseFeatureRef(userId, CONTEXT),
    value: {},
    site: { file: CONFIG, path: ['features', userId] },
  };
}

describe('lockfilePath', () => {
  it('sits next to the config, with a dot for .devcontainer.json', () => {
    assert.equal(lockfilePath(CONFIG), FILE);
    assert.equal(lockfilePath('/w/.devcontainer.json'), '/w/.devcontainer-lock.json');
    assert.equal(
      lockfilePath('/w/.devcontainer/python/devcontainer.json'),
      '/w/.devcontainer/python/devcontainer-lock.json',
    );
  });
});

describe('readLockfile', () => {
  it('tells a missing file from an empty one', () => {
    assert.deepEqual(readLockfile(undefined, FILE), { state: 'missing' });
    assert.deepEqual(readLockfile(' \n', FILE), { state: 'empty' });
  });

  it('reads what renderLockfile writes', () => {
    assert.deepEqual(readLockfile(renderLockfile(LOCK), FILE), {
      state: 'present',
      lockfile: LOCK,
    });
  });

  it('reports a syntax error at its position', () => {
    const error = configError(() => readLockfile('{\n  "features": {\n    "a": 1,,\n  }\n}', FILE));
    assert.equal(error.file, FILE);
    assert.equal(error.line, 3);
    assert.equal(error.column, 12);
  });

  for (const [text, pattern, line] of [
    ['[]', /must contain a JSON object, not an array/, 1],
    ['{\n"x": 1\n}', /"features" must be an object of Feature ids, not missing/, 1],
    ['{\n"features": []\n}', /"features" must be an object of Feature ids, not an array/, 2],
    ['{"features": {\n"a": "x"\n}}', /lock of Feature "a" must be an object, not a string/, 2],
    [
      `{"features": {"a": {\n"version": "1", "resolved": "r"\n}}}`,
      /lock of Feature "a" needs a string "integrity"/,
      1,
    ],
    [
      `{"features": {"a": {"version": "1", "resolved": "r",\n"integrity": "sha256:abc"}}}`,
      /has the integrity "sha256:abc"; it must be "sha256:" and 64 hexadecimal digits/,
      2,
    ],
    [
      `{"features": {"a": {"version": "1", "resolved": "r", "integrity": "${D1}",\n"dependsOn": "b"}}}`,
      /"dependsOn" that is not an array of Feature ids/,
      2,
    ],
  ] as const) {
    it(`rejects ${JSON.stringify(text).slice(0, 40)}, saying how to recover`, () => {
      const error = configError(() => readLockfile(text, FILE));
      assert.match(error.message, pattern);
      assert.match(error.message, /delete the file to let Slipway write a new one\.$/);
      assert.equal(error.line, line);
    });
  }
});

describe('lockedPin', () => {
  it('pins a reference by the id as written', () => {
    assert.deepEqual(lockedPin(LOCK, parseFeatureRef('ghcr.io/x/f/a:1', CONTEXT)), {
      integrity: D1,
      version: '1.2.0',
      resolved: `ghcr.io/x/f/a@${D1}`,
    });
    assert.equal(
      lockedPin(LOCK, parseFeatureRef('https://e.com/devcontainer-feature-t.tgz', CONTEXT))
        ?.integrity,
      D2,
    );
  });

  it('does not pin other spellings, local Features, or without a lockfile', () => {
    assert.equal(lockedPin(LOCK, parseFeatureRef('ghcr.io/x/f/a:2', CONTEXT)), undefined);
    assert.equal(lockedPin(LOCK, parseFeatureRef('ghcr.io/X/f/a:1', CONTEXT)), undefined);
    assert.equal(lockedPin(LOCK, parseFeatureRef('./a', CONTEXT)), undefined);
    assert.equal(lockedPin(undefined, parseFeatureRef('ghcr.io/x/f/a:1', CONTEXT)), undefined);
  });

  it('lets an explicit digest win over a lock that disagrees', () => {
    const id = `ghcr.io/x/f/b@${D1}`;
    const lock: Lockfile = { features: { [id]: { version: '1', resolved: 'r', integrity: D2 } } };
    assert.equal(lockedPin(lock, parseFeatureRef(id, CONTEXT)), undefined);
    const agreeing: Lockfile = {
      features: { [id]: { version: '1', resolved: 'r', integrity: D1 } },
    };
    assert.equal(lockedPin(agreeing, parseFeatureRef(id, CONTEXT))?.integrity, D1);
  });
});

describe('unlockedFeatures', () => {
  it('lists the registry and tarball Features the lockfile does not pin', () => {
    const refs = ['ghcr.io/x/f/a:1', 'ghcr.io/x/f/new:1', './local'].map((id) =>
      parseFeatureRef(id, CONTEXT),
    );
    assert.deepEqual(unlockedFeatures(LOCK, refs), ['ghcr.io/x/f/new:1']);
    assert.deepEqual(unlockedFeatures(undefined, refs), ['ghcr.io/x/f/a:1', 'ghcr.io/x/f/new:1']);
  });
});

describe('buildLockfile and renderLockfile', () => {
  const features = new FakeFeatures()
    .add('ghcr.io/x/f/zed', {
      digest: D1,
      metadata: metadata({
        id: 'zed',
        version: '2.0.0',
        dependsOn: { 'ghcr.io/x/f/Base': {}, './l': {} },
      }),
    })
    .add('ghcr.io/x/f/base', { digest: D2, metadata: metadata({ id: 'base', version: '1.0.0' }) })
    .add('/work/project/.devcontainer/l', { metadata: metadata({ id: 'l' }) });

  it('records registry Features by id as written, sorted, with their dependsOn, and no local ones', () => {
    const { nodes } = features.resolve([request('ghcr.io/x/f/zed:2')]);
    const lockfile = buildLockfile(nodes);
    assert.equal(
      renderLockfile(lockfile),
      [
        '{',
        '  "features": {',
        '    "ghcr.io/x/f/Base": {',
        '      "version": "1.0.0",',
        `      "resolved": "ghcr.io/x/f/base@${D2}",`,
        `      "integrity": "${D2}"`,
        '    },',
        '    "ghcr.io/x/f/zed:2": {',
        '      "version": "2.0.0",',
        `      "resolved": "ghcr.io/x/f/zed@${D1}",`,
        `      "integrity": "${D1}",`,
        '      "dependsOn": [',
        '        "ghcr.io/x/f/Base",',
        '        "./l"',
        '      ]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('renders any lockfile in canonical order', () => {
    const shuffled: Lockfile = {
      features: {
        'https://e.com/devcontainer-feature-t.tgz': {
          dependsOn: [],
          integrity: D2,
          resolved: 'https://e.com/devcontainer-feature-t.tgz',
          version: '0.1.0',
        },
        'ghcr.io/x/f/a:1': LOCK.features['ghcr.io/x/f/a:1']!,
      },
    };
    assert.equal(
      renderLockfile(shuffled),
      renderLockfile({
        features: {
          'ghcr.io/x/f/a:1': LOCK.features['ghcr.io/x/f/a:1']!,
          'https://e.com/devcontainer-feature-t.tgz': {
            version: '0.1.0',
            resolved: 'https://e.com/devcontainer-feature-t.tgz',
            integrity: D2,
          },
        },
      }),
    );
  });

  it('refuses a registry Feature without a digest (a fetcher bug)', () => {
    const { nodes } = features.resolve([request('./l')]);
    const broken = [
      { ...nodes[0]!, ref: parseFeatureRef('https://e.com/devcontainer-feature-t.tgz', CONTEXT) },
    ];
    assert.throws(() => buildLockfile(broken), /No digest/);
  });
});

describe('lockfileUpdate', () => {
  const text = renderLockfile(LOCK);

  it('creates a missing or empty file', () => {
    assert.equal(lockfileUpdate(undefined, LOCK), 'create');
    assert.equal(lockfileUpdate('', LOCK), 'create');
  });

  it('leaves an equal file alone, whatever its indentation or final newline', () => {
    assert.equal(lockfileUpdate(text, LOCK), 'unchanged');
    assert.equal(lockfileUpdate(text.trimEnd(), LOCK), 'unchanged');
    assert.equal(lockfileUpdate(JSON.stringify(LOCK), LOCK), 'unchanged');
  });

  it('rewrites a different, reordered or broken file', () => {
    const other: Lockfile = { features: { 'ghcr.io/x/f/a:1': LOCK.features['ghcr.io/x/f/a:1']! } };
    assert.equal(lockfileUpdate(text, other), 'update');
    const reordered = JSON.stringify({
      features: {
        'https://e.com/devcontainer-feature-t.tgz':
          LOCK.features['https://e.com/devcontainer-feature-t.tgz'],
        'ghcr.io/x/f/a:1': LOCK.features['ghcr.io/x/f/a:1'],
      },
    });
    assert.equal(lockfileUpdate(reordered, LOCK), 'update');
    assert.equal(lockfileUpdate('not json', LOCK), 'update');
  });
});

describe('frozen lockfiles', () => {
  const text = renderLockfile(LOCK);
  const newer: Lockfile = {
    features: {
      'ghcr.io/x/f/a:1': { version: '1.3.0', resolved: `ghcr.io/x/f/a@${D2}`, integrity: D2 },
      'ghcr.io/x/f/b:1': { version: '1.0.0', resolved: `ghcr.io/x/f/b@${D1}`, integrity: D1 },
    },
  };

  it('accepts an unchanged lockfile', () => {
    assert.doesNotThrow(() => checkFrozenLockfile(text.trimEnd(), LOCK, FILE));
  });

  it('fails when the lockfile does not exist', () => {
    const error = configError(() => checkFrozenLockfile(undefined, LOCK, FILE));
    assert.equal(error.file, FILE);
    assert.match(error.message, /does not exist, and the lockfile is frozen/);
  });

  it('fails when an empty lockfile would be filled, as the reference does', () => {
    assert.match(
      configError(() => checkFrozenLockfile('', LOCK, FILE)).message,
      /does not match .*not locked: ghcr\.io\/x\/f\/a:1, https/,
    );
  });

  it('says what changed', () => {
    assert.deepEqual(lockfileDifferences(LOCK, newer), {
      added: ['ghcr.io/x/f/b:1'],
      removed: ['https://e.com/devcontainer-feature-t.tgz'],
      changed: ['ghcr.io/x/f/a:1'],
    });
    const error = configError(() => checkFrozenLockfile(text, newer, FILE));
    assert.equal(
      error.message,
      'The lockfile does not match the Features the config resolves to (not locked: ghcr.io/x/f/b:1; no longer used: https://e.com/devcontainer-feature-t.tgz; locked to another version: ghcr.io/x/f/a:1), and the lockfile is frozen. Build once without freezing the lockfile to update it, and commit the change.',
    );
  });
});
