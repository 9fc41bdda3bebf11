import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { METADATA_LABEL } from '../config/metadata';
import type { MetadataEntry } from '../config/types';
import { ConfigError } from '../errors';
import { APPLE_MAX_DOCKERFILE_BYTES } from '../plan/build';
import { encodeLabelValue } from '../plan/labels';
import { PRIVILEGED_WARNING } from '../plan/problems';
import { slug } from '../plan/naming';
import {
  CONTEXT_FEATURES_FOLDER,
  checkBaseImage,
  checkImageUser,
  labelLine,
  renderDockerfile,
  type DockerfileFeature,
  type FeaturesLayout,
} from './buildDockerfile';
import {
  BUILTIN_ENV_FILE,
  FEATURE_ENV_FILE,
  FEATURE_WRAPPER_FILE,
  INSTALL_SCRIPT,
  PREPARE_SCRIPT,
  envFileText,
  installScript,
  prepareScript,
  wrapperScript,
} from './buildScripts';
import type { FeatureNode } from './featureGraph';
import { featureMetadataEntry } from './featureMetadata';
import {
  builtinFeatureEnv,
  type FeatureUsers,
  type ResolvedFeatureOptions,
} from './featureOptions';
import type { FeatureWarning } from './site';

/**
 * Everything a Features build needs, generated without touching the disk:
 * the Dockerfile, the files of its build context, the `container build`
 * arguments and a tag that names the result. The node layer writes the
 * context (copying each Feature's folder in), runs the build unless an
 * image with the tag exists, and runs the container from the tag.
 *
 * Apple's build has no `--build-context`, so unlike the reference (which
 * bind-mounts the Feature folders from a second context), every Feature
 * folder is a subfolder of the one generated context and is COPYed in.
 */

export interface FeatureToInstall {
  node: FeatureNode;
  options: ResolvedFeatureOptions;
  /** The host folder with the Feature's files: the unpacked download, or the local folder. */
  folder: string;
  /**
   * For a local Feature, a hash of its folder's files (the node layer reads
   * them); OCI and tarball Features are identified by `node.fetched.digest`.
   */
  contentHash?: string;
}

export interface FeaturesBuildInput {
  /** The config's image, or the tag of the image built from its Dockerfile. */
  baseImage: string;
  /**
   * The base image's digest or id, when known. Needed for a Dockerfile
   * config: its tag stays the same when a rebuild changes its content, and
   * the Features image must then be built again.
   */
  baseImageId?: string;
  /** The base image's USER ('' or absent: root), set again after the install. */
  imageUser?: string;
  installOrder: readonly FeatureToInstall[];
  users: FeatureUsers;
  /** The base image's `devcontainer.metadata` entries. */
  imageMetadata: readonly MetadataEntry[];
  /** The config's own entry, last. */
  configEntry: MetadataEntry;
  platform: string;
  /** Names the image's repository, so each dev container's images are found together. */
  containerName: string;
  /** Where the node layer writes the context. Default: FEATURES_CONTEXT_PLACEHOLDER, for plans. */
  contextDir?: string;
  noCache?: boolean;
}

/**
 * A file of the build context, written in array order: a Feature's folder
 * (copied recursively, modes kept), then the generated files, some of them
 * inside that folder.
 */
export type FeatureContextFile =
  | { path: string; source: string; content?: undefined; mode?: undefined }
  | { path: string; content: string; mode: number; source?: undefined };

export interface FeaturesBuild {
  /** `localhost/slipway/<container>-features:<hash of what the image is made of>`. */
  tag: string;
  dockerfile: string;
  /** The Dockerfile's path in the context. */
  dockerfilePath: string;
  contextFiles: FeatureContextFile[];
  /** `container build` arguments, without `container`; the context directory last. */
  buildArgs: string[];
  /** The built image's `devcontainer.metadata`: the base image's, the Features' (in order), the config's. */
  metadata: MetadataEntry[];
  warnings: FeatureWarning[];
  layout: FeaturesLayout;
  /** False when the label is too large for the Dockerfile and is set with `--label`. */
  labelInDockerfile: boolean;
}

