import { shellQuote } from '../shell';
import { ConfigError } from '../errors';

/**
 * The shell text of a Features build: the env files each install.sh gets,
 * the wrapper that runs one Feature's install.sh, the step that finds the
 * users' home folders, and (when the Dockerfile must stay small) the script
 * that installs several Features in one step. The layout in the container
 * is the reference CLI's (`getFeatureInstallWrapperScript` and
 * `getFeatureLayers` in containerFeaturesConfiguration.ts), because some
 * Features read or copy the files they find next to their install.sh:
 *
 *   /tmp/dev-container-features/devcontainer-features.builtin.env
 *   /tmp/dev-container-features/<id>_<n>/install.sh (and the Feature's other files)
 *   /tmp/dev-container-features/<id>_<n>/devcontainer-features.env
 *   /tmp/dev-container-features/<id>_<n>/devcontainer-features-install.sh
 *
 * Every value that comes from a user or a Feature is quoted: the reference
 * writes `NAME="value"` unescaped, so a `"`, `$` or backquote in an option
 * breaks or runs in its build; here it is data.
 */

export const FEATURES_DEST = '/tmp/dev-container-features';
export const BUILTIN_ENV_FILE = 'devcontainer-features.builtin.env';
export const FEATURE_ENV_FILE = 'devcontainer-features.env';
export const FEATURE_WRAPPER_FILE = 'devcontainer-features-install.sh';
export const PREPARE_SCRIPT = 'slipway-features-prepare.sh';
export const INSTALL_SCRIPT = 'slipway-features-install.sh';

// Its tests and the build's other scripts use the one quoting function.
export { shellQuote };

/**
 * Text for sh inside double quotes: `\`, `"`, `$` and the backquote
 * escaped. This keeps the reference's `NAME="value"` form (a plain value
 * comes out byte for byte as the reference writes it, for Features that
 * parse the file) while any value stays data when the file is sourced.
 */
