/**
 * Apple attaches a named volume to a VM as a block device, and the
 * Virtualization framework refuses a disk image already attached read-write
 * elsewhere (apple/container#1133): several read-only users work, a writer
 * plus anyone else does not. Refused at start, as Apple's bootstrap does.
 */
import { AppleError } from '../errors';
import type { AppleMount, ContainerRecord, Snapshot } from '../model/types';

const VZ_ERROR =
  'Error Domain=VZErrorDomain Code=2 "The storage device attachment is invalid." ' +
  'UserInfo={NSLocalizedFailure=Invalid virtual machine configuration., ' +
  'NSLocalizedFailureReason=The storage device attachment is invalid.}';

function volumeName(mount: AppleMount): string | undefined {
  return 'volume' in mount.type ? mount.type.volume.name : undefined;
}

function readOnly(mount: AppleMount): boolean {
  return mount.options.includes('ro');
}

/** The bootstrap failure as #1133 shows it (code and cause nesting as Apple prints them). */
export function bootstrapVolumeError(id: string): AppleError {
  return new AppleError(
    'internalError',
    'failed to bootstrap container',
    new AppleError(
      'internalError',
      `failed to bootstrap container ${id} (cause: "unknown: "${VZ_ERROR}"")`,
    ),
  );
}

/** Throws if starting `record` would attach a volume that a running container holds. */
export function checkVolumeSharing(record: ContainerRecord, snapshots: readonly Snapshot[]): void {
  const id = record.configuration.id;
  const running = snapshots.filter(
    (s) => s.record.configuration.id !== id && (s.state === 'running' || s.state === 'stopping'),
  );
  for (const mount of record.configuration.mounts) {
    const name = volumeName(mount);
    if (name === undefined) {
      continue;
    }
    const clash = running.some((s) =>
      s.record.configuration.mounts.some(
        (other) => volumeName(other) === name && !(readOnly(other) && readOnly(mount)),
      ),
    );
    if (clash) {
      throw bootstrapVolumeError(id);
    }
  }
}
