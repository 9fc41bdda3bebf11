import type { PortForward } from '../../core/plan/portForwards';
import type { VscodeCustomizations } from '../../core/plan/vscodeCustomizations';

/**
 * The seam between bringing a dev container up and connecting the window to
 * it. Reopen measures the hand-over as its `connect` phase; the Remote-SSH
 * transport plugs in here without the start-up flow changing.
 */
export interface ConnectTarget {
  containerId: string;
  containerName: string;
  remoteUser: string;
  remoteWorkspaceFolder: string;
  workspaceFolder: string;
  configFile: string;
  /** The container's environment and the remote user's on top, for SSH sessions. */
  containerEnv: readonly string[];
  sessionEnv: Readonly<Record<string, string>>;
  /** `forwardPorts`, resolved: the dev container's own ports and Compose services' by name. */
  portForwards: readonly PortForward[];
  /** Extensions and machine settings for the container's editor server. */
  vscode: VscodeCustomizations;
  shutdownAction?: 'none' | 'stopContainer' | 'stopCompose';
  composeProject?: string;
}

export type ConnectOutcome =
  | { kind: 'opened' }
  /** Nothing was opened; `reason` tells the user why and what they can do instead. */
  | { kind: 'notConnected'; reason: string };

export interface WindowConnector {
  connect(
    target: ConnectTarget,
    options: { newWindow: boolean; signal: AbortSignal },
  ): Promise<ConnectOutcome>;
}
