import { runDetached } from './detached';
import type { WindowRegistry } from './windowRegistry';
import type { WindowShutdown } from '../core/windowShutdown';

/** How to run `container` and Slipway's own command line once the editor is gone. */
export interface ShutdownRunners {
  /** The `container` executable the editor uses. */
  containerPath: string;
  /** The runtime of the extension host (`process.execPath`): Electron in Node mode, or node. */
  runtime: string;
  /** The bundled command line, `<extension>/dist/cli.js`. */
  cliScript: string;
  env: NodeJS.ProcessEnv;
  /**
   * The container runs on another Mac: `container` (at `containerPath`
   * there) is run over ssh, and `slipway` with SLIPWAY_HOST, both through
   * the route the window's Reopen recorded.
   */
  remote?: {
    /** The ssh argv that runs a command on that Mac. */
    sshArgv(remoteArgv: readonly string[]): string[];
    /** `ssh://…` for SLIPWAY_HOST. */
    hostUrl: string;
    /** The ssh_config the route reads, for SLIPWAY_SSH_CONFIG. */
    configFile?: string;
  };
}

/**
 * This window is closing: takes its marker away and, when it was the last
 * window on the container (or Compose project), starts the stop as a
 * detached process, since the extension host is going away and a stop must
 * not depend on it. Returns whether a stop was started.
 */
export async function closeWindow(
  registry: WindowRegistry,
  shutdown: WindowShutdown,
  runners: ShutdownRunners,
  pid: number = process.pid,
): Promise<boolean> {
  if ((await registry.unregister(shutdown.key, pid)) > 0) {
    return false;
  }
  const remote = runners.remote;
  if (shutdown.kind === 'container') {
    if (remote === undefined) {
      runDetached(runners.containerPath, shutdown.args);
    } else {
      runDetached('ssh', remote.sshArgv([runners.containerPath, ...shutdown.args]));
    }
  } else {
    const env: NodeJS.ProcessEnv = {
      ...runners.env,
      // As the `slipway` launcher runs it: the editor's Electron as plain Node.
      ELECTRON_RUN_AS_NODE: '1',
      // Under SLIPWAY_HOST this is the path on that Mac, as the command line reads it.
      SLIPWAY_CONTAINER: runners.containerPath,
    };
    delete env.SLIPWAY_HOST;
    delete env.SLIPWAY_SSH_CONFIG;
    if (remote !== undefined) {
      env.SLIPWAY_HOST = remote.hostUrl;
      if (remote.configFile !== undefined) {
        env.SLIPWAY_SSH_CONFIG = remote.configFile;
      }
    }
    runDetached(runners.runtime, [runners.cliScript, ...shutdown.args], env);
  }
  return true;
}
