import * as vscode from 'vscode';
import { planForDisplay } from '../../core/engine/planCommand';
import { renderPlan } from '../../core/plan/render';
import { readHostInfo } from '../../node/hostInfo';
import type { ReadonlyDocuments } from '../readonlyDocuments';
import type { Services } from '../services';
import { planSettingsFor } from '../settings';
import { reportFailure } from '../userErrors';
import { pickTarget } from '../workspaceTarget';

/**
 * Slipway: Show Container Plan. Shows the exact `container` commands that
 * would bring the workspace's dev container up, running nothing. It still
 * reads host variables into the text and fetches the config's Features, so
 * it is registered behind the trust gate. The folder and config are picked as
 * Reopen picks them; a config mistake is reported with Open devcontainer.json.
 */
export function showPlanCommand({
  services,
  documents,
  memento,
  log,
}: {
  services: Services;
  documents: ReadonlyDocuments;
  memento: vscode.Memento;
  log: vscode.LogOutputChannel;
}) {
  return async (): Promise<void> => {
    const target = await pickTarget(memento);
    if (!target) {
      return;
    }
    try {
      // As `slipway plan`: Features resolved (from the cache when offline), nothing written.
      const host = await readHostInfo();
      const plan = await planForDisplay(services.engine(), {
        workspaceFolder: target.folder.uri.fsPath,
        configFile: target.configFile,
        settings: planSettingsFor(target.folder.uri),
        env: process.env,
        host: {
          memoryBytes: host.memoryBytes,
          ...(host.osVersion !== undefined ? { macosVersion: host.osVersion } : {}),
        },
      });
      log.info(`Planned ${plan.containerName} from ${plan.configFile}`);
      await documents.show(`Plan for ${target.folder.name}.txt`, renderPlan(plan));
    } catch (error) {
      await reportFailure(error, 'Show Container Plan', log);
    }
  };
}
