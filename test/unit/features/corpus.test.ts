import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { configMetadataEntry, mergeMetadata } from '../../../src/core/config/metadata';
import { parseConfigText, type ParsedConfig } from '../../../src/core/config/parse';
import { isConfigError } from '../../../src/core/errors';
import { sameFeature } from '../../../src/core/features/featureCompare';
import type { FeatureNode } from '../../../src/core/features/featureGraph';
import {
  FEATURE_METADATA_FILE,
  featureMetadataEntry,
  parseFeatureMetadata,
} from '../../../src/core/features/featureMetadata';
import { resolveFeatureOptions } from '../../../src/core/features/featureOptions';
import { computeInstallOrder } from '../../../src/core/features/featureOrder';
import { parseFeatureRef, type FeatureRefContext } from '../../../src/core/features/featureRef';
import {
  buildLockfile,
  checkFrozenLockfile,
  lockedPin,
  lockfilePath,
  lockfileUpdate,
  readLockfile,
  renderLockfile,
  unlockedFeatures,
  type Lockfile,
} from '../../../src/core/features/lockfile';
import { collectUserFeatures, type FeatureRequest } from '../../../src/core/features/userFeatures';
import { configError } from './fixtures';
import { referenceRegistry } from './referenceRegistry';

/**
 * The reference CLI's Feature test configs (../shared/corpus/devcontainers-cli-features,
 * from devcontainers/cli src/test/container-features/configs): every Feature
 * id parses or fails as the config was written to; where the Features can be
 * resolved (local ones from disk, published ones from referenceRegistry.ts)
 * the install order is the one the reference's tests expect
 * (containerFeaturesOrder.test.ts, featuresCLICommands.test.ts,
 * lifecycleHooks.test.ts, e2e.test.ts), and the lockfile configs behave as
 * lockfile.test.ts expects.
 */

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/devcontainers-cli-features');
const CONFIG_NAMES = new Set(['devcontainer.json', '.devcontainer.json']);

interface Case {
  /** The workspace folder relative to the corpus folder, such as `lockfile-frozen`. */
  name: string;
  workspaceFolder: string;
  configFile: string;
  parsed: ParsedConfig;
  context: FeatureRefContext;
}

function findConfigs(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      findConfigs(full, found);
    } else if (CONFIG_NAMES.has(entry)) {
      found.push(full);
    }
  }
  return found;
}

function loadCase(configFile: string): Case {
  const parts = configFile.split(path.sep);
  const dotFolder = parts.lastIndexOf('.devcontainer');
  const workspaceFolder =
    dotFolder > 0 ? parts.slice(0, dotFolder).join(path.sep) : path.dirname(configFile);
  const parsed = parseConfigText(readFileSync(configFile, 'utf8'), configFile);
  return {
    name: path.relative(CORPUS, workspaceFolder),
    workspaceFolder,
    configFile,
    parsed,
    context: { configFile, workspaceFolder },
  };
}

const cases = existsSync(CORPUS) ? findConfigs(CORPUS).map(loadCase) : [];
const withFeatures = cases.filter((c) => Object.keys(c.parsed.config.features ?? {}).length > 0);

function corpusCase(name: string): Case {
  const found = cases.find((c) => c.name === name);
  assert.ok(found, `the corpus has ${name}`);
  return found;
}

/** The Feature ids (and override ids) the configs were written to reject, and why. */
const REJECTED: Record<string, Record<string, RegExp>> = {
  'invalid-configs/dockerfile-with-v2-local-features-no-dev-container-folder': {
    './local-features/localFeatureA':
      /local-features\/localFeatureA, which is not inside .*\/\.devcontainer\. Local Features must be in a sub-folder/,
    './local-features/localFeatureB': /not inside .*\/\.devcontainer/,
  },
  'invalid-configs/invalid-v1-features': {
    'devcontainers/features/myfakefeature': /looks like a Feature from a GitHub release/,
  },
  'feature-dependencies/overrideFeatureInstallOrder/image-with-v1-features-with-overrideFeatureInstallOrder':
    {
      'codspace/myfeatures/helloworld': /GitHub release/,
      'codspace/features/devcontainer-feature-go@tarball02': /GitHub release/,
      'codspace/features/devcontainer-feature-go': /GitHub release/,
    },
  // The `outdated` command this config was written for only reads registry ids;
  // building it would fail in the reference too (local Features outside .devcontainer).
  'lockfile-outdated-command': {
    'https://myfeatures.com/features.tgz': /must name a file devcontainer-feature-<id>\.tgz/,
    './features/mylocalfeature2': /not inside .*\/\.devcontainer/,
    './mylocalfeature': /not inside .*\/\.devcontainer/,
  },
};

