import * as vscode from 'vscode';
import { resumePendingReopen } from './commands/reopen';
import type { SlipwayContext } from './context';
import { offerReopen } from './reopenPrompt';
import { attachToContainerWindow } from './startup/attachWindow';
import { offerVolumeFolders, registerVolumeFolderOffer } from './volumeFolderOffer';
import { openWalkthroughOnce } from './walkthrough';
import { workspaceHasConfig } from './workspaceTarget';

/** Work that may touch the disk: kept off the activation path so activation stays fast. */
export async function afterActivation(ctx: SlipwayContext): Promise<void> {
  try {
    if (await attachToContainerWindow(ctx)) {
      return;
    }
    void openWalkthroughOnce(ctx.extension).catch((error: unknown) =>
      ctx.log.warn(`Opening the walkthrough failed: ${String(error)}`),
    );
    const hasConfig = await workspaceHasConfig();
    await vscode.commands.executeCommand('setContext', 'slipway.hasConfig', hasConfig);
    if (await resumePendingReopen(ctx)) {
      return;
    }
    if (hasConfig) {
      // A start recorded later (a slow postCreateCommand) may be the figure the offer needs.
      registerVolumeFolderOffer(ctx);
      await offerReopen(ctx.extension, ctx.trust);
      void offerVolumeFolders(ctx);
    }
  } catch (error) {
    ctx.log.warn(`Start-up checks failed: ${String(error)}`);
  }
}
