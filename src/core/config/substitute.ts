import * as path from 'node:path';
import { ConfigError } from '../errors';

/**
 * Variable substitution in devcontainer.json values, as the reference
 * implementation does it (spec-common/variableSubstitution.ts):
 *
 * - `${name}` or `${name:arg1:arg2...}`, matched non-greedily up to the first
 *   `}` (no nesting), arguments split on `:`;
 * - every string in the tree is substituted (object keys are not);
 * - unknown variables are left exactly as written, so VS Code's own
 *   `${workspaceFolder}` in `customizations` survives;
 * - `${localEnv:VAR:default}`: only the first argument after the name is the
 *   default; an unset variable without a default becomes the empty string.
 *
 * The walk copies; the input is not changed.
 */

export interface SubstitutionContext {
  /** The host environment, for `${localEnv:...}` and `${env:...}`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute path of the folder the user opened (not the Git root). */
  localWorkspaceFolder: string;
  /**
   * The workspace folder in the container, already resolved: used exactly as
   * given. Substituting it again would expand variables that came from the
   * folder's own name (`proj${localEnv:X}` would put the host's X into the
   * container), so the caller resolves `workspaceFolder` once, first.
   */
  containerWorkspaceFolder?: string;
  /** `${devcontainerId}`; left as written when absent, as the reference does before it knows the id labels. */
  devcontainerId?: string;
  /** Named in the error for a variable without a name, when given. */
  configFile?: string;
}

type Replacer = (match: string, name: string, args: string[]) => string;

const VARIABLE = /\$\{(.*?)\}/g;

export function substituteVariables<T>(value: T, context: SubstitutionContext): T {
  return walk(value, replacerFor(context, context.containerWorkspaceFolder));
}

/**
 * `${containerEnv:VAR[:default]}`, for the stage after the container runs,
 * with the container's own environment (not a probed shell's).
 */
export function substituteContainerEnv<T>(
  value: T,
  containerEnv: Readonly<Record<string, string>>,
  configFile?: string,
): T {
  return walk(value, (match, name, args) =>
    name === 'containerEnv' ? lookup(containerEnv, args, match, configFile) : match,
  );
}

function replacerFor(
  context: SubstitutionContext,
  containerWorkspaceFolder: string | undefined,
): Replacer {
  return (match, name, args) => {
    switch (name) {
      case 'env':
      case 'localEnv':
        return lookup(context.env, args, match, context.configFile);
      case 'localWorkspaceFolder':
        return context.localWorkspaceFolder;
      case 'localWorkspaceFolderBasename':
        return path.posix.basename(context.localWorkspaceFolder);
      case 'containerWorkspaceFolder':
        return containerWorkspaceFolder ?? match;
      case 'containerWorkspaceFolderBasename':
        return containerWorkspaceFolder === undefined
          ? match
          : path.posix.basename(containerWorkspaceFolder);
      case 'devcontainerId':
        return context.devcontainerId || match;
      default:
        return match;
    }
  };
}

function lookup(
  env: Readonly<Record<string, string | undefined>>,
  args: string[],
  match: string,
  configFile: string | undefined,
): string {
  const [variable, fallback] = args;
  if (variable === undefined) {
    const where = configFile === undefined ? '' : ` in ${path.posix.basename(configFile)}`;
    throw new ConfigError(
      `'${match}'${where} cannot be resolved because it names no environment variable; write it as \${localEnv:NAME}.`,
      configFile,
    );
  }
  const found = Object.hasOwn(env, variable) ? env[variable] : undefined;
  if (typeof found === 'string') {
    return found;
  }
  // A shell expands a missing variable to nothing; the reference does the same.
  return fallback ?? '';
}

function substituteString(text: string, replace: Replacer): string {
  return text.replace(VARIABLE, (match: string, inner: string) => {
    const [name = '', ...args] = inner.split(':');
    return replace(match, name, args);
  });
}

function walk<T>(value: T, replace: Replacer): T {
  return walkValue(value, replace) as T;
}

function walkValue(value: unknown, replace: Replacer): unknown {
  if (typeof value === 'string') {
    return substituteString(value, replace);
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => walkValue(item, replace));
  }
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a `__proto__` key stays data.
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, walkValue(member, replace)]),
    );
  }
  return value;
}