/** Bare legacy ids, which the reference maps (with a warning) to ghcr.io/devcontainers/features. */
const MAPPED = new Set(['terraform', 'node']);

describe('Feature corpus: every reference parses, or fails as intended', () => {
  it('finds the corpus', () => {
    assert.ok(withFeatures.length >= 40, `only ${withFeatures.length} configs with Features`);
  });

  for (const corpusCase of withFeatures) {
    it(corpusCase.name, () => {
      const expected = REJECTED[corpusCase.name] ?? {};
      const seen = new Set<string>();
      const ids: Array<{ id: string; at: Array<string | number> }> = [
        ...Object.keys(corpusCase.parsed.config.features ?? {}).map((id) => ({
          id,
          at: ['features', id],
        })),
        ...(corpusCase.parsed.config.overrideFeatureInstallOrder ?? []).map((id, index) => ({
          id,
          at: ['overrideFeatureInstallOrder', index],
        })),
      ];
      for (const { id, at } of ids) {
        const site = { file: corpusCase.configFile, locate: corpusCase.parsed.locate, path: at };
        const rejection = expected[id];
        if (rejection === undefined) {
          const ref = parseFeatureRef(id, corpusCase.context, site);
          assert.equal(ref.userId, id);
          assert.equal(ref.kind === 'oci' && ref.legacyId !== undefined, MAPPED.has(id), id);
          continue;
        }
        seen.add(id);
        const error = configError(() => parseFeatureRef(id, corpusCase.context, site));
        assert.match(error.message, rejection);
        assert.equal(error.file, corpusCase.configFile);
        assert.ok(error.line !== undefined && error.column !== undefined, 'points at the id');
        assert.doesNotMatch(error.message, /\n\s+at /);
      }
      assert.deepEqual([...seen].sort(), Object.keys(expected).sort(), 'every expected rejection');
    });
  }

  it('warns about every mapped legacy id', () => {
    const { warnings } = collectUserFeatures(
      corpusCase('dockerfile-with-v2-oci-features').parsed.config,
      corpusCase('dockerfile-with-v2-oci-features').context,
    );
    assert.deepEqual(
      warnings.map((w) => w.feature),
      ['terraform', 'node'],
    );
    assert.match(
      warnings[1]!.message,
      /installs ghcr\.io\/devcontainers\/features\/node:1 in its place/,
    );
  });
});

/** Local Features of a case read from disk, published ones from the reference's test registry. */
function resolveCase(corpusCase: Case, pin?: (ref: FeatureRequest['ref']) => string | undefined) {
  const registry = referenceRegistry();
  const dot = path.join(corpusCase.workspaceFolder, '.devcontainer');
  if (existsSync(dot)) {
    for (const folder of readdirSync(dot)) {
      const file = path.join(dot, folder, FEATURE_METADATA_FILE);
      if (existsSync(file)) {
        registry.add(
          path.join(dot, folder),
          parseFeatureMetadata(readFileSync(file, 'utf8'), file, `./${folder}`),
        );
      }
    }
  }
  const { requests, warnings } = collectUserFeatures(corpusCase.parsed.config, {
    ...corpusCase.context,
    locate: corpusCase.parsed.locate,
  });
  const graph = registry.resolve(requests, corpusCase.context, pin);
  return { requests, graph, warnings: [...warnings, ...graph.warnings] };
}

function orderOf(corpusCase: Case): FeatureNode[] {
  const { graph } = resolveCase(corpusCase);
  return computeInstallOrder(graph.nodes, {
    context: corpusCase.context,
    locate: corpusCase.parsed.locate,
    overrideFeatureInstallOrder: corpusCase.parsed.config.overrideFeatureInstallOrder,
  }).order;
}

