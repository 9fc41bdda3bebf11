import { parseConfigText } from '../config/parse';
import type { LifecycleCommand, MetadataEntry, MountSpec } from '../config/types';
import { displayPath, isRecord, kindOf } from '../config/validate';
import { ConfigError, isConfigError } from '../errors';
import type { FeatureWarning, JsonPath, Locate } from './site';

/**
 * A Feature's `devcontainer-feature.json`, read from its text (JSON with
 * comments, as the reference reads it with jsonc), checked against the
 * spec's devContainerFeature.schema.json. Every error names the Feature and
 * points at the file, line and column.
 *
 * The text goes through the devcontainer.json reader first: it reports
 * syntax errors with positions, checks the properties a Feature shares with
 * devcontainer.json (`containerEnv`, `mounts`, `init`, `privileged`,
 * `capAdd`, `securityOpt`, `customizations`, the lifecycle hooks), and moves
 * the old top-level `extensions` and `settings` into
 * `customizations.vscode`, which is what the reference does for Features too
 * (`updateFromOldProperties` in containerFeaturesConfiguration.ts).
 */

export type FeatureOption =
  | { type: 'boolean'; default?: boolean; description?: string }
  | {
      type: 'string';
      default?: string;
      /** The only values allowed. */
      enum?: string[];
      /** Suggestions; other values are allowed too. */
      proposals?: string[];
      description?: string;
    };

/** The value of a Feature in `features` or `dependsOn`: options, a version, or a boolean. */
export type FeatureValue = string | boolean | { [option: string]: unknown };

export interface FeatureMetadata {
  id: string;
  version: string;
  name?: string;
  description?: string;
  documentationURL?: string;
  licenseURL?: string;
  keywords?: string[];
  /** Declared options, in declaration order (empty when there are none). */
  options: { [name: string]: FeatureOption };
  containerEnv?: { [name: string]: string };
  mounts?: MountSpec[];
  init?: boolean;
  privileged?: boolean;
  capAdd?: string[];
  securityOpt?: string[];
  entrypoint?: string;
  customizations?: { [tool: string]: unknown };
  /** Hard dependencies: Feature ids and their options, as in `features`. */
  dependsOn: { [id: string]: FeatureValue };
  /** Soft dependencies: Feature ids without options. */
  installsAfter: string[];
  /** Earlier ids of a renamed Feature. */
  legacyIds: string[];
  /** Set by `devcontainer features publish` on a renamed Feature: its current id. */
  currentId?: string;
  deprecated?: boolean;
  onCreateCommand?: LifecycleCommand;
  updateContentCommand?: LifecycleCommand;
  postCreateCommand?: LifecycleCommand;
  postStartCommand?: LifecycleCommand;
  postAttachCommand?: LifecycleCommand;
}

export interface ParsedFeatureMetadata {
  metadata: FeatureMetadata;
  file: string;
  /** Where a value of the file starts, for errors in `dependsOn` and `installsAfter`. */
  locate: Locate;
  warnings: FeatureWarning[];
}

export const FEATURE_METADATA_FILE = 'devcontainer-feature.json';

interface Issue {
  path: Array<string | number>;
  message: string;
}

/**
 * Parses a devcontainer-feature.json. `feature` is how the user wrote the
 * Feature (`./my-feature`, `ghcr.io/x/y:1`): every message names it.
 */
export function parseFeatureMetadata(
  text: string,
  file: string,
  feature: string,
): ParsedFeatureMetadata {
  const label = `Feature ${JSON.stringify(feature)}`;
  let parsed: ReturnType<typeof parseConfigText>;
  try {
    parsed = parseConfigText(text, file);
  } catch (error) {
    if (isConfigError(error)) {
      throw new ConfigError(`${label}: ${error.message}`, error.file, error.line, error.column);
    }
    throw error;
  }
  const raw = parsed.config as Record<string, unknown>;
  const issues = findFeatureIssues(raw);
  const first = earliest(issues, parsed.locate);
  if (first !== undefined) {
    const position = parsed.locate(first.path) ?? parsed.locate(first.path.slice(0, 1));
    throw new ConfigError(`${label}: ${first.message}.`, file, position?.line, position?.column);
  }
  const metadata = pickMetadata(raw);
  return { metadata, file, locate: parsed.locate, warnings: optionWarnings(metadata, feature) };
}

