import * as vscode from 'vscode';

/** The Remote-SSH extensions of the editors Slipway supports, in order of preference. */
export const SSH_EXTENSION_IDS = [
  'ms-vscode-remote.remote-ssh',
  'anysphere.remote-ssh',
  'jeanp413.open-remote-ssh',
  'codeium.windsurf-remote-openssh',
] as const;

export function findSshExtension(): vscode.Extension<unknown> | undefined {
  for (const id of SSH_EXTENSION_IDS) {
    const extension = vscode.extensions.getExtension(id);
    if (extension !== undefined) {
      return extension;
    }
  }
  return undefined;
}
