import { appleMessage, describeCommand, stderrTail } from './stderrText';
import { ContainerCliError } from './types';

/**
 * Turns a failed `container` call into an error the user can act on. Apple's
 * wording varies between releases and between commands (apple/container#268),
 * so this matches stable substrings of both error formats (0.10+ plain,
 * 0.5–0.9 `code: "message"`) and always quotes Apple's own message.
 */

export const CONTAINER_RELEASES_URL = 'https://github.com/apple/container/releases';

const ID = `([^\\s"',\\]]+)`;

const SERVICE_DOWN = [
  /XPC connection error/i,
  /container system start/,
  /apiserver is not running/i,
];

const USAGE_EXIT_CODE = 64;

const IMAGE_MISSING = [
  /image not found/i,
  /failed with response: 40[14]\b/i,
  /\b404 Not Found\b/i,
  /\b401 Unauthorized\b/i,
  /manifest unknown/i,
  /access denied or wrong credentials/i,
];

const CONTAINER_MISSING = [
  new RegExp(`container not found: ${ID}`, 'i'),
  new RegExp(`container with id ${ID} not found`, 'i'),
  new RegExp(`container ${ID} not found`, 'i'),
  new RegExp(`no such container: ${ID}`, 'i'),
];

const NAME_TAKEN = [
  new RegExp(`container with id ${ID} already exists`, 'i'),
  new RegExp(`container already exists: ${ID}`, 'i'),
];

const HOSTNAME_TAKEN = /hostname\(s\) already exist/i;

const NOT_RUNNING = new RegExp(`container ${ID} is not running`, 'i');

const STILL_RUNNING = new RegExp(`container ${ID} is running and can ?not be deleted`, 'i');

/** `https://<registry>/v2/<repo>/manifests/<tag>` in a registry error, as `<registry>/<repo>:<tag>`. */
const MANIFEST_URL = /https?:\/\/([^/\s]+)\/v2\/(\S+?)\/manifests\/([^\s"']+)/;

function firstMatch(patterns: readonly RegExp[], text: string): RegExpExecArray | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      return match;
    }
  }
  return undefined;
}

/** The value of `--name X` / `--name=X` in a run or create. */
function nameArgument(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === '--name') {
      return args[index + 1];
    }
    if (arg.startsWith('--name=')) {
      return arg.slice('--name='.length);
    }
  }
  return undefined;
}

function imageReference(stderr: string, args: readonly string[]): string | undefined {
  const inMessage = /image not found: ([^\s"']+)/i.exec(stderr)?.[1];
  if (inMessage !== undefined) {
    return inMessage;
  }
  const url = MANIFEST_URL.exec(stderr);
  if (url) {
    return `${url[1]}/${url[2]}:${url[3]}`;
  }
  // `image pull <ref>` and `image inspect <ref>` name it last.
  return args[0] === 'image' ? args[args.length - 1] : undefined;
}

const said = (message: string): string => (message ? ` (container said: "${message}")` : '');

/**
 * The error for a `container` call that exited with `exitCode` (undefined when
 * it did not exit normally) and printed `stderr`.
 */
export function classifyFailure(
  args: readonly string[],
  exitCode: number | undefined,
  stderr: string,
): ContainerCliError {
  const details = { args, exitCode, stderr };
  const message = appleMessage(stderr);
  const command = describeCommand(args);

  if (exitCode === USAGE_EXIT_CODE) {
    if (/running under Rosetta/i.test(stderr)) {
      return new ContainerCliError(
        'failed',
        `container refuses to run under Rosetta${said(message)}. Run VS Code or your terminal as a native Apple silicon app.`,
        details,
      );
    }
    return new ContainerCliError(
      'usage',
      `Slipway passed an option this container does not know: ${message || `${command} exited with code 64`}. ` +
        `Update container from ${CONTAINER_RELEASES_URL}, or remove the option if it comes from your devcontainer.json (runArgs, build.options).`,
      details,
    );
  }

  if (firstMatch(SERVICE_DOWN, stderr)) {
    if (args[0] === 'system' && args[1] === 'start') {
      // Starting is the remedy we would suggest, so say why it can fail instead.
      return new ContainerCliError(
        'serviceNotRunning',
        `The container system service did not start${said(message)}. It needs a logged-in desktop session: ` +
          'it fails over SSH, in CI, or with the home folder on an external volume (apple/container#205, #1721). ' +
          'Run `container system start` in Terminal on the Mac, then try again.',
        details,
      );
    }
    return new ContainerCliError(
      'serviceNotRunning',
      `The container system service is not running${said(message)}. Start it with \`container system start\`, then try again.`,
      details,
    );
  }

  const stillRunning = STILL_RUNNING.exec(stderr);
  if (stillRunning) {
    const id = stillRunning[1] ?? '';
    return new ContainerCliError(
      'containerRunning',
      `The container ${id} is still running, so it was not deleted${said(message)}. Stop it first, or delete it with force.`,
      details,
    );
  }

  const taken = firstMatch(NAME_TAKEN, stderr);
  if (taken) {
    const name = taken[1] ?? nameArgument(args) ?? '';
    return new ContainerCliError(
      'nameConflict',
      `A container named ${name} already exists${said(message)}. Remove it with \`container delete ${name}\`, or choose another name.`,
      details,
    );
  }
  if (HOSTNAME_TAKEN.test(stderr)) {
    return new ContainerCliError(
      'nameConflict',
      `Another container already uses this hostname${said(message)}. Stop or remove that container, or choose another name.`,
      details,
    );
  }

  const missing = firstMatch(CONTAINER_MISSING, stderr);
  if (missing) {
    const id = missing[1] ?? '';
    return new ContainerCliError(
      'containerNotFound',
      `The container ${id} does not exist${said(message)}. It may have been deleted outside Slipway; refresh the list, or rebuild the dev container to create it again.`,
      details,
    );
  }

  const notRunning = NOT_RUNNING.exec(stderr);
  if (notRunning) {
    const id = notRunning[1] ?? '';
    return new ContainerCliError(
      'notRunning',
      `The container ${id} is not running${said(message)}. Start it, then try again.`,
      details,
    );
  }

  if (firstMatch(IMAGE_MISSING, stderr)) {
    const reference = imageReference(stderr, args);
    return new ContainerCliError(
      'imageNotFound',
      `The image ${reference ? `${reference} ` : ''}was not found or may not be pulled${said(message)}. ` +
        'Check the image name and tag; for a private registry, log in with `container registry login <registry>`.',
      details,
    );
  }

  const tail = stderrTail(stderr);
  const how = exitCode === undefined ? 'failed' : `failed with exit code ${exitCode}`;
  return new ContainerCliError(
    'failed',
    tail ? `${command} ${how}: ${tail}` : `${command} ${how} and printed no error message.`,
    details,
  );
}