const STRING_PROPERTIES = [
  'id',
  'version',
  'name',
  'description',
  'documentationURL',
  'licenseURL',
  'entrypoint',
  'currentId',
] as const;
const STRING_ARRAY_PROPERTIES = ['keywords', 'installsAfter', 'legacyIds'] as const;

function findFeatureIssues(raw: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const wrong = (at: JsonPath, expected: string, value: unknown): void => {
    issues.push({
      path: [...at],
      message: `"${displayPath(at)}" must be ${expected}, not ${kindOf(value)}`,
    });
  };
  for (const required of ['id', 'version'] as const) {
    if (raw[required] === undefined) {
      issues.push({
        path: [],
        message: `${FEATURE_METADATA_FILE} must have ${required === 'id' ? 'an "id", the Feature\'s folder name' : 'a "version", such as "1.0.0"'}`,
      });
    }
  }
  if (typeof raw['id'] === 'string' && raw['id'].trim() === '') {
    issues.push({ path: ['id'], message: '"id" must not be empty' });
  }
  for (const property of STRING_PROPERTIES) {
    const value = raw[property];
    if (value !== undefined && typeof value !== 'string') {
      wrong([property], 'a string', value);
    }
  }
  for (const property of STRING_ARRAY_PROPERTIES) {
    const value = raw[property];
    if (value === undefined) {
      continue;
    }
    if (!Array.isArray(value)) {
      wrong([property], 'an array of strings', value);
      continue;
    }
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string') {
        wrong([property, index], 'a string', item);
      }
    });
  }
  if (raw['deprecated'] !== undefined && typeof raw['deprecated'] !== 'boolean') {
    wrong(['deprecated'], 'true or false', raw['deprecated']);
  }
  checkOptions(raw['options'], issues, wrong);
  checkDependsOn(raw['dependsOn'], wrong);
  return issues;
}

type Wrong = (at: JsonPath, expected: string, value: unknown) => void;

function checkOptions(options: unknown, issues: Issue[], wrong: Wrong): void {
  if (options === undefined) {
    return;
  }
  if (!isRecord(options)) {
    wrong(['options'], 'an object of option declarations', options);
    return;
  }
  for (const [name, option] of Object.entries(options)) {
    const at = ['options', name];
    if (!isRecord(option)) {
      wrong(at, 'an object such as { "type": "string", "default": "" }', option);
      continue;
    }
    const type = option['type'];
    if (type !== 'boolean' && type !== 'string') {
      issues.push({
        path: type === undefined ? at : [...at, 'type'],
        message: `"${displayPath([...at, 'type'])}" must be "boolean" or "string", not ${type === undefined ? 'missing' : JSON.stringify(type)}`,
      });
      continue;
    }
    const fallback = option['default'];
    if (fallback !== undefined && typeof fallback !== type) {
      wrong(
        [...at, 'default'],
        type === 'boolean' ? 'true or false, like its type' : 'a string, like its type',
        fallback,
      );
    }
    if (option['description'] !== undefined && typeof option['description'] !== 'string') {
      wrong([...at, 'description'], 'a string', option['description']);
    }
    for (const list of ['enum', 'proposals'] as const) {
      const values = option[list];
      if (values === undefined) {
        continue;
      }
      if (type === 'boolean') {
        issues.push({
          path: [...at, list],
          message: `"${displayPath([...at, list])}" is only for string options`,
        });
      } else if (!Array.isArray(values)) {
        wrong([...at, list], 'an array of strings', values);
      } else {
        values.forEach((value: unknown, index) => {
          if (typeof value !== 'string') {
            wrong([...at, list, index], 'a string', value);
          }
        });
      }
    }
  }
}