function show(node: FeatureNode): string {
  const empty = typeof node.value === 'object' && Object.keys(node.value).length === 0;
  return empty ? node.userId : `${node.userId} ${JSON.stringify(node.value)}`;
}

const DEPENDSON = 'ghcr.io/codspace/dependson';
const TGZ = 'https://github.com/codspace/tgz-features-with-dependson/releases/download/0.0.2';
const DIND_TGZ =
  'https://github.com/codspace/features/releases/download/tarball02/devcontainer-feature-docker-in-docker.tgz';

/** Install orders: the reference's test expectations, then the ones Slipway adds (marked). */
const ORDERS: Record<string, string[]> = {
  // containerFeaturesOrder.test.ts
  'feature-dependencies/installsAfter/local-simple': ['./c {"magicNumber":"321"}', './a'],
  'feature-dependencies/dependsOn/local-simple': ['./b {"magicNumber":"50"}', './a'],
  'feature-dependencies/dependsOn/local-with-options': [
    './b',
    './b {"optA":"a","optB":"a"}',
    './b {"optA":"a","optB":"b"}',
    './b {"optA":"b","optB":"a"}',
    './b {"optA":"b","optB":"b"}',
    './d',
    './e',
    './c',
    './a {"optA":"a","optB":"b"}',
  ],
  'feature-dependencies/dependsOn/oci-ab': [
    `${DEPENDSON}/D {"magicNumber":"30"}`,
    `${DEPENDSON}/E {"magicNumber":"50"}`,
    `${DEPENDSON}/a {"magicNumber":"10"}`,
    `${DEPENDSON}/A {"magicNumber":"40"}`,
    `${DEPENDSON}/C {"magicNumber":"20"}`,
    `${DEPENDSON}/b {"magicNumber":"400"}`,
  ],
  'feature-dependencies/dependsOn/tgz-ab': [
    `${DEPENDSON}/D {"magicNumber":"30"}`,
    `${DEPENDSON}/E {"magicNumber":"50"}`,
    `${DEPENDSON}/A {"magicNumber":"40"}`,
    `${TGZ}/devcontainer-feature-A.tgz {"magicNumber":"10"}`,
    `${DEPENDSON}/C {"magicNumber":"20"}`,
    `${TGZ}/devcontainer-feature-B.tgz {"magicNumber":"400"}`,
  ],
  'feature-dependencies/dependsOn-and-installsAfter/local-simple': [
    './c {"magicNumber":"321"}',
    './a',
  ],
  'feature-dependencies/overrideFeatureInstallOrder/local-simple': ['./c', './b', './d', './a'],
  'feature-dependencies/overrideFeatureInstallOrder/local-intermediate': [
    './c',
    './d',
    './b',
    './a',
  ],
  'feature-dependencies/overrideFeatureInstallOrder/local-roundPriority': ['./a', './b', './c'],
  'feature-dependencies/overrideFeatureInstallOrder/mixed': [
    './d',
    './b',
    './c',
    `${DEPENDSON}/D {"magicNumber":"30"}`,
    `${DEPENDSON}/E {"magicNumber":"50"}`,
    `${DEPENDSON}/A {"magicNumber":"40"}`,
    `${DEPENDSON}/C {"magicNumber":"20"}`,
    `${DEPENDSON}/b {"magicNumber":"400"}`,
    './a',
  ],
  'feature-dependencies/overrideFeatureInstallOrder/image-with-v2-features-with-overrideFeatureInstallOrder':
    [
      './localFeatureA {"greeting":"buongiorno"}',
      `${DIND_TGZ} {"version":"latest"}`,
      'ghcr.io/devcontainers/features/python@sha256:675f3c93e52fa4b205827e3aae744905ae67951f70e3ec2611f766304b31f4a2 {"version":"none"}',
      './localFeatureB {"greeting":"buongiorno"}',
      'ghcr.io/codspace/features/python:1 {"version":"none"}',
    ],
  // featuresCLICommands.test.ts: "installsAfter fruit -> hello", and the legacyIds checks
  'example-installsAfter': [
    'ghcr.io/codspace/features/hello:1.0.7',
    'ghcr.io/codspace/features/fruit:1',
  ],
  'example-legacyIds': [
    'ghcr.io/codspace/features/new-color:1',
    'ghcr.io/codspace/features/hello:1',
  ],
  'example-legacyIds-2': [
    'ghcr.io/codspace/features/color:1',
    'ghcr.io/codspace/features/flower:1',
  ],
  // lifecycleHooks.test.ts: panda's hooks run before tiger's
  'lifecycle-hooks-inline-commands': ['./panda', './tiger'],
  'lifecycle-hooks-advanced': ['./otter', './rabbit'],
  'lifecycle-hooks-resume-existing-container': ['./hippo'],
  // e2e.test.ts: localFeatureA is the first Feature set
  'dockerfile-with-v2-local-features-config-inside-dev-container-folder': [
    './localFeatureA {"greeting":"Hello there","punctuation":"!!!!"}',
    './localFeatureB {"favorite":"gold"}',
  ],
  'dockerfile-with-v2-local-features-config-outside-dev-container-folder': [
    './.devcontainer/localFeatureA {"greeting":"Hello there","punctuation":"!!!!"}',
    './.devcontainer/localFeatureB {"favorite":"gold"}',
  ],
  // Slipway's orders where the reference has no expectation, worked out by hand.
  'feature-dependencies/dependsOn-and-installsAfter/a': [
    'ghcr.io/codspace/dependsOnAndInstallsAfter/C:latest',
    'ghcr.io/codspace/dependsOnAndInstallsAfter/D:latest',
    'ghcr.io/codspace/dependsOnAndInstallsAfter/B:latest',
    'ghcr.io/codspace/dependsOnAndInstallsAfter/a',
  ],
  'feature-dependencies/dependsOn/oci-ij': [
    'ghcr.io/codspace/dependsOn/A:2.0.0 {"magicNumber":"60"}',
    `${DEPENDSON}/E:2.0.0 {"magicNumber":"50"}`,
    'ghcr.io/codspace/dependsOn/A:2.0.1 {"magicNumber":"60"}',
    `${DEPENDSON}/A {"magicNumber":"40"}`,
    `${DEPENDSON}/i {"magicNumber":"50"}`,
    'ghcr.io/codspace/dependsOn/C {"magicNumber":"100"}',
    `${DEPENDSON}/j {"magicNumber":"100"}`,
  ],
};

