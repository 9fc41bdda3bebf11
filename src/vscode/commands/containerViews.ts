import * as vscode from 'vscode';
import { inspectJsonCommand, logsCommand } from '../../core/client/containerCommands';
import { containerItem } from '../../core/view/containerItems';
import { terminalExecArgs } from '../../core/view/terminal';
import { reportFailure } from '../userErrors';
import { any, isRunning, targets, type ActionDeps, type Node } from './containerTargets';

/** Open Terminal, Show Container Log and Inspect: one container each, looked into, not changed. */

export function openTerminalAction(deps: ActionDeps) {
  return async (node?: Node): Promise<void> => {
    const [container] = await targets(deps, node, undefined, isRunning, 'open a terminal in');
    if (container === undefined) {
      return;
    }
    try {
      const executable = await deps.services.runner().executable();
      const memo = await deps.services.engine().memos.read(container.id);
      const terminal = vscode.window.createTerminal({
        name: `${containerItem(container).label} (container)`,
        shellPath: executable,
        shellArgs: terminalExecArgs(container, memo),
        iconPath: new vscode.ThemeIcon('vm'),
      });
      terminal.show();
    } catch (error) {
      await reportFailure(error, 'Open Terminal in Container', deps.log);
    }
  };
}

export function showContainerLogAction(deps: ActionDeps) {
  return async (node?: Node): Promise<void> => {
    const [container] = await targets(deps, node, undefined, any, 'show the log of');
    if (container === undefined) {
      return;
    }
    try {
      const text = await deps.services.runner().run(logsCommand(container.id, { lines: 1000 }));
      await deps.documents.show(
        `Log of ${container.id}.log`,
        text === '' ? `(${container.id} has written nothing to its log yet)\n` : text,
      );
    } catch (error) {
      await reportFailure(error, 'Show Container Log', deps.log);
    }
  };
}

export function inspectAction(deps: ActionDeps) {
  return async (node?: Node): Promise<void> => {
    const [container] = await targets(deps, node, undefined, any, 'inspect');
    if (container === undefined) {
      return;
    }
    try {
      const json = await deps.services.runner().run(inspectJsonCommand(container.id));
      const editor = await deps.documents.show(`${container.id}.json`, `${json}\n`);
      await vscode.languages.setTextDocumentLanguage(editor.document, 'json');
    } catch (error) {
      await reportFailure(error, 'Inspect Container', deps.log);
    }
  };
}
