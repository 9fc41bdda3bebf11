/**
 * Feature ids from before Features were published to OCI registries (the
 * `microsoft/vscode-dev-containers` era: `"node": "latest"`). The reference
 * CLI (0.88, `getBackwardCompatibleFeatureId` and
 * `updateDeprecatedFeaturesIntoOptions` in containerFeaturesConfiguration.ts)
 * still maps the ones that moved to `ghcr.io/devcontainers/features`, pinned
 * to major version 1, and folds three retired ones into options of their
 * successors. Slipway does the same, with a warning, so configs such as
 * github/docs' (`git-lfs`, `sshd`) keep working; every other bare id is an
 * error (see featureRef.ts).
 */

export const LEGACY_FEATURES_NAMESPACE = 'ghcr.io/devcontainers/features';

/** The major version the reference pins mapped ids to, so that they cannot break on a new major. */
const LEGACY_MAJOR = '1';

const MIGRATED = new Set([
  'aws-cli',
  'azure-cli',
  'desktop-lite',
  'docker-in-docker',
  'docker-from-docker',
  'dotnet',
  'git',
  'git-lfs',
  'github-cli',
  'java',
  'kubectl-helm-minikube',
  'node',
  'powershell',
  'python',
  'ruby',
  'rust',
  'sshd',
  'terraform',
]);

const RENAMED: ReadonlyMap<string, string> = new Map([
  ['golang', 'go'],
  ['common', 'common-utils'],
]);

/** `node` → `ghcr.io/devcontainers/features/node:1`; undefined for ids that never moved. */
export function mapLegacyFeatureId(id: string): string | undefined {
  const current = MIGRATED.has(id) ? id : RENAMED.get(id);
  return current === undefined
    ? undefined
    : `${LEGACY_FEATURES_NAMESPACE}/${current}:${LEGACY_MAJOR}`;
}

interface Folded {
  into: string;
  options: { [name: string]: boolean };
}

/** Retired Features whose job is now an option of another Feature. */
const FOLDED: ReadonlyMap<string, Folded> = new Map<string, Folded>([
  ['gradle', { into: 'java', options: { installGradle: true } }],
  ['maven', { into: 'java', options: { installMaven: true } }],
  ['jupyterlab', { into: 'python', options: { installJupyterlab: true } }],
]);

export interface FoldedFeatures {
  /** The `features` entries in order, the retired ones replaced. */
  entries: Array<[string, unknown]>;
  /** One line per retired id, naming what replaced it. */
  notes: Array<{ feature: string; message: string }>;
}

/**
 * `"gradle": "latest"` becomes the `installGradle` option of the java Feature
 * the config already has (`java`, `ghcr.io/devcontainers/features/java` or
 * `...java:<tag>`), or of a new `ghcr.io/devcontainers/features/java:1` at the
 * end. As in the reference, the existing Feature's string value is kept as
 * its `version`, and the retired Feature's own value is dropped.
 */
export function foldRetiredFeatures(entries: ReadonlyArray<[string, unknown]>): FoldedFeatures {
  const result: Array<[string, unknown]> = entries.map(([id, value]) => [id, value]);
  const notes: FoldedFeatures['notes'] = [];
  for (const [id] of entries) {
    const folded = FOLDED.get(id);
    if (folded === undefined) {
      continue;
    }
    const qualified = `${LEGACY_FEATURES_NAMESPACE}/${folded.into}`;
    notes.push({
      feature: id,
      message:
        `"${id}" is a retired Feature; its job is now the ${Object.keys(folded.options).join(', ')} option of ` +
        `${qualified}, which Slipway installs instead (see https://github.com/devcontainers/features/tree/main/src/${folded.into}#options). ` +
        'Write that Feature and option in devcontainer.json to make it explicit.',
    });
    const target = result.find(
      ([other]) =>
        other === folded.into || other === qualified || other.startsWith(`${qualified}:`),
    );
    if (target !== undefined) {
      const value = target[1];
      const base =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? value
          : typeof value === 'string'
            ? { version: value }
            : {};
      target[1] = { ...base, ...folded.options };
    } else {
      result.push([`${qualified}:${LEGACY_MAJOR}`, { ...folded.options }]);
    }
  }
  return { entries: result.filter(([id]) => !FOLDED.has(id)), notes };
}