/** Configs the reference fails for a cycle, and the cycle Slipway names. */
const CYCLES: Record<string, RegExp> = {
  'feature-dependencies/installsAfter/invalid-circular':
    /cycle.*: \.\/a → \.\/b → \.\/c → \.\/a \(\.\/a installsAfter \.\/b; \.\/b installsAfter \.\/c; \.\/c installsAfter \.\/a\)/,
  'feature-dependencies/dependsOn/invalid-circular':
    /cycle.*: \.\/b → \.\/c → \.\/a → \.\/b \(\.\/b dependsOn \.\/c \{"magicNumber":"50"\}; .*\)\. \.\/a waits for them too\./,
  'feature-dependencies/dependsOn/oci-fgh':
    /cycle.*: ghcr\.io\/codspace\/dependson\/G → ghcr\.io\/codspace\/dependson\/H → ghcr\.io\/codspace\/dependson\/F → ghcr\.io\/codspace\/dependson\/G/,
};

describe('Feature corpus: install order', () => {
  for (const [name, expected] of Object.entries(ORDERS)) {
    it(name, () => {
      const order = orderOf(corpusCase(name));
      assert.deepEqual(order.map(show), expected);
      // Every Feature comes after its hard dependencies.
      order.forEach((node, index) => {
        for (const dependency of node.dependsOn) {
          assert.ok(
            order.slice(0, index).some((done) => sameFeature(done, dependency)),
            `${node.userId} after ${dependency.userId}`,
          );
        }
      });
    });
  }

  for (const [name, cycle] of Object.entries(CYCLES)) {
    it(`${name} is a cycle`, () => {
      const corpus = corpusCase(name);
      const error = configError(() => orderOf(corpus));
      assert.match(error.message, cycle);
      assert.equal(error.file, corpus.configFile);
      assert.ok(error.line !== undefined, 'points at the Feature in devcontainer.json');
    });
  }

  it('covers every config whose Features are all local', () => {
    const local = withFeatures.filter(
      (c) =>
        Object.keys(c.parsed.config.features ?? {}).every((id) => id.startsWith('./')) &&
        !c.name.startsWith('invalid-configs/'),
    );
    for (const c of local) {
      assert.ok(c.name in ORDERS || c.name in CYCLES, `an expected order for ${c.name}`);
    }
  });

  it('matches the renamed Feature of example-legacyIds through its legacyIds, with no warning about it', () => {
    const { warnings } = resolveCase(corpusCase('example-legacyIds'));
    assert.deepEqual(warnings, []);
  });
});