export const FEATURES_CONTEXT_PLACEHOLDER = '<features-context>';
export const FEATURES_DOCKERFILE = 'Dockerfile';

/** Bumped when the generated build changes in a way its text does not show. */
const GENERATOR = 'slipway-features-1';

export function generateFeaturesBuild(input: FeaturesBuildInput): FeaturesBuild {
  if (input.installOrder.length === 0) {
    throw new Error('generateFeaturesBuild needs at least one Feature.');
  }
  checkBaseImage(input.baseImage);
  const imageUser = input.imageUser || 'root';
  checkImageUser(imageUser);

  const total = input.installOrder.length;
  const folders = input.installOrder.map((item, index) => featureFolder(item.node, index));
  const features: DockerfileFeature[] = input.installOrder.map((item, index) => ({
    userId: item.node.userId,
    folder: folders[index] as string,
    containerEnv: Object.entries(item.node.fetched.metadata.containerEnv ?? {}),
  }));
  const homes = unknownHomes(input.users);
  const metadata: MetadataEntry[] = [
    ...input.imageMetadata,
    ...input.installOrder.map((item) =>
      featureMetadataEntry(item.node.userId, item.node.fetched.metadata),
    ),
    input.configEntry,
  ];

  const featureFiles = input.installOrder.flatMap((item, index) =>
    featureContextFiles(item, folders[index] as string, index + 1, total),
  );
  const sharedFiles: FeatureContextFile[] = [
    {
      path: inContext(BUILTIN_ENV_FILE),
      content: envFileText(builtinFeatureEnv(input.users), 'The Features build'),
      mode: 0o644,
    },
  ];
  if (homes.length > 0) {
    sharedFiles.push({
      path: inContext(PREPARE_SCRIPT),
      content: prepareScript(homes),
      mode: 0o755,
    });
  }

  const json = JSON.stringify(metadata);
  const chosen = chooseLayout({
    baseImage: input.baseImage,
    imageUser,
    prepare: homes.length > 0,
    features,
    label: labelLine(METADATA_LABEL, metadata),
  });
  const contextFiles = [...featureFiles, ...sharedFiles];
  if (chosen.layout === 'script') {
    contextFiles.push({
      path: inContext(INSTALL_SCRIPT),
      content: installScript(folders),
      mode: 0o755,
    });
  }
  const labelArgs = chosen.labelInDockerfile
    ? []
    : ['--label', `${METADATA_LABEL}=${encodeLabelValue(json)}`];

  const tag = featuresImageTag(input, chosen.dockerfile, contextFiles, labelArgs);
  const contextDir = input.contextDir ?? FEATURES_CONTEXT_PLACEHOLDER;
  const buildArgs = [
    'build',
    '--tag',
    tag,
    '--platform',
    input.platform,
    '--file',
    path.posix.join(contextDir, FEATURES_DOCKERFILE),
    // Line by line, so the node layer can follow each Feature's progress lines.
    '--progress',
    'plain',
    ...(input.noCache === true ? ['--no-cache'] : []),
    ...labelArgs,
    contextDir,
  ];
  return {
    tag,
    dockerfile: chosen.dockerfile,
    dockerfilePath: FEATURES_DOCKERFILE,
    contextFiles: [
      ...contextFiles,
      { path: FEATURES_DOCKERFILE, content: chosen.dockerfile, mode: 0o644 },
    ],
    buildArgs,
    metadata,
    warnings: privilegedWarnings(input.installOrder),
    layout: chosen.layout,
    labelInDockerfile: chosen.labelInDockerfile,
  };
}

const inContext = (file: string): string => `${CONTEXT_FEATURES_FOLDER}/${file}`;

/** `<id>_<n>` as the reference names it, with the id reduced to characters safe in any path. */
function featureFolder(node: FeatureNode, index: number): string {
  const id = node.fetched.metadata.id.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'feature';
  return `${id}_${index + 1}`;
}

