import { CONTAINER_RELEASES_URL } from './classifyFailure';
import { describeCommand } from './stderrText';
import { ContainerCliError } from './types';

/**
 * The errors the runner raises itself, before or around Apple's CLI: it could
 * not be started, took too long, or was cancelled. Pure, so that the wording
 * is tested with the rest of the client.
 */

/** What points Slipway at a `container` executable: the editor's setting, the CLI's variable. */
export const CONTAINER_PATH_SETTING = 'slipway.containerPath';
const CONTAINER_PATH_VARIABLE = 'SLIPWAY_CONTAINER';
const WHERE_SET = `\`${CONTAINER_PATH_SETTING}\` (in the editor) or \`${CONTAINER_PATH_VARIABLE}\` (for the slipway command)`;

const INSTALL_HINT = `Install it from ${CONTAINER_RELEASES_URL}, or tell Slipway where it is with ${WHERE_SET}.`;

export type CliMissingReason =
  /** Nothing at the configured or searched places (ENOENT). */
  | 'notFound'
  /** Something there, but not executable by this user (EACCES). */
  | 'notExecutable'
  /** The configured path names a file that is not there. */
  | 'configuredMissing';

export function cliMissingError(
  path: string,
  reason: CliMissingReason,
  searched?: string,
): ContainerCliError {
  switch (reason) {
    case 'notExecutable':
      return new ContainerCliError(
        'cliMissing',
        `${path} is not an executable this user may run (EACCES). Point ${WHERE_SET} at Apple's container binary, or reinstall it from ${CONTAINER_RELEASES_URL}.`,
      );
    case 'configuredMissing':
      return new ContainerCliError(
        'cliMissing',
        `The configured container path (${WHERE_SET}) is ${path}, but there is no file there. Correct it, or unset it to use \`container\` from PATH.`,
      );
    case 'notFound':
      return new ContainerCliError(
        'cliMissing',
        `Apple's container CLI was not found${searched ? ` (looked ${searched})` : ` at ${path}`}. ${INSTALL_HINT}`,
      );
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function timeoutError(
  args: readonly string[],
  timeoutMs: number,
  stderr: string,
  forced: boolean,
): ContainerCliError {
  const killed = forced ? ' and had to be killed' : '';
  return new ContainerCliError(
    'timeout',
    `${describeCommand(args)} did not finish within ${seconds(timeoutMs)}, so Slipway stopped it${killed}. ` +
      'If this keeps happening, restart the service with `container system stop` and `container system start`.',
    { args, stderr },
  );
}

/** The idle watchdog of an attached `container exec` fired: silence, not slowness. */
export function idleTimeoutError(args: readonly string[], idleMs: number): ContainerCliError {
  return new ContainerCliError(
    'timeout',
    `${describeCommand(args)} printed nothing for ${seconds(idleMs)}, so Slipway took it as stuck and stopped it. ` +
      'If the command is only quiet, make it print progress or raise SLIPWAY_HOOK_IDLE_SECONDS; ' +
      'if `container` itself hangs, restart the service with `container system stop` and `container system start`.',
    { args },
  );
}

export function cancelledError(args: readonly string[], summary: string): ContainerCliError {
  return new ContainerCliError('cancelled', `Cancelled: ${summary}.`, { args });
}
