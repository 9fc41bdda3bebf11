import { ContainerCliError, type ContainerInfo } from '../client/types';
import type { Plan } from '../plan/types';
import {
  ownershipFixCommand,
  ownershipSignature,
  VOLUME_FOLDERS_LABEL,
  volumeOwner,
} from '../plan/volumeFolders';
import type { ContainerMemo, EngineDeps } from './deps';
import { execArgs } from './execArgs';

/**
 * Named volumes are root-owned on Apple: before any hook installs into a
 * volume folder this container mounts (its label says which), its top folder
 * is given to the remote user (as root, through `container exec`). The memo records it, so it runs once per container and
 * user, not on every start; a rebuilt container checks again (its volumes are
 * kept, and the check changes nothing when they are the user's already).
 */
export async function fixVolumeOwnership(
  deps: EngineDeps,
  plan: Plan,
  container: ContainerInfo,
  memo: ContainerMemo,
  signal: AbortSignal | undefined,
): Promise<ContainerMemo> {
  const label = container.labels[VOLUME_FOLDERS_LABEL] ?? '';
  const mounted = new Set(label.split(',').filter((name) => name !== ''));
  const planned = plan.volumeFolders ?? [];
  // Only what this container mounts: a folder added to the setting since it was created is
  // still on the bind mount, on the Mac, and not Slipway's to chown.
  const volumes = planned.filter((v) => mounted.has(v.volume));
  if (volumes.length !== planned.length || mounted.size !== volumes.length) {
    deps.log(
      'The volume folders asked for (slipway.volumeFolders, --volume-folder) are not the ones this container was created with; rebuild it to apply them.\n',
    );
  }
  const owner = volumeOwner(memo.remoteUser, plan.containerUser ?? container.user);
  const command = ownershipFixCommand(owner, volumes);
  if (command === undefined || owner === undefined) {
    return memo;
  }
  const signature = ownershipSignature(owner, volumes);
  if (memo.volumeOwnership === signature) {
    return memo;
  }
  const result = await deps.client.execCapture(
    execArgs({ containerId: container.id, user: 'root', command }),
    { signal, timeoutMs: 60_000 },
  );
  if (result.exitCode !== 0) {
    throw new ContainerCliError(
      'failed',
      `Giving the volume folders (${volumes.map((v) => v.folder).join(', ')}) to ${owner} failed (exit ${result.exitCode}): ${result.stderr.trim()}. Check that the user exists in the image, or remove the folders from slipway.volumeFolders.`,
    );
  }
  const changed = result.stdout.split('\n').filter((line) => line.trim() !== '');
  if (changed.length > 0) {
    deps.log(`Gave ${changed.join(', ')} to ${owner} (named volumes start root-owned).\n`);
  }
  const updated = { ...memo, volumeOwnership: signature };
  await deps.memos.write(updated);
  return updated;
}
