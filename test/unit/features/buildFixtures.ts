import type { FeaturesBuildInput, FeatureToInstall } from '../../../src/core/features/buildContext';
import type { FeatureNode } from '../../../src/core/features/featureGraph';
import type { FeatureMetadata, FeatureValue } from '../../../src/core/features/featureMetadata';
import { resolveFeatureOptions } from '../../../src/core/features/featureOptions';
import { parseFeatureRef } from '../../../src/core/features/featureRef';
import { CONFIG, CONTEXT, digestOf, metadata } from './fixtures';

/** Helpers of the Features build tests: Features to install, resolved as the engine will. */

export interface FeatureSpec extends Partial<FeatureMetadata> {
  id: string;
  value?: FeatureValue;
  digest?: string;
  folder?: string;
  contentHash?: string;
}

/** A Feature ready to install: OCI unless `userId` starts with `./`, options resolved. */
export function toInstall(userId: string, spec: FeatureSpec): FeatureToInstall {
  const { value = {}, digest, folder, contentHash, ...partial } = spec;
  const local = userId.startsWith('./');
  const meta = metadata(partial);
  const site = { file: CONFIG, path: ['features', userId] };
  const node: FeatureNode = {
    userId,
    ref: parseFeatureRef(userId, CONTEXT),
    value,
    site,
    origin: 'user',
    fetched: { metadata: meta, digest: local ? undefined : (digest ?? digestOf(spec.id)) },
    dependsOn: [],
    installsAfter: [],
    aliases: [meta.id.toLowerCase()],
  };
  return {
    node,
    options: resolveFeatureOptions(value, meta, userId, site),
    folder: folder ?? `/cache/features/${spec.id}`,
    contentHash: local ? (contentHash ?? digestOf(`c${spec.id}`)) : contentHash,
  };
}

export const NODE = (): FeatureToInstall =>
  toInstall('ghcr.io/devcontainers/features/node:1', {
    id: 'node',
    name: 'Node.js (via nvm)',
    documentationURL: 'https://github.com/devcontainers/features/tree/main/src/node',
    options: {
      version: { type: 'string', default: 'lts' },
      nodeGypDependencies: { type: 'boolean', default: true },
    },
    containerEnv: { NVM_DIR: '/usr/local/share/nvm', PATH: '${NVM_DIR}/current/bin:${PATH}' },
    value: { version: '18' },
    postCreateCommand: 'node --version',
  });

export const LOCAL = (): FeatureToInstall =>
  toInstall('./local-tool', { id: 'local-tool', version: '0.1.0' });

export function buildInput(overrides: Partial<FeaturesBuildInput> = {}): FeaturesBuildInput {
  return {
    baseImage: 'mcr.microsoft.com/devcontainers/base:bookworm',
    imageUser: 'vscode',
    installOrder: [NODE(), LOCAL()],
    users: { containerUser: 'root', remoteUser: 'vscode' },
    imageMetadata: [{ id: 'base', remoteUser: 'vscode' }],
    configEntry: { postCreateCommand: 'npm ci', containerEnv: { A: 'b=c' } },
    platform: 'linux/arm64',
    containerName: 'proj-1a2b3c4d',
    ...overrides,
  };
}
