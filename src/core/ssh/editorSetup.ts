import { execArgs } from '../engine/execArgs';

/**
 * What the container's editor server finds on first connect, written as the
 * remote user through `container exec` before the window opens:
 * `customizations.vscode.settings` as the server's machine settings, and the
 * user's `~/.gitconfig`. Each file is written only when it is not there yet
 * (a new or rebuilt container), so changes made inside the container stay.
 * The contents travel in environment variables, never in the script text.
 */

/** Where each editor's server keeps its data in the remote user's home. */
export const SERVER_FOLDERS: Readonly<Record<string, string>> = {
  vscode: '.vscode-server',
  'vscode-insiders': '.vscode-server-insiders',
  cursor: '.cursor-server',
  vscodium: '.vscodium-server',
  windsurf: '.windsurf-server',
};

export function serverFolderFor(uriScheme: string): string {
  return SERVER_FOLDERS[uriScheme] ?? '.vscode-server';
}

const SCRIPT = `set -eu
server_folder=$1
cd "$HOME"
if [ -n "\${SLIPWAY_MACHINE_SETTINGS:-}" ]; then
  target="$server_folder/data/Machine/settings.json"
  if [ ! -e "$target" ]; then
    mkdir -p "$server_folder/data/Machine"
    printf '%s\\n' "$SLIPWAY_MACHINE_SETTINGS" > "$target"
    echo "wrote $target"
  fi
fi
if [ -n "\${SLIPWAY_GITCONFIG:-}" ] && [ ! -e .gitconfig ]; then
  printf '%s\\n' "$SLIPWAY_GITCONFIG" > .gitconfig
  echo "wrote ~/.gitconfig"
fi
`;

export interface EditorSetupRequest {
  containerId: string;
  remoteUser: string;
  /** From `vscode.env.uriScheme`: which server folder. */
  uriScheme: string;
  settings: Readonly<Record<string, unknown>>;
  /** The host's ~/.gitconfig, when it is to be copied. */
  gitconfig?: string;
}

/** `undefined` when there is nothing to write. */
export function editorSetupInvocation(
  request: EditorSetupRequest,
): { args: string[]; input: string } | undefined {
  const env: Record<string, string> = {};
  if (Object.keys(request.settings).length > 0) {
    env.SLIPWAY_MACHINE_SETTINGS = JSON.stringify(request.settings, null, 2);
  }
  if (request.gitconfig !== undefined && request.gitconfig.trim() !== '') {
    env.SLIPWAY_GITCONFIG = request.gitconfig.replace(/\n$/, '');
  }
  if (Object.keys(env).length === 0) {
    return undefined;
  }
  return {
    args: execArgs({
      containerId: request.containerId,
      user: request.remoteUser,
      interactive: true,
      env,
      command: ['/bin/sh', '-s', '--', serverFolderFor(request.uriScheme)],
    }),
    input: SCRIPT,
  };
}
