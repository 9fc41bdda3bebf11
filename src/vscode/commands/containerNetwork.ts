import * as vscode from 'vscode';
import type { PublishedPortInfo } from '../../core/client/types';
import { containersOf, type Node } from './containerTargets';

/** Copy IP and Open Port: from the tree's row only, since they need the row's addresses. */

export function copyIpAction() {
  return async (node?: Node): Promise<void> => {
    const [container] = containersOf(node, undefined);
    if (container?.ipAddress === undefined) {
      void vscode.window.showInformationMessage(
        'That container has no IP address: it is not running.',
      );
      return;
    }
    await vscode.env.clipboard.writeText(container.ipAddress);
    void vscode.window.setStatusBarMessage(`Copied ${container.ipAddress}`, 3000);
  };
}

export function openPortAction() {
  return async (node?: Node): Promise<void> => {
    const [container] = containersOf(node, undefined);
    const picked = await pickPort(container?.publishedPorts ?? []);
    if (picked === undefined) {
      return;
    }
    // A port published on all addresses is reached on this machine through loopback.
    const host = ['0.0.0.0', '::', ''].includes(picked.hostAddress)
      ? 'localhost'
      : picked.hostAddress;
    await vscode.env.openExternal(vscode.Uri.parse(`http://${host}:${picked.hostPort}/`));
  };
}

/** The only port without asking; a pick when there are several. */
async function pickPort(
  ports: readonly PublishedPortInfo[],
): Promise<PublishedPortInfo | undefined> {
  if (ports.length <= 1) {
    return ports[0];
  }
  const picked = await vscode.window.showQuickPick(
    ports.map((port) => ({
      label: `${port.hostPort}`,
      description: `→ ${port.containerPort}/${port.proto}`,
      port,
    })),
    { placeHolder: 'Which published port?' },
  );
  return picked?.port;
}
