import type { FileInfo, HostFileSystem } from '../../core/host';
import {
  LIST_SCRIPT,
  READ_SCRIPT,
  STAT_SCRIPT,
  listResult,
  readResult,
  statResult,
} from '../../core/remote/remoteFiles';
import { refuseNul, WORKSPACE_FILE_MAX_BYTES } from '../workspaceFiles';
import type { SshSession } from './sshSession';

/**
 * The workspace's files on the remote Mac, read over the shared SSH
 * connection with the guarded reader's rules and cap (see remoteFiles.ts).
 */
export class RemoteFileSystem implements HostFileSystem {
  constructor(private readonly session: SshSession) {}

  async readTextFile(file: string): Promise<string | undefined> {
    refuseNul(file);
    const max = WORKSPACE_FILE_MAX_BYTES;
    // One byte past the cap is read, so "too big" is told from "exactly the cap".
    const result = await this.session.capture(
      ['/bin/sh', '-c', READ_SCRIPT, 'sh', file, String(max + 1)],
      { maxBytes: max + 1 },
    );
    return readResult(file, this.session.label, max, result);
  }

  async stat(file: string): Promise<FileInfo | undefined> {
    refuseNul(file);
    const result = await this.session.capture(['/bin/sh', '-c', STAT_SCRIPT, 'sh', file]);
    return statResult(file, this.session.label, result);
  }

  async listDirectory(directory: string): Promise<string[]> {
    refuseNul(directory);
    const result = await this.session.capture(['/bin/sh', '-c', LIST_SCRIPT, 'sh', directory]);
    return listResult(directory, this.session.label, result);
  }
}
