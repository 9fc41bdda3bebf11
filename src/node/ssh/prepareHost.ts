import type { ContainerClient } from '../../core/engine/deps';
import {
  BOOTSTRAP_TIMEOUT_MS,
  bootstrapInvocation,
  bootstrapResult,
  bootstrapWarnings,
  type BootstrapReport,
} from '../../core/ssh/bootstrap';
import { sshEnvironment } from '../../core/ssh/environmentFile';
import type { PortForward } from '../../core/plan/portForwards';
import type { SshHostEntry } from '../../core/ssh/sshConfig';
import { SlipwaySshFiles } from './configFiles';
import { ensureKeyPair } from './keys';

/**
 * Everything a dev container needs before an SSH client can reach it through
 * `container exec`: Slipway's key, the bootstrap in the container (sshd,
 * host keys, authorized_keys, the session environment), and its host entry
 * with the pinned host key in Slipway's SSH files. Idempotent, so it runs on
 * every connect and keeps the environment and the host key current.
 */
export interface PrepareHostRequest {
  containerId: string;
  containerName: string;
  remoteUser: string;
  /** The container's own environment (`K=V`). */
  containerEnv: readonly string[];
  /** The remote user's environment on top of it (probed login environment and remoteEnv). */
  sessionEnv: Readonly<Record<string, string>>;
  /** Absolute path of the `container` executable, for the ProxyCommand. */
  containerPath: string;
  forwardAgent: boolean;
  /** `forwardPorts` reachable on this machine's loopback while a window is connected. */
  localForwards?: readonly PortForward[];
  /** Slipway's SSH folder (`~/.ssh/slipway` by default). */
  sshDir: string;
  signal?: AbortSignal;
}

export interface PreparedHost {
  entry: SshHostEntry;
  /** Slipway's own SSH config, to Include from the user's. */
  configFile: string;
  /** Things that work but not fully (no sftp server, skipped variables), said plainly. */
  warnings: string[];
}

export async function prepareSshHost(
  client: Pick<ContainerClient, 'execCapture'>,
  request: PrepareHostRequest,
): Promise<PreparedHost> {
  const keys = await ensureKeyPair(request.sshDir);
  const container = await bootstrapContainer(client, request, keys.publicKey);
  const files = new SlipwaySshFiles(request.sshDir);
  const entry = await files.registerHost({
    containerId: request.containerId,
    name: request.containerName,
    user: container.report.user,
    sshdPath: container.report.sshdPath,
    containerPath: request.containerPath,
    forwardAgent: request.forwardAgent,
    ...(request.localForwards !== undefined ? { localForwards: request.localForwards } : {}),
    hostKey: container.report.hostKey,
  });
  return { entry, configFile: files.paths.config, warnings: container.warnings };
}

export interface BootstrappedContainer {
  report: BootstrapReport;
  warnings: string[];
}

/**
 * The container's half, wherever the SSH files live: sshd, its host keys,
 * the public key authorized for the remote user, the session environment.
 */
export async function bootstrapContainer(
  client: Pick<ContainerClient, 'execCapture'>,
  request: Pick<
    PrepareHostRequest,
    'containerId' | 'remoteUser' | 'containerEnv' | 'sessionEnv' | 'signal'
  >,
  publicKey: string,
): Promise<BootstrappedContainer> {
  const environment = sshEnvironment(request.containerEnv, request.sessionEnv);
  const invocation = bootstrapInvocation({
    containerId: request.containerId,
    user: request.remoteUser,
    publicKey,
    environment: environment.text,
  });
  const run = await client.execCapture(invocation.args, {
    input: invocation.input,
    timeoutMs: BOOTSTRAP_TIMEOUT_MS,
    signal: request.signal,
  });
  const report = bootstrapResult(run, request.remoteUser);
  const warnings = bootstrapWarnings(report);
  if (environment.skipped.length > 0) {
    warnings.push(
      `These variables are not available in SSH sessions (their values span lines): ${environment.skipped.join(', ')}.`,
    );
  }
  return { report, warnings };
}
