import type { MetadataEntry } from '../config/types';
import { isRecord, kindOf } from '../config/validate';
import type { FeatureMetadata, FeatureOption, FeatureValue } from './featureMetadata';
import { errorAt, siteAt, type FeatureWarning, type ValueSite } from './site';

/**
 * A Feature's options: the user's value (from `features` or a `dependsOn`)
 * resolved against the options the Feature declares, and the environment
 * variables its install.sh gets. The rules are the reference CLI's
 * (`getFeatureValueObject` in containerFeaturesConfiguration.ts,
 * `getFeatureEnvVariables` and `getSafeId` in spec-node/containerFeatures.ts)
 * plus the type and enum checks the spec asks of a tool, which the
 * reference leaves out:
 *
 * - an object is merged over the declared defaults; options without a
 *   default and without a value are left out;
 * - a string is the `version` option, when the Feature declares one;
 * - option names become variable names upper-cased, with characters
 *   outside [A-Za-z0-9_] turned into `_` and a leading run of digits and
 *   underscores collapsed into one `_`; values are stringified.
 */

export interface ResolvedFeatureOptions {
  /** Every option with a value: declared ones in declaration order, then undeclared ones the user set. */
  values: { [name: string]: string | boolean };
  /** What install.sh sees: `VERSION` → `"18"`. */
  env: { [name: string]: string };
  warnings: FeatureWarning[];
}

/**
 * `feature` is the id as written, for messages; `site` is where the value
 * was written (`features["..."]` in devcontainer.json, or `dependsOn["..."]`
 * in the depending Feature's devcontainer-feature.json).
 */
export function resolveFeatureOptions(
  value: FeatureValue,
  metadata: Pick<FeatureMetadata, 'options'>,
  feature: string,
  site: ValueSite,
): ResolvedFeatureOptions {
  const declared = metadata.options;
  const warnings: FeatureWarning[] = [];
  const label = `Feature ${JSON.stringify(feature)}`;
  const given = givenOptions(value, declared, feature, warnings);

  const values: ResolvedFeatureOptions['values'] = {};
  for (const [name, option] of Object.entries(declared)) {
    if (option.default !== undefined) {
      setOwn(values, name, option.default);
    }
  }
  for (const [name, raw] of Object.entries(given)) {
    const option = Object.hasOwn(declared, name) ? declared[name] : undefined;
    const where = typeof value === 'object' ? siteAt(site, name) : site;
    if (option === undefined) {
      setOwn(values, name, checkUndeclared(name, raw, declared, label, where, feature, warnings));
    } else {
      setOwn(values, name, checkDeclared(name, raw, option, label, where, feature, warnings));
    }
  }

  const env: ResolvedFeatureOptions['env'] = {};
  const sources = new Map<string, string>();
  for (const [name, optionValue] of Object.entries(values)) {
    const variable = featureOptionEnvName(name);
    const earlier = sources.get(variable);
    if (earlier !== undefined) {
      warnings.push({
        feature,
        message: `Options "${earlier}" and "${name}" are both passed as ${variable}; the value of "${name}" wins.`,
      });
    }
    sources.set(variable, name);
    setOwn(env, variable, String(optionValue));
  }
  return { values, env, warnings };
}