describe('Feature corpus: options and metadata', () => {
  it('passes the options of the local Features as the e2e test expects ("Hello there, vscode!!!!")', () => {
    for (const name of [
      'dockerfile-with-v2-local-features-config-inside-dev-container-folder',
      'dockerfile-with-v2-local-features-config-outside-dev-container-folder',
    ]) {
      const order = orderOf(corpusCase(name));
      const [a, b] = order.map((node) =>
        resolveFeatureOptions(node.value, node.fetched.metadata, node.userId, node.site),
      );
      assert.deepEqual(a?.env, { GREETING: 'Hello there', PUNCTUATION: '!!!!' });
      assert.match(a?.warnings[0]?.message ?? '', /declares no option "punctuation"/);
      assert.deepEqual(b?.env, { FAVORITE: 'gold' });
      // Top-level extensions and settings of localFeatureB moved into customizations.
      assert.deepEqual(
        (order[1]?.fetched.metadata.customizations?.['vscode'] as { extensions: string[] })
          .extensions,
        ['ms-dotnettools.csharp'],
      );
    }
  });

  it('resolves the options of every Feature in every resolvable config', () => {
    for (const name of Object.keys(ORDERS)) {
      for (const node of orderOf(corpusCase(name))) {
        const { env } = resolveFeatureOptions(
          node.value,
          node.fetched.metadata,
          node.userId,
          node.site,
        );
        for (const variable of Object.keys(env)) {
          assert.match(variable, /^[A-Z_][A-Z0-9_]*$/);
        }
      }
    }
  });

  it('runs Feature lifecycle hooks in install order before the config’s (lifecycle-hooks-inline-commands)', () => {
    const corpus = corpusCase('lifecycle-hooks-inline-commands');
    const entries = [
      ...orderOf(corpus).map((node) => featureMetadataEntry(node.userId, node.fetched.metadata)),
      configMetadataEntry(corpus.parsed.config),
    ];
    const merged = mergeMetadata(entries);
    for (const hook of [
      merged.onCreateCommands,
      merged.updateContentCommands,
      merged.postCreateCommands,
      merged.postStartCommands,
      merged.postAttachCommands,
    ]) {
      assert.deepEqual(
        hook.map((command) => command.origin),
        ['./panda', './tiger', 'devcontainer.json'],
      );
    }
    assert.deepEqual(merged.postAttachCommands[1]?.command, [
      '.devcontainer/createMarker.sh',
      'tiger.postAttachCommand.testMarker',
    ]);
  });
});

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function lockCase(name: string) {
  const corpus = corpusCase(name);
  const file = lockfilePath(corpus.configFile);
  const text = readText(file);
  const state = readLockfile(text, file);
  const lockfile: Lockfile | undefined = state.state === 'present' ? state.lockfile : undefined;
  const pinned = (ref: FeatureRequest['ref']): string | undefined =>
    lockedPin(lockfile, ref)?.integrity;
  return { corpus, file, text, state, lockfile, pinned };
}

