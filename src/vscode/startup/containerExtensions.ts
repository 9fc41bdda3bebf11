import * as vscode from 'vscode';

/**
 * `customizations.vscode.extensions` in a container window: installed on the
 * first attach to a container (and again after a rebuild, which makes a new
 * container). The editor installs a workspace extension into the remote
 * server; one that is already there (locally or remotely) is skipped.
 */
const DONE_KEY = 'slipway.extensionsInstalled';

export async function installContainerExtensions(
  state: vscode.Memento,
  containerId: string,
  extensions: readonly string[],
  log: vscode.LogOutputChannel,
): Promise<void> {
  const done = state.get<Record<string, string[]>>(DONE_KEY) ?? {};
  const already = new Set(done[containerId] ?? []);
  const wanted = extensions.filter(
    (id) => !already.has(id.toLowerCase()) && vscode.extensions.getExtension(id) === undefined,
  );
  if (wanted.length === 0) {
    return;
  }
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Installing the dev container’s extensions',
    },
    async (progress) => {
      for (const id of wanted) {
        progress.report({ message: id });
        try {
          await vscode.commands.executeCommand('workbench.extensions.installExtension', id);
          already.add(id.toLowerCase());
          log.info(`Installed ${id} in the container`);
        } catch (error) {
          // One unavailable extension must not stop the others; the log says which.
          log.warn(
            `Could not install ${id}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    },
  );
  await state.update(DONE_KEY, { ...done, [containerId]: [...already] });
}
