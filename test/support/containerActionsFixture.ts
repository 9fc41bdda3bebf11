import type * as vscode from 'vscode';
import { containerActions } from '../../src/vscode/commands/containerActions';
import type { ReadonlyDocuments } from '../../src/vscode/readonlyDocuments';
import type { Services } from '../../src/vscode/services';
import type { createFakeVscode } from './fakeVscode';

/**
 * The container actions as the extension wires them, over a test's own
 * services, with a silent log. Import test/support/vscodeModule first.
 */
export function fakeContainerActions(
  fake: ReturnType<typeof createFakeVscode>,
  services: unknown,
  refresh: () => void = () => undefined,
): ReturnType<typeof containerActions> {
  const log = { info: () => undefined, error: () => undefined, show: () => undefined };
  return containerActions({
    services: services as Services,
    documents: {} as ReadonlyDocuments,
    log: log as unknown as vscode.LogOutputChannel,
    memento: fake.fakeMemento() as unknown as vscode.Memento,
    refresh,
  });
}