describe('Feature corpus: lockfiles', () => {
  it('lockfile: writes expected.devcontainer-lock.json byte for byte', () => {
    const { corpus } = lockCase('lockfile');
    const { graph } = resolveCase(corpus);
    const expected = readFileSync(
      path.join(corpus.workspaceFolder, 'expected.devcontainer-lock.json'),
      'utf8',
    );
    assert.equal(renderLockfile(buildLockfile(graph.nodes)), expected);
  });

  it('lockfile-dependson: records the Features dependsOn added, with their dependsOn', () => {
    const { corpus } = lockCase('lockfile-dependson');
    const { graph } = resolveCase(corpus);
    const expected = readFileSync(
      path.join(corpus.workspaceFolder, 'expected.devcontainer-lock.json'),
      'utf8',
    );
    assert.equal(renderLockfile(buildLockfile(graph.nodes)), expected);
    assert.deepEqual(
      graph.added.map((node) => node.userId),
      ['ghcr.io/codspace/dependson/E'],
    );
  });

  it('lockfile-frozen: resolves by the pinned digests and leaves the file alone', () => {
    const { corpus, text, lockfile, pinned, file } = lockCase('lockfile-frozen');
    assert.ok(lockfile);
    const { requests, graph } = resolveCase(corpus, pinned);
    assert.deepEqual(
      unlockedFeatures(
        lockfile,
        requests.map((r) => r.ref),
      ),
      [],
    );
    const generated = buildLockfile(graph.nodes);
    assert.equal(lockfileUpdate(text, generated), 'unchanged');
    assert.doesNotThrow(() => checkFrozenLockfile(text, generated, file));
    // Formatting does not count (lockfile.test.ts: "frozen lockfile matches despite formatting differences").
    assert.doesNotThrow(() => checkFrozenLockfile(text?.replace(/\n$/, ''), generated, file));
  });

  it('lockfile-outdated: finds the unlocked Feature, fails frozen, and writes the expected update', () => {
    const { corpus, text, lockfile, file } = lockCase('lockfile-outdated');
    assert.equal(
      text,
      undefined,
      'the corpus keeps the old lockfile as original.devcontainer-lock.json',
    );
    const original = readFileSync(
      path.join(corpus.workspaceFolder, 'original.devcontainer-lock.json'),
      'utf8',
    );
    const originalState = readLockfile(original, file);
    assert.ok(originalState.state === 'present');
    const { requests, graph } = resolveCase(
      corpus,
      (ref) => lockedPin(originalState.lockfile, ref)?.integrity,
    );
    assert.deepEqual(
      unlockedFeatures(
        originalState.lockfile,
        requests.map((r) => r.ref),
      ),
      ['ghcr.io/codspace/features/color:1.0.5'],
    );
    const generated = buildLockfile(graph.nodes);
    const error = configError(() => checkFrozenLockfile(original, generated, file));
    assert.match(
      error.message,
      /not locked: ghcr\.io\/codspace\/features\/color:1\.0\.5; no longer used: ghcr\.io\/codspace\/features\/color:1\.0\.4\)/,
    );
    assert.equal(lockfileUpdate(original, generated), 'update');
    const expected = readFileSync(
      path.join(corpus.workspaceFolder, 'expected.devcontainer-lock.json'),
      'utf8',
    );
    assert.equal(renderLockfile(generated), expected);
    assert.equal(lockfile, undefined);
  });

  it('lockfile-oci-integrity: pins the manifest by integrity, not by the resolved digest', () => {
    const { corpus, lockfile } = lockCase('lockfile-oci-integrity');
    const ref = parseFeatureRef('ghcr.io/codspace/features/color:1.0.0', corpus.context);
    const pin = lockedPin(lockfile, ref);
    assert.ok(pin);
    assert.ok(pin.integrity.endsWith('a00'));
    assert.notEqual(pin.resolved.slice(pin.resolved.indexOf('@') + 1), pin.integrity);
  });

  it('lockfile-tarball-integrity: pins the tarball hash, which the download then fails to match', () => {
    const { corpus, lockfile } = lockCase('lockfile-tarball-integrity');
    const ref = parseFeatureRef(DIND_TGZ, corpus.context);
    const pin = lockedPin(lockfile, ref);
    assert.equal(
      pin?.integrity,
      'sha256:9cf3f2a17c1bb2b599b6027cfa975d2fb28234df88ba33ff5e276fa052aac7a0',
    );
    assert.notEqual(referenceRegistry().find(ref)?.digest, pin?.integrity);
  });

  it('lockfile-generate-from-empty-file: an empty file is filled, unless frozen', () => {
    for (const [name, frozen] of [
      ['lockfile-generate-from-empty-file', false],
      ['lockfile-generate-from-empty-file-frozen', true],
    ] as const) {
      const { corpus, text, state, file } = lockCase(name);
      assert.equal(state.state, 'empty');
      const generated = buildLockfile(resolveCase(corpus).graph.nodes);
      assert.ok(Object.hasOwn(generated.features, 'ghcr.io/devcontainers/features/dotnet:2'));
      assert.equal(lockfileUpdate(text, generated), 'create');
      if (frozen) {
        assert.match(
          configError(() => checkFrozenLockfile(text, generated, file)).message,
          /does not match/,
        );
      }
    }
  });

  it('lockfile-no-lockfile and lockfile-frozen-no-lockfile: created, or refused when frozen', () => {
    for (const name of ['lockfile-no-lockfile', 'lockfile-frozen-no-lockfile']) {
      const { corpus, text, state, file } = lockCase(name);
      assert.equal(state.state, 'missing');
      const generated = buildLockfile(resolveCase(corpus).graph.nodes);
      assert.equal(lockfileUpdate(text, generated), 'create');
      assert.match(
        configError(() => checkFrozenLockfile(text, generated, file)).message,
        /does not exist, and the lockfile is frozen/,
      );
    }
  });

  it('lockfile-upgrade-command: the outdated lock misses the upgraded tags, the upgraded one pins them all', () => {
    const corpus = corpusCase('lockfile-upgrade-command');
    const refs = Object.keys(corpus.parsed.config.features ?? {}).map((id) =>
      parseFeatureRef(id, corpus.context),
    );
    const read = (fileName: string): Lockfile => {
      const state = readLockfile(
        readFileSync(path.join(corpus.workspaceFolder, fileName), 'utf8'),
        fileName,
      );
      assert.ok(state.state === 'present');
      return state.lockfile;
    };
    assert.deepEqual(unlockedFeatures(read('outdated.devcontainer-lock.json'), refs), [
      'ghcr.io/devcontainers/features/git:1.1.5',
      'ghcr.io/devcontainers/features/github-cli:1.0.9',
      'ghcr.io/devcontainers/features/azure-cli:1.2.1',
    ]);
    assert.deepEqual(unlockedFeatures(read('upgraded.devcontainer-lock.json'), refs), []);
  });

  it('lockfile-outdated-command: pins only the ids the lock lists', () => {
    const { corpus, lockfile } = lockCase('lockfile-outdated-command');
    const rejected = REJECTED['lockfile-outdated-command'] ?? {};
    const ids = Object.keys(corpus.parsed.config.features ?? {}).filter((id) => !(id in rejected));
    const pinned = ids.filter(
      (id) => lockedPin(lockfile, parseFeatureRef(id, corpus.context)) !== undefined,
    );
    assert.deepEqual(pinned, ['ghcr.io/devcontainers/features/git:1.0']);
  });

  it('lockfile-upgrade-feature: both versions of the config parse', () => {
    for (const name of ['input.devcontainer.json', 'expected.devcontainer.json']) {
      const file = path.join(CORPUS, 'lockfile-upgrade-feature', name);
      const parsed = parseConfigText(readFileSync(file, 'utf8'), file);
      const { requests } = collectUserFeatures(parsed.config, {
        configFile: file,
        workspaceFolder: path.dirname(file),
        locate: parsed.locate,
      });
      assert.deepEqual(
        requests.map((r) => r.ref.kind === 'oci' && `${r.ref.resource}:${r.ref.tag}`),
        [
          'ghcr.io/codspace/versioning/bar:1.0.0',
          name.startsWith('input')
            ? 'ghcr.io/codspace/versioning/foo:1'
            : 'ghcr.io/codspace/versioning/foo:2',
        ],
      );
    }
  });

  it('never crashes on a corpus lockfile', () => {
    for (const corpus of cases) {
      const file = lockfilePath(corpus.configFile);
      try {
        readLockfile(readText(file), file);
      } catch (error) {
        assert.ok(isConfigError(error), String(error));
      }
    }
  });
});