function checkDependsOn(dependsOn: unknown, wrong: Wrong): void {
  if (dependsOn === undefined) {
    return;
  }
  if (!isRecord(dependsOn)) {
    wrong(['dependsOn'], 'an object of Feature ids and their options', dependsOn);
    return;
  }
  for (const [id, value] of Object.entries(dependsOn)) {
    if (typeof value !== 'string' && typeof value !== 'boolean' && !isRecord(value)) {
      wrong(['dependsOn', id], 'an object of options, a version string, or a boolean', value);
    }
  }
}

/** The first issue in document order, so the same file always reports the same error. */
function earliest(issues: readonly Issue[], locate: Locate): Issue | undefined {
  let best: { issue: Issue; offset: number } | undefined;
  for (const issue of issues) {
    const position = locate(issue.path);
    const offset = position === undefined ? Infinity : position.line * 1e6 + position.column;
    if (best === undefined || offset < best.offset) {
      best = { issue, offset };
    }
  }
  return best?.issue;
}

const COPIED = [
  'name',
  'description',
  'documentationURL',
  'licenseURL',
  'keywords',
  'containerEnv',
  'mounts',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'entrypoint',
  'customizations',
  'currentId',
  'deprecated',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
] as const satisfies ReadonlyArray<keyof FeatureMetadata>;

/** The checked file as a FeatureMetadata: known properties only, list properties always present. */
function pickMetadata(raw: Record<string, unknown>): FeatureMetadata {
  const metadata: Record<string, unknown> = {
    id: raw['id'],
    version: raw['version'],
    options: isRecord(raw['options']) ? raw['options'] : {},
    dependsOn: isRecord(raw['dependsOn']) ? raw['dependsOn'] : {},
    installsAfter: Array.isArray(raw['installsAfter']) ? raw['installsAfter'] : [],
    legacyIds: Array.isArray(raw['legacyIds']) ? raw['legacyIds'] : [],
  };
  for (const property of COPIED) {
    if (raw[property] !== undefined) {
      metadata[property] = raw[property];
    }
  }
  return metadata as unknown as FeatureMetadata;
}

/** A default outside its own enum installs, but is a mistake of the Feature's author worth showing. */
function optionWarnings(metadata: FeatureMetadata, feature: string): FeatureWarning[] {
  const warnings: FeatureWarning[] = [];
  for (const [name, option] of Object.entries(metadata.options)) {
    if (
      option.type === 'string' &&
      option.enum !== undefined &&
      option.default !== undefined &&
      !option.enum.includes(option.default)
    ) {
      warnings.push({
        feature,
        message: `The default of option "${name}" (${JSON.stringify(option.default)}) is not one of its allowed values; the Feature's author should fix its devcontainer-feature.json.`,
      });
    }
  }
  return warnings;
}

/** The properties the reference records for a Feature in `devcontainer.metadata` (`pickFeatureProperties`). */
const RECORDED = [
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'entrypoint',
  'mounts',
  'customizations',
] as const satisfies ReadonlyArray<keyof FeatureMetadata & keyof MetadataEntry>;

/**
 * The Feature's entry in the `devcontainer.metadata` label, in Feature
 * install order between the base image's entries and the config's own:
 * `id` is the Feature id as the user (or a `dependsOn`) wrote it. Its
 * `containerEnv` is not recorded: the reference bakes it into the image
 * with `ENV` lines instead.
 */
export function featureMetadataEntry(userId: string, metadata: FeatureMetadata): MetadataEntry {
  const entry: Record<string, unknown> = { id: userId };
  for (const property of RECORDED) {
    if (metadata[property] !== undefined) {
      entry[property] = metadata[property];
    }
  }
  return entry as MetadataEntry;
}