export function shellDoubleQuote(value: string): string {
  return `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * An env file for `set -a; . file`: one `NAME="value"` line each. `what`
 * names the Feature for the errors: an option name that is no variable name
 * (an empty one) or a value holding a NUL byte, which no shell can carry.
 */
export function envFileText(env: Readonly<Record<string, string>>, what: string): string {
  const lines = Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) {
      throw new ConfigError(
        `${what}: ${JSON.stringify(name)} is not a variable name, so install.sh cannot get it. Rename the option.`,
      );
    }
    if (value.includes('\0')) {
      throw new ConfigError(
        `${what}: the value of ${name} contains a NUL character, which a shell variable cannot hold.`,
      );
    }
    return `${name}=${shellDoubleQuote(value)}`;
  });
  return lines.map((line) => `${line}\n`).join('');
}

/** What the wrapper prints before it installs, and names when the install fails. */
export interface WrapperInput {
  /** The Feature as the user wrote it: `ghcr.io/devcontainers/features/node:1`. */
  userId: string;
  name?: string;
  description?: string;
  version: string;
  documentationURL?: string;
  /** The option variables, as in devcontainer-features.env. */
  env: Readonly<Record<string, string>>;
  /** 1-based position in the install order, and the number of Features. */
  index: number;
  total: number;
}

/**
 * Lines the wrapper prints so that the build's output can be followed per
 * Feature: `##slipway-feature begin 2/5` before its install.sh, and
 * `##slipway-feature end 2/5 <exit status>` after, also when it fails
 * (the whole install may be one build step; see buildContext.ts).
 */
export const FEATURE_PROGRESS_MARKER = '##slipway-feature';

export type FeatureProgress =
  | { event: 'begin'; index: number; total: number }
  | { event: 'end'; index: number; total: number; status: number };

const PROGRESS_LINE = /##slipway-feature (begin|end) (\d+)\/(\d+)(?: (\d+))?\s*$/;

/**
 * Reads a progress line out of a line of build output. BuildKit's plain
 * progress puts a step number and a time in front (`#9 0.412 ##slipway…`),
 * so the marker is looked for at the end of the line.
 */
export function parseFeatureProgress(line: string): FeatureProgress | undefined {
  const match = PROGRESS_LINE.exec(line);
  if (match === null) {
    return undefined;
  }
  const index = Number(match[2]);
  const total = Number(match[3]);
  if (match[1] === 'begin') {
    return match[4] === undefined ? { event: 'begin', index, total } : undefined;
  }
  return match[4] === undefined
    ? undefined
    : { event: 'end', index, total, status: Number(match[4]) };
}

const RULE = '='.repeat(75);

/**
 * The wrapper: it prints which Feature installs (and the progress lines),
 * exports both env files, runs install.sh from the Feature's folder, and on
 * failure names the Feature and its documentation.
 */
export function wrapperScript(input: WrapperInput): string {
  const label =
    input.name !== undefined && input.name !== input.userId
      ? `${JSON.stringify(input.name)} (${input.userId})`
      : input.userId;
  const position = `${input.index}/${input.total}`;
  const help =
    input.documentationURL !== undefined && input.documentationURL !== ''
      ? ` See ${input.documentationURL} for help.`
      : '';
  const banner = [
    RULE,
    `Feature       : ${input.name ?? input.userId}`,
    `Description   : ${input.description ?? ''}`,
    `Id            : ${input.userId}`,
    `Version       : ${input.version}`,
    `Documentation : ${input.documentationURL ?? ''}`,
    'Options       :',
    ...Object.entries(input.env).map(([name, value]) => `    ${name}=${JSON.stringify(value)}`),
    RULE,
  ];
  return `#!/bin/sh
# Generated by Slipway: installs the Dev Container Feature ${oneLine(input.userId)}.
set -e
cd "$(dirname "$0")"

slipway_on_exit() {
\tstatus=$?
\tprintf '%s\\n' "${FEATURE_PROGRESS_MARKER} end ${position} $status"
\tif [ "$status" -ne 0 ]; then
\t\tprintf 'ERROR: Feature %s failed to install (exit status %s).%s\\n' ${shellQuote(label)} "$status" ${shellQuote(help)}
\tfi
\texit "$status"
}
trap slipway_on_exit EXIT

printf '%s\\n' '${FEATURE_PROGRESS_MARKER} begin ${position}'
printf '%s\\n' ${banner.map(shellQuote).join(' \\\n\t')}

if [ ! -f ./install.sh ]; then
\tprintf '%s\\n' 'The Feature has no install.sh.'
\texit 1
fi

set -a
. ../${BUILTIN_ENV_FILE}
. ./${FEATURE_ENV_FILE}
set +a

chmod +x ./install.sh
# One stream: a builder may carry stdout and stderr apart, and the error must
# show the Feature's messages in the order it printed them.
./install.sh 2>&1
`;
}

/** A value in a `#` comment: one line, no control characters. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, '?');
}

/**
 * The step that adds `_CONTAINER_USER_HOME` and `_REMOTE_USER_HOME` to the
 * builtin env file from the image's passwd database, for the homes the
 * caller did not know. `getent` where the image has it, else /etc/passwd
 * read with awk (busybox images have no getent); a user that does not
 * exist (yet: a Feature may create it) gets an empty home, as in the
 * reference.
 */
export function prepareScript(homes: ReadonlyArray<{ variable: string; user: string }>): string {
  const appends = homes.map(
    ({ variable, user }) =>
      `printf '%s=%s\\n' ${variable} "$(slipway_quote "$(slipway_home ${shellQuote(user)})")" >> ${BUILTIN_ENV_FILE}`,
  );
  return `#!/bin/sh
# Generated by Slipway: adds the users' home folders to ${BUILTIN_ENV_FILE}.
set -e
cd "$(dirname "$0")"

slipway_home() {
\tentry=$( (command -v getent >/dev/null 2>&1 && getent passwd "$1") || SLIPWAY_USER="$1" awk -F: '$1 == ENVIRON["SLIPWAY_USER"] || $3 == ENVIRON["SLIPWAY_USER"] { print; exit }' /etc/passwd 2>/dev/null || true)
\tprintf '%s\\n' "$entry" | head -n 1 | cut -d: -f6
}

slipway_quote() {
\tprintf '"%s"' "$(printf '%s' "$1" | sed 's/[\\\\"$\`]/\\\\&/g')"
}

${appends.join('\n')}
`;
}

/**
 * The script that installs Features by their number, for a Dockerfile that
 * would be too large with one COPY and RUN per Feature: every Feature folder
 * is copied in at once, and one RUN per group of Features calls this.
 */
export function installScript(folders: readonly string[]): string {
  const cases = folders.map((folder, index) => `\t\t${index + 1}) folder=${folder} ;;`);
  return `#!/bin/sh
# Generated by Slipway: installs the Features whose numbers it is given, in that order.
set -e
root=$(cd "$(dirname "$0")" && pwd)

for number in "$@"; do
\tcase "$number" in
${cases.join('\n')}
\t\t*) printf '${INSTALL_SCRIPT}: there is no Feature %s\\n' "$number" >&2; exit 2 ;;
\tesac
\tchmod -R 0755 "$root/$folder"
\t"$root/$folder/${FEATURE_WRAPPER_FILE}"
\trm -rf "$root/$folder"
done
`;
}
