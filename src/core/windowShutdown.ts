/**
 * What closing a dev container's last editor window stops, by its config's
 * `shutdownAction`: `stopContainer` (the default for image and Dockerfile
 * configs) the container itself; `stopCompose` (the default for Compose
 * configs) every container of its Compose project, through `slipway stop`,
 * which stops them one after the other in reverse dependency order (the dev
 * container first); `none` nothing. Windows are counted per container, or per
 * Compose project: a project whose other service has a window of its own
 * (a second devcontainer.json on the same project) keeps running.
 */

export interface ShutdownWindow {
  containerId: string;
  workspaceFolder: string;
  configFile: string;
  shutdownAction: 'none' | 'stopContainer' | 'stopCompose';
  /** The Compose project of a Compose config's dev container. */
  composeProject?: string;
}

export type WindowShutdown =
  /** `container <args>`. */
  | { kind: 'container'; key: string; args: string[] }
  /** `slipway <args>`: the stops must run in order, after the editor has gone. */
  | { kind: 'slipway'; key: string; args: string[] };

export function windowShutdown(window: ShutdownWindow): WindowShutdown | undefined {
  if (window.shutdownAction === 'none') {
    return undefined;
  }
  if (window.shutdownAction === 'stopCompose' && window.composeProject !== undefined) {
    return {
      kind: 'slipway',
      // Not a container id: Apple's ids have no `:`, so the two kinds of key never meet.
      key: `compose:${window.composeProject}`,
      args: ['stop', '--workspace-folder', window.workspaceFolder, '--config', window.configFile],
    };
  }
  // stopCompose on a config without Compose is warned about at plan time and means this.
  return { kind: 'container', key: window.containerId, args: ['stop', window.containerId] };
}
