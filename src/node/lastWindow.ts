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
  if (shutdown.kind === 'container') {
    runDetached(runners.containerPath, shutdown.args);
  } else {
    runDetached(runners.runtime, [runners.cliScript, ...shutdown.args], {
      ...runners.env,
      // As the `slipway` launcher runs it: the editor's Electron as plain Node.
      ELECTRON_RUN_AS_NODE: '1',
      SLIPWAY_CONTAINER: runners.containerPath,
    });
  }
  return true;
}
