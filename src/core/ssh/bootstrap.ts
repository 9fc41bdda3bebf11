import { execArgs } from '../engine/execArgs';
import { BOOTSTRAP_SCRIPT } from './bootstrapScript';
import { bootstrapFailure, keyValues, type BootstrapRun } from './bootstrapErrors';
import { parseHostKey } from './knownHosts';
import { SSHD_OPTIONS } from './sshConfig';

export { BOOTSTRAP_EXIT, BOOTSTRAP_SCRIPT } from './bootstrapScript';
export {
  bootstrapFailure,
  bootstrapWarnings,
  SshBootstrapError,
  type BootstrapErrorKind,
  type BootstrapRun,
} from './bootstrapErrors';

/**
 * Preparing a container for SSH: the `container exec` that runs the
 * bootstrap script as root, what it reports, and what its failures mean.
 */

/** Installing openssh-server can take a while on a slow mirror; a stuck exec must still end. */
export const BOOTSTRAP_TIMEOUT_MS = 300_000;

export interface BootstrapRequest {
  containerId: string;
  /** remoteUser: a name or a uid (a `uid:gid` is cut to the uid). */
  user: string;
  /** Slipway's public key, one `ssh-ed25519 AAAA... comment` line. */
  publicKey: string;
  /** The `~/.ssh/environment` text (see sshEnvironment). */
  environment: string;
}

export interface BootstrapInvocation {
  /** Arguments for the `container` CLI. */
  args: string[];
  /** The script, for the exec's stdin. */
  input: string;
}

export function bootstrapInvocation(request: BootstrapRequest): BootstrapInvocation {
  const publicKey = request.publicKey.trim();
  if (publicKey === '' || /[\r\n]/.test(publicKey)) {
    throw new Error("Slipway's SSH public key must be one line.");
  }
  return {
    args: execArgs({
      containerId: request.containerId,
      user: 'root',
      interactive: true,
      // An env value is not shown in `ps` inside the container, unlike an argument.
      env: { SLIPWAY_SSH_ENVIRONMENT: request.environment },
      command: ['/bin/sh', '-s', '--', request.user, publicKey, ...SSHD_OPTIONS],
    }),
    input: BOOTSTRAP_SCRIPT,
  };
}

export interface BootstrapReport {
  sshdPath: string;
  /** The login name (the user as a name, even when remoteUser was a uid). */
  user: string;
  home: string;
  /** The login shell sessions run in. */
  shell: string;
  /** The container's ed25519 host key, to pin. */
  hostKey: string;
  /** The package manager that installed sshd, when it was missing. */
  installedWith?: string;
  /** For example `sftp-missing`: SSH works, sftp will not (see bootstrapWarnings). */
  warnings: string[];
  /** The account was marked locked without a password; it now has none, unlocked. */
  unlocked: boolean;
}

/** The report of a run that exited 0; undefined when it did not get to the end. */
export function parseBootstrapOutput(stdout: string): BootstrapReport | undefined {
  const report: Partial<BootstrapReport> & { warnings: string[] } = {
    warnings: [],
    unlocked: false,
  };
  let ready = false;
  for (const [key, value] of keyValues(stdout)) {
    if (key === 'sshd') {
      report.sshdPath = value;
    } else if (key === 'user') {
      report.user = value;
    } else if (key === 'home') {
      report.home = value;
    } else if (key === 'shell') {
      report.shell = value;
    } else if (key === 'unlocked') {
      report.unlocked = value === '1';
    } else if (key === 'hostkey') {
      report.hostKey = value;
    } else if (key === 'installing') {
      report.installedWith = value;
    } else if (key === 'warning') {
      report.warnings.push(value);
    } else if (key === 'ready') {
      ready = value === '1';
    }
  }
  const { sshdPath, user, home, hostKey, shell = '/bin/sh' } = report;
  if (!ready || !sshdPath || !user || home === undefined || hostKey === undefined) {
    return undefined;
  }
  parseHostKey(hostKey);
  return { ...report, sshdPath, user, home, shell, hostKey, unlocked: report.unlocked === true };
}

/** The report of a run, or the error that explains it. */
export function bootstrapResult(run: BootstrapRun, user: string): BootstrapReport {
  if (run.exitCode === 0) {
    const report = parseBootstrapOutput(run.stdout);
    if (report !== undefined) {
      return report;
    }
  }
  throw bootstrapFailure(run, user);
}
