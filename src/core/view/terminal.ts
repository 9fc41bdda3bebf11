import type { ContainerInfo } from '../client/types';
import type { ContainerMemo } from '../engine/deps';
import { execArgs } from '../engine/execArgs';
import { LOCAL_FOLDER_LABEL } from '../config/devcontainerId';

/**
 * `container exec -it` for an integrated terminal: in a dev container, the
 * remote user's login shell in the workspace folder (a login shell reads the
 * environment Slipway wrote to /etc/profile.d); elsewhere, `sh` as the
 * container's own user.
 */
/** A user whose shell is nologin/false still gets a terminal: `sh`. */
function loginShell(shell: string): string {
  return shell === '' || /\/(nologin|false)$/.test(shell) ? '/bin/sh' : shell;
}

export function terminalExecArgs(container: ContainerInfo, memo?: ContainerMemo): string[] {
  const isDevContainer = container.labels[LOCAL_FOLDER_LABEL] !== undefined;
  if (isDevContainer && memo !== undefined) {
    return execArgs({
      containerId: container.id,
      user: memo.remoteUser,
      workdir: memo.remoteWorkspaceFolder,
      interactive: true,
      tty: true,
      command: [loginShell(memo.shell), '-l'],
    });
  }
  return execArgs({
    containerId: container.id,
    interactive: true,
    tty: true,
    command: ['/bin/sh'],
  });
}
