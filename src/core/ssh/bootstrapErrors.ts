import type { BootstrapReport } from './bootstrap';
import { BOOTSTRAP_EXIT } from './bootstrapScript';

/** What the bootstrap's failures and warnings mean, in words a user can act on. */

/** The `key=value` lines of the script's stdout. */
export function keyValues(stdout: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const line of stdout.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) {
      pairs.push([line.slice(0, equals), line.slice(equals + 1).replace(/\r$/, '')]);
    }
  }
  return pairs;
}

export type BootstrapErrorKind =
  | 'not-root'
  | 'no-package-manager'
  | 'install-failed'
  | 'no-sshd-after-install'
  | 'unknown-user'
  | 'host-keys'
  | 'authorized-keys'
  | 'environment'
  | 'sshd-config'
  | 'bad-arguments'
  | 'no-shell'
  | 'incomplete'
  | 'failed';

export class SshBootstrapError extends Error {
  override readonly name = 'SlipwaySshBootstrapError';
  constructor(
    readonly kind: BootstrapErrorKind,
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** By `name`, not `instanceof`, so that it survives bundling. */
export function isSshBootstrapError(error: unknown): error is SshBootstrapError {
  return error instanceof Error && error.name === 'SlipwaySshBootstrapError';
}

export interface BootstrapRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const FIX_SSHD =
  'Add openssh-server to the image, or the sshd Feature (ghcr.io/devcontainers/features/sshd), ' +
  'and rebuild the container.';

/** The last lines of stderr, where the cause usually is. */
function tail(stderr: string, lines = 12): string {
  const text = stderr.trim().split('\n').slice(-lines).join('\n').trim();
  return text === '' ? '' : `\nLast output from the container:\n${text}`;
}

/** What a failed run means, in words a user can act on. */
export function bootstrapFailure(run: BootstrapRun, user: string): SshBootstrapError {
  const pairs = keyValues(run.stdout);
  const manager = pairs.find(([key]) => key === 'installing')?.[1] ?? 'the package manager';
  const details = tail(run.stderr);
  const fail = (kind: BootstrapErrorKind, message: string) =>
    new SshBootstrapError(kind, message, run.exitCode);
  switch (run.exitCode) {
    case BOOTSTRAP_EXIT.noPackageManager:
      return fail(
        'no-package-manager',
        'The container has no SSH server (sshd), and no package manager Slipway can install one ' +
          `with (apt-get, apk, dnf, microdnf, yum, zypper, pacman). ${FIX_SSHD}`,
      );
    case BOOTSTRAP_EXIT.installFailed:
      return fail(
        'install-failed',
        `The container has no SSH server (sshd), and installing openssh-server with ${manager} ` +
          'failed: the container may have no network, or its package sources may not have it. ' +
          `${FIX_SSHD}${details}`,
      );
    case BOOTSTRAP_EXIT.noSshdAfterInstall:
      return fail(
        'no-sshd-after-install',
        `openssh-server was installed with ${manager}, but there is still no sshd in the ` +
          `container. ${FIX_SSHD}${details}`,
      );
    case BOOTSTRAP_EXIT.unknownUser:
      return fail(
        'unknown-user',
        `The remote user "${user}" does not exist in the container, so SSH cannot log in as it. ` +
          'Check remoteUser in devcontainer.json, or create the user in the image, then rebuild.',
      );
    case BOOTSTRAP_EXIT.hostKeys:
      return fail(
        'host-keys',
        `The container's SSH host keys could not be created (ssh-keygen -A). ${FIX_SSHD}${details}`,
      );
    case BOOTSTRAP_EXIT.authorizedKeys:
      return fail(
        'authorized-keys',
        `Slipway's key could not be added to ~/.ssh/authorized_keys of "${user}" in the ` +
          `container.${details}`,
      );
    case BOOTSTRAP_EXIT.environment:
      return fail(
        'environment',
        `The environment file for SSH sessions (~/.ssh/environment of "${user}") could not be ` +
          `written in the container.${details}`,
      );
    case BOOTSTRAP_EXIT.sshdConfig:
      return fail(
        'sshd-config',
        "The container's sshd rejects its configuration; fix /etc/ssh/sshd_config in the image " +
          `and rebuild.${details}`,
      );
    case BOOTSTRAP_EXIT.notRoot:
      return fail(
        'not-root',
        'Preparing the container for SSH needs root, but `container exec -u root` did not run ' +
          `as root.${details}`,
      );
    case BOOTSTRAP_EXIT.badArguments:
      return fail(
        'bad-arguments',
        `Slipway started the SSH set-up without a user or key.${details}`,
      );
    case 126:
    case 127:
      return fail(
        'no-shell',
        'The container has no /bin/sh, so Slipway cannot prepare it for SSH. Use an image with a ' +
          `shell (and openssh-server).${details}`,
      );
    case 0:
      return fail(
        'incomplete',
        `Preparing the container for SSH stopped before the end, without an error.${details}`,
      );
    default:
      return fail(
        'failed',
        `Preparing the container for SSH failed (exit ${run.exitCode}).${details}`,
      );
  }
}

/** The report's warnings as sentences: SSH works, but something will not. */
export function bootstrapWarnings(report: BootstrapReport): string[] {
  return report.warnings.map((warning) => {
    switch (warning) {
      case 'sftp-missing':
        return (
          "The container's sshd has no sftp server, so tools that copy files over sftp will " +
          'fail. Add the sftp server (openssh-sftp-server) to the image.'
        );
      case 'no-login-shell':
        return (
          `The login shell of "${report.user}" is ${report.shell}, which refuses sessions. Give ` +
          'the user a real shell (for example /bin/bash) in the image.'
        );
      case 'login-shell-missing':
        return (
          `The login shell of "${report.user}" (${report.shell}) is not in the container. ` +
          "Install it, or change the user's shell in the image."
        );
      default:
        return `The SSH set-up reported: ${warning}.`;
    }
  });
}