/** Option names come from the user: a name such as `__proto__` must stay data. */
function setOwn<T>(target: { [key: string]: T }, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The reference's `getSafeId`: the variable name of an option. */
export function featureOptionEnvName(name: string): string {
  return name
    .replace(/[^\w_]/g, '_')
    .replace(/^[\d_]+/g, '_')
    .toUpperCase();
}

/** The user's options as an object, after the string and boolean shorthands. */
function givenOptions(
  value: FeatureValue,
  declared: FeatureMetadata['options'],
  feature: string,
  warnings: FeatureWarning[],
): { [name: string]: unknown } {
  if (isRecord(value)) {
    return value;
  }
  if (typeof value === 'string') {
    if (Object.hasOwn(declared, 'version')) {
      return { version: value };
    }
    warnings.push({
      feature,
      message: `The Feature has no "version" option, so the value ${JSON.stringify(value)} is ignored and the Feature is installed with its defaults. Write {} instead${optionList(declared)}.`,
    });
    return {};
  }
  // A boolean cannot be a version; the reference would pass `true` as the
  // version option. `false` does not switch a Feature off in the reference
  // either: it is installed with its defaults.
  if (value === false) {
    warnings.push({
      feature,
      message:
        'The Feature is set to false, but that does not leave it out: it is installed with its defaults, as the reference implementation does. Remove it from "features" to leave it out.',
    });
  }
  return {};
}

function optionList(declared: FeatureMetadata['options']): string {
  const names = Object.keys(declared);
  return names.length === 0
    ? ''
    : `, or an object of its options (${names.map((n) => `"${n}"`).join(', ')})`;
}

function checkDeclared(
  name: string,
  raw: unknown,
  option: FeatureOption,
  label: string,
  where: ValueSite,
  feature: string,
  warnings: FeatureWarning[],
): string | boolean {
  if (option.type === 'boolean') {
    if (typeof raw === 'boolean') {
      return raw;
    }
    // Same variable text either way, and common in hand-written configs.
    if (raw === 'true' || raw === 'false') {
      return raw === 'true';
    }
    throw errorAt(
      where,
      `${label}: option "${name}" is true or false, not ${describe(raw)}. Write true or false without quotes.`,
    );
  }
  let text: string;
  if (typeof raw === 'string') {
    text = raw;
  } else if (typeof raw === 'number' && Number.isFinite(raw)) {
    text = String(raw);
    warnings.push({
      feature,
      message: `Option "${name}" is a string; the number ${text} is passed as "${text}". Write it in quotes to make that explicit.`,
    });
  } else {
    throw errorAt(where, `${label}: option "${name}" must be a string, not ${describe(raw)}.`);
  }
  // `proposals` are only suggestions; `enum` is the list of allowed values.
  if (option.enum !== undefined && !option.enum.includes(text)) {
    throw errorAt(
      where,
      `${label}: option "${name}" must be one of ${option.enum.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(text)}.`,
    );
  }
  return text;
}

/**
 * The reference passes undeclared options through as variables too; they
 * are kept (a Feature may read them even if it forgot to declare them),
 * with a warning, since they are usually a typo.
 */
function checkUndeclared(
  name: string,
  raw: unknown,
  declared: FeatureMetadata['options'],
  label: string,
  where: ValueSite,
  feature: string,
  warnings: FeatureWarning[],
): string | boolean {
  if (typeof raw !== 'string' && typeof raw !== 'boolean' && typeof raw !== 'number') {
    throw errorAt(
      where,
      `${label}: option "${name}" must be a string or true or false, not ${describe(raw)}.`,
    );
  }
  const names = Object.keys(declared);
  const near = names.find((other) => other.toLowerCase() === name.toLowerCase());
  const hint =
    near !== undefined
      ? ` Did you mean "${near}"?`
      : names.length === 0
        ? ' It has no options.'
        : ` Its options are ${names.map((n) => `"${n}"`).join(', ')}.`;
  warnings.push({
    feature,
    message: `The Feature declares no option "${name}"; it is passed as ${featureOptionEnvName(name)} anyway.${hint}`,
  });
  return typeof raw === 'number' ? String(raw) : raw;
}

function describe(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? JSON.stringify(value)
    : kindOf(value);
}

export interface FeatureUsers {
  containerUser: string;
  remoteUser: string;
  /** From the image's passwd database; the build finds them (`getent passwd`). */
  containerUserHome?: string;
  remoteUserHome?: string;
}

/**
 * The variables every Feature's install.sh gets besides its options (the
 * spec's "User environment variables"). The reference writes the two user
 * names on the host and appends the two homes during the build.
 */
export function builtinFeatureEnv(users: FeatureUsers): { [name: string]: string } {
  const env: { [name: string]: string } = {
    _CONTAINER_USER: users.containerUser,
    _REMOTE_USER: users.remoteUser,
  };
  if (users.containerUserHome !== undefined) {
    env['_CONTAINER_USER_HOME'] = users.containerUserHome;
  }
  if (users.remoteUserHome !== undefined) {
    env['_REMOTE_USER_HOME'] = users.remoteUserHome;
  }
  return env;
}

/**
 * The container and remote users Features install for, as the reference's
 * `findContainerUsers` finds them: the last `containerUser` in the metadata
 * entries (image, Features, config, in layer order), else the compose
 * service's user, else the image's `USER`; the remote user is the last
 * `remoteUser`, else the container user.
 */
export function findFeatureUsers(
  entries: readonly MetadataEntry[],
  imageUser: string,
  composeServiceUser?: string,
): { containerUser: string; remoteUser: string } {
  const reversed = [...entries].reverse();
  const containerUser =
    reversed.find((entry) => entry.containerUser)?.containerUser || composeServiceUser || imageUser;
  const remoteUser = reversed.find((entry) => entry.remoteUser)?.remoteUser || containerUser;
  return { containerUser, remoteUser };
}