function featureContextFiles(
  item: FeatureToInstall,
  folder: string,
  index: number,
  total: number,
): FeatureContextFile[] {
  const { node, options } = item;
  const metadata = node.fetched.metadata;
  const base = inContext(folder);
  return [
    { path: base, source: item.folder },
    {
      path: `${base}/${FEATURE_ENV_FILE}`,
      content: envFileText(options.env, `Feature ${JSON.stringify(node.userId)}`),
      mode: 0o644,
    },
    {
      path: `${base}/${FEATURE_WRAPPER_FILE}`,
      content: wrapperScript({
        userId: node.userId,
        name: metadata.name,
        description: metadata.description,
        version: metadata.version,
        documentationURL: metadata.documentationURL,
        env: options.env,
        index,
        total,
      }),
      mode: 0o755,
    },
  ];
}

function unknownHomes(users: FeatureUsers): Array<{ variable: string; user: string }> {
  const homes: Array<{ variable: string; user: string }> = [];
  if (users.containerUserHome === undefined) {
    homes.push({ variable: '_CONTAINER_USER_HOME', user: users.containerUser });
  }
  if (users.remoteUserHome === undefined) {
    homes.push({ variable: '_REMOTE_USER_HOME', user: users.remoteUser });
  }
  return homes;
}

interface LayoutChoice {
  layout: FeaturesLayout;
  labelInDockerfile: boolean;
  dockerfile: string;
}

/**
 * The first form under Apple's limit, best first: a step per Feature keeps
 * the build cache per Feature, so it is worth more than having the label in
 * the Dockerfile (read back the same either way); the label then moves to
 * the command line before the Features share one COPY.
 */
function chooseLayout(input: {
  baseImage: string;
  imageUser: string;
  prepare: boolean;
  features: readonly DockerfileFeature[];
  label: string;
}): LayoutChoice {
  const forms: Array<Omit<LayoutChoice, 'dockerfile'>> = [
    { layout: 'layers', labelInDockerfile: true },
    { layout: 'layers', labelInDockerfile: false },
    { layout: 'script', labelInDockerfile: true },
    { layout: 'script', labelInDockerfile: false },
  ];
  let smallest = Infinity;
  for (const form of forms) {
    const dockerfile = renderDockerfile({
      ...input,
      layout: form.layout,
      labelLine: form.labelInDockerfile ? input.label : undefined,
    });
    const size = Buffer.byteLength(dockerfile, 'utf8');
    if (size < APPLE_MAX_DOCKERFILE_BYTES) {
      return { ...form, dockerfile };
    }
    smallest = Math.min(smallest, size);
  }
  throw new ConfigError(
    `The Features' containerEnv settings alone make the generated Dockerfile ${smallest} bytes, and Apple's container build rejects Dockerfiles of 16 KB (${APPLE_MAX_DOCKERFILE_BYTES} bytes) or more. Install fewer Features in this config, or move some into a base image.`,
  );
}

/**
 * The tag's hash covers what the image is made of and nothing else: the
 * Dockerfile (base image, ENV, users, order, label), every generated file
 * (options, users), each Feature's identity (digest or content hash, not
 * the host folder it sits in), the base image's id and the platform.
 */
function featuresImageTag(
  input: FeaturesBuildInput,
  dockerfile: string,
  files: readonly FeatureContextFile[],
  labelArgs: readonly string[],
): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        generator: GENERATOR,
        baseImageId: input.baseImageId ?? null,
        platform: input.platform,
        dockerfile,
        labelArgs,
        features: input.installOrder.map(featureIdentity),
        // A copied folder by its place only: its content is the Feature's identity above.
        files: files.map((file) =>
          file.source !== undefined ? [file.path] : [file.path, file.mode, file.content],
        ),
      }),
    )
    .digest('hex');
  const name = slug(input.containerName) || 'devcontainer';
  return `localhost/slipway/${name}-features:${hash.slice(0, 20)}`;
}

function featureIdentity(item: FeatureToInstall): string {
  const identity = item.node.fetched.digest ?? item.contentHash;
  if (identity === undefined) {
    // A programming error in the node layer, not a user mistake.
    throw new Error(`No digest or content hash for the Feature ${item.node.userId}.`);
  }
  return identity;
}

function privilegedWarnings(items: readonly FeatureToInstall[]): FeatureWarning[] {
  return items
    .filter((item) => item.node.fetched.metadata.privileged === true)
    .map((item) => ({ feature: item.node.userId, message: PRIVILEGED_WARNING }));
}
